// Reads one contact live from Dexie for the details drawer and the editor. When a contact that
// was there disappears (deleted on another device, then pulled), onGone is called once, so the
// caller can close with a clear message instead of showing an error or an empty form.
import { useEffect, useRef } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Contact } from '../../../../shared/schema';
import { db } from '../../../db/db';

/** undefined while loading, null when there is no such contact. */
export function useLiveContact(id: string | null, onGone: (id: string) => void): Contact | null | undefined {
  const contact = useLiveQuery(async () => (id ? ((await db.contacts.get(id)) ?? null) : null), [id], undefined);
  const seen = useRef<string | null>(null);
  useEffect(() => {
    if (contact) seen.current = contact.id;
    else if (contact === null && id !== null && seen.current === id) {
      seen.current = null;
      onGone(id);
    }
  }, [contact, id, onGone]);
  return contact && contact.id === id ? contact : contact === null ? null : undefined;
}
