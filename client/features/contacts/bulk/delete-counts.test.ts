import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import { EMPTY_DERIVED, type Contact } from '../../../../shared/schema';
import { newId } from '../../../../shared/ids';
import { ContactsDB } from '../../../db/db';
import { countsSentence, deleteCounts, deleteCountsFrom, deleteLabel } from './delete-counts';

const db = new ContactsDB(`delete-counts-${newId()}`);
afterAll(() => db.delete());

const contact = (conversationCount: number): Contact => ({
  id: newId(),
  createdAt: 1,
  updatedAt: 1,
  name: 'C',
  email: '',
  phone: '',
  avatarUrl: '',
  campaignOptIn: false,
  customFields: {},
  ...EMPTY_DERIVED,
  conversationCount,
});

describe('[V9] Delete contacts dialog counts', () => {
  it('counts selected contacts with and without conversations; ids deleted meanwhile are not counted', async () => {
    const rows = [contact(3), contact(1), contact(0)];
    await db.contacts.bulkPut(rows);
    const counts = await deleteCounts(db, [...rows.map((c) => c.id), newId()]);
    expect(counts).toEqual({ total: 3, withConversations: 2, withoutConversations: 1 });
    expect(countsSentence(counts)).toEqual(['2 have conversations.', '1 has no conversations.']);
  });

  it('counts from the in-memory index (no database read) exactly as from Dexie', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => contact(i % 4));
    await db.contacts.bulkPut(rows);
    const byId = new Map(rows.map((c) => [c.id, c]));
    const ids = [...rows.slice(0, 37).map((c) => c.id), newId()];
    const fromIndex = deleteCountsFrom((id) => byId.get(id), ids);
    expect(fromIndex).toEqual({ total: 37, withConversations: 27, withoutConversations: 10 });
    expect(fromIndex).toEqual(await deleteCounts(db, ids));
  });

  it('names the confirm button with the count', () => {
    expect(deleteLabel(1)).toBe('Delete 1 contact');
    expect(deleteLabel(3)).toBe('Delete 3 contacts');
    expect(deleteLabel(10000)).toBe('Delete 10,000 contacts');
  });
});
