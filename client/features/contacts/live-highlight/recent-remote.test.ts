import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import { ContactsDB } from '../../../db/db';
import { publishChanges } from '../../../db/change-feed';
import { createContact, patchContact } from '../../../db/changes';
import { newId } from '../../../../shared/ids';
import { changedRemotely, HIGHLIGHT_MS, startRecentRemote } from './recent-remote';

const db = new ContactsDB(`recent-remote-${newId()}`);
afterAll(() => db.delete());
const settle = () => new Promise((r) => setTimeout(r, 0));
const blank = { email: '', phone: '', avatarUrl: '', campaignOptIn: false, customFields: {} };

describe('[V4] Live highlight: which contacts a pull changed', () => {
  startRecentRemote();

  it("this user's own edits are not highlighted", async () => {
    const id = await createContact(db, { name: 'Own', ...blank });
    await patchContact(db, id, { set: { email: 'own@example.com' } });
    await settle();
    expect(changedRemotely(id)).toBe(false);
  });

  it('contacts a pull publishes are highlighted for HIGHLIGHT_MS', async () => {
    const id = newId();
    publishChanges({ table: 'contacts', ids: [id] }); // what pull.ts does after storing a page
    await settle();
    expect(changedRemotely(id)).toBe(true);
    expect(changedRemotely(id, Date.now() + HIGHLIGHT_MS + 1)).toBe(false);
  });

  it('a big page (first sync, resync) is a load, not live traffic', async () => {
    const ids = Array.from({ length: 600 }, () => newId());
    publishChanges({ table: 'contacts', ids });
    await settle();
    expect(ids.some((id) => changedRemotely(id))).toBe(false);
  });

  it('other tables are ignored', async () => {
    const id = newId();
    publishChanges({ table: 'segments', ids: [id] });
    await settle();
    expect(changedRemotely(id)).toBe(false);
  });
});
