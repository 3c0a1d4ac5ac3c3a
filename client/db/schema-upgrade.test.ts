// P3: a new app version with a newer Dexie schema opens a device's existing database and keeps
// every row. The v1 schema below is copied from db.ts's version history (never edit it there).
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import { EMPTY_DERIVED, type Contact } from '../../shared/schema';
import { ContactsDB } from './db';

const V1_STORES = {
  contacts: 'id, createdAt, lastInteractionAt, name',
  conversations: 'id, contactId, lastMessageAt',
  fields: 'id, key, position',
  segments: 'id, name',
  outbox: 'id',
  meta: 'key',
};

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

const contact = (i: number): Contact => ({
  id: newId(),
  name: `Person ${i}`,
  email: `p${i}@example.com`,
  phone: '',
  avatarUrl: '',
  campaignOptIn: i % 2 === 0,
  customFields: { plan: 'pro' },
  createdAt: 1_700_000_000_000 + i,
  updatedAt: 1_700_000_000_000 + i,
  ...EMPTY_DERIVED,
});

describe('Dexie schema upgrade', () => {
  it('[P3] opening a v1 database with the current ContactsDB migrates it without losing data', async () => {
    const name = `upgrade-${newId()}`;
    names.push(name);
    const contacts = Array.from({ length: 50 }, (_, i) => contact(i));
    const outbox = [{ id: 1, name: 'contact.patch', clientTime: 1, args: { id: contacts[0].id, set: { name: 'Renamed' } } }];

    // The previous version of the app: schema v1, with data and a pending mutation.
    const old = new Dexie(name);
    old.version(1).stores(V1_STORES);
    await old.open();
    await old.table('contacts').bulkAdd(contacts);
    await old.table('outbox').bulkAdd(outbox);
    await old.table('meta').bulkPut([
      { key: 'cursor', value: 4242 },
      { key: 'mutationCounter', value: 1 },
      { key: 'initialSyncDone', value: true },
    ]);
    expect(old.verno).toBe(1);
    old.close();

    // The new version of the app opens the same database.
    const db = new ContactsDB(name);
    await db.open();
    expect(db.verno).toBeGreaterThan(1);
    expect(db.tables.map((t) => t.name)).toContain('bases');
    expect(await db.contacts.count()).toBe(50);
    expect(await db.contacts.get(contacts[7].id)).toEqual(contacts[7]);
    expect(await db.contacts.orderBy('createdAt').first()).toEqual(contacts[0]);
    expect(await db.outbox.toArray()).toEqual(outbox);
    expect(await db.getMeta('cursor')).toBe(4242);
    expect(await db.getMeta('initialSyncDone')).toBe(true);
    // The new table works on the migrated database.
    await db.bases.put({ table: 'contacts', id: contacts[0].id, record: contacts[0], deleted: false });
    expect(await db.bases.count()).toBe(1);
    db.close();
  });
});
