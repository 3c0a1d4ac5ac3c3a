// Contacts pulled during a first sync and shown before they are stored (client/sync/pull-pipeline).
// The local change API uses such a contact as the server base when the user edits it before its
// page is stored, so the edit works at once; storing the page later rebases it as usual (S5).
// In memory and per tab, like the preview itself.
import type { Contact } from '../../shared/schema';
import type { ContactsDB } from './db';

const byDb = new WeakMap<ContactsDB, Map<string, Contact>>();

export function rememberUnstored(db: ContactsDB, contacts: Contact[], removedIds: string[]): void {
  let map = byDb.get(db);
  if (!map) byDb.set(db, (map = new Map()));
  for (const contact of contacts) map.set(contact.id, contact);
  for (const id of removedIds) map.delete(id);
}

export function forgetUnstored(db: ContactsDB, ids: string[]): void {
  const map = byDb.get(db);
  if (map) for (const id of ids) map.delete(id);
}

export function unstoredContact(db: ContactsDB, id: string): Contact | undefined {
  return byDb.get(db)?.get(id);
}
