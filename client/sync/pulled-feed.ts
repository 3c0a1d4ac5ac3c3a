// Pulled-but-not-yet-stored contacts, told to this tab's query index (first sync, issue 9).
// Storing 100k records in IndexedDB takes ~20 s; the index takes them straight from the network
// so the table is usable in seconds. In-tab only: other tabs read what is stored (change feed).
// Only records no pending mutation touches are sent, so a preview never hides a local edit.
import type { Contact } from '../../shared/schema';
import type { ContactsDB } from '../db/db';

export type PulledContacts = { db: ContactsDB; upserts: Contact[]; removed: string[] };
type Listener = (batch: PulledContacts) => void;

const listeners = new Set<Listener>();

export function publishPulled(batch: PulledContacts): void {
  if (batch.upserts.length === 0 && batch.removed.length === 0) return;
  for (const listener of listeners) listener(batch);
}

export function subscribePulled(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
