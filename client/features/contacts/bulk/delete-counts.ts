// V9: what the delete confirmation states - how many of the selected contacts have
// conversations and how many have none (contact.conversationCount, kept by the server).
import type { ContactsDB } from '../../../db/db';

export type DeleteCounts = { total: number; withConversations: number; withoutConversations: number };

export async function deleteCounts(db: ContactsDB, ids: readonly string[]): Promise<DeleteCounts> {
  const rows = await db.contacts.bulkGet([...ids]);
  let total = 0;
  let withConversations = 0;
  for (const c of rows) {
    if (!c) continue; // deleted meanwhile: not part of what will be deleted
    total++;
    if (c.conversationCount > 0) withConversations++;
  }
  return { total, withConversations, withoutConversations: total - withConversations };
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
