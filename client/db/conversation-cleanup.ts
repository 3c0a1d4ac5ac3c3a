// Conversations of contacts deleted on this device, removed right after the delete commits, in
// their own short transactions. Why not in the delete's transaction: finding and deleting ~25k
// conversations of 10k contacts takes seconds of IndexedDB work (issue 9: delete 10k <= 2 s), and
// nothing shows a deleted contact's conversations. If the tab closes first, the server's tombstones
// for them (a contact delete tombstones its conversations) arrive with the next pull and remove them.
import { publishChanges } from './change-feed';
import type { ContactsDB } from './db';

/** Contacts per cleanup transaction: keeps each one short so a pull waiting on the table is not held up. */
const CHUNK = 2000;
const queues = new WeakMap<ContactsDB, Promise<void>>();

/** Queues removal of these contacts' conversations (in order with earlier requests). */
export function removeConversationsOf(db: ContactsDB, contactIds: readonly string[]): void {
  if (!contactIds.length) return;
  const ids = [...contactIds];
  const next = (queues.get(db) ?? Promise.resolve()).then(() => run(db, ids)).catch(() => {
    // Closed or wiped database: the pull's tombstones (or the rebuild) take care of them.
  });
  queues.set(db, next);
}

/** Resolves when every queued removal is done (tests; a full resync). */
export function conversationsRemoved(db: ContactsDB): Promise<void> {
  return queues.get(db) ?? Promise.resolve();
}

async function run(db: ContactsDB, contactIds: string[]): Promise<void> {
  for (let i = 0; i < contactIds.length; i += CHUNK) {
    const chunk = contactIds.slice(i, i + CHUNK);
    const removed = await db.transaction('rw', db.conversations, async () => {
      // One index lookup per contact, all in flight together: an anyOf() cursor over thousands of
      // keys steps key by key (30x slower in fake-indexeddb, ~2x in Chromium).
      const lists = await Promise.all(chunk.map((id) => db.conversations.where('contactId').equals(id).primaryKeys()));
      const convIds = lists.flat();
      if (convIds.length) await db.conversations.bulkDelete(convIds);
      return convIds;
    });
    publishChanges({ table: 'conversations', ids: removed });
  }
}
