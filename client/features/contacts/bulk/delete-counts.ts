// V9: what the delete confirmation states - how many of the selected contacts have
// conversations and how many have none (contact.conversationCount, kept by the server).
import type { Contact } from '../../../../shared/schema';
import type { ContactsDB } from '../../../db/db';

export type DeleteCounts = { total: number; withConversations: number; withoutConversations: number };

/** Counts from records (missing = deleted meanwhile: not part of what will be deleted). */
export function countRows(rows: Iterable<Pick<Contact, 'conversationCount'> | undefined>): DeleteCounts {
  let total = 0;
  let withConversations = 0;
  for (const c of rows) {
    if (!c) continue;
    total++;
    if (c.conversationCount > 0) withConversations++;
  }
  return { total, withConversations, withoutConversations: total - withConversations };
}

/**
 * From the in-memory query index (issue 9: 100k selected in a few ms instead of seconds of
 * IndexedDB reads): `get` is the engine's lookup, the contacts exactly as the table shows them.
 */
export function deleteCountsFrom(get: (id: string) => Pick<Contact, 'conversationCount'> | undefined, ids: readonly string[]): DeleteCounts {
  return countRows(ids.map(get));
}

/** From Dexie, for when the index is not loaded. */
export async function deleteCounts(db: ContactsDB, ids: readonly string[]): Promise<DeleteCounts> {
  return countRows(await db.contacts.bulkGet([...ids]));
}

const n = (x: number) => x.toLocaleString('en');

/** "Delete 1 contact" / "Delete 3 contacts" - the confirm button's name. */
export function deleteLabel(count: number): string {
  return `Delete ${n(count)} ${count === 1 ? 'contact' : 'contacts'}`;
}

export function countsSentence(c: DeleteCounts): string[] {
  return [
    `${n(c.withConversations)} ${c.withConversations === 1 ? 'has' : 'have'} conversations.`,
    `${n(c.withoutConversations)} ${c.withoutConversations === 1 ? 'has' : 'have'} no conversations.`,
  ];
}
