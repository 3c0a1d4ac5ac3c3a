// The contacts journal and the packed snapshot (issue 9, cold start): a load from the snapshot
// always equals the contacts table, whatever was written before, during or after it was taken.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import type { Contact } from '../../shared/schema';
import { makeContact, testId } from '../../shared/filter/test-contact';
import { createContact, deleteContacts, patchContact } from '../db/changes';
import { ContactsDB } from '../db/db';
import { ContactIndex } from './contact-index';
import { readChangesSince, readSnapshot } from './contact-snapshot';
import { loadContacts, type LoadResult } from './load-contacts';

const dbs: ContactsDB[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});
function freshDb(): ContactsDB {
  const db = new ContactsDB(`snapshot-${newId()}`);
  dbs.push(db);
  return db;
}
const journalIds = async (db: ContactsDB) => (await db.contactsJournal.toArray()).map((r) => (r.ids ? [...r.ids].sort() : null));

describe('[issue 9] contacts journal', () => {
  it('[S1] every contacts write adds its ids to the journal in the same transaction', async () => {
    const db = freshDb();
    await db.setMeta('session', { token: 't', workspaceId: newId(), workspaceName: 'W', clientId: newId() });
    await db.contacts.put(makeContact({ id: testId(1) }));
    await db.contacts.bulkPut([makeContact({ id: testId(2) }), makeContact({ id: testId(3) })]);
    await db.contacts.where('id').equals(testId(2)).modify({ name: 'Changed' });
    await db.contacts.bulkDelete([testId(3)]);
    await db.conversations.put({ id: newId() } as never).catch(() => {}); // other tables: no journal row
    expect(await journalIds(db)).toEqual([[testId(1)], [testId(2), testId(3)], [testId(2)], [testId(3)]]);

    // The local change API (record + outbox in one transaction) is journaled too.
    await db.contactsJournal.clear();
    const id = await createContact(db, { name: 'New', email: '', phone: '', avatarUrl: '', campaignOptIn: false, customFields: {} });
    await patchContact(db, id, { set: { name: 'Newer' } });
    await deleteContacts(db, [id]);
    expect((await journalIds(db)).every((ids) => ids?.includes(id))).toBe(true);
    expect(await db.contactsJournal.count()).toBeGreaterThanOrEqual(3);

    // clear() may change everything; an aborted write leaves no journal row.
    await db.contacts.clear();
    expect((await journalIds(db)).at(-1)).toBeNull();
    const before = await db.contactsJournal.count();
    await db
      .transaction('rw', db.contacts, async () => {
        await db.contacts.put(makeContact({ id: testId(9) }));
        throw new Error('abort');
      })
      .catch(() => {});
    expect(await db.contactsJournal.count()).toBe(before);
    expect(await db.contacts.get(testId(9))).toBeUndefined();
  });
});

/** Few ids, so deletes and overwrites hit existing contacts often. */
const IDS = 8;
type Op = { kind: 'put' | 'delete'; n: number; name: string } | { kind: 'clear' } | { kind: 'load' };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('put' as const), n: fc.integer({ min: 1, max: IDS }), name: fc.constantFrom('A', 'B', 'C') }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), n: fc.integer({ min: 1, max: IDS }), name: fc.constant('') }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'clear' as const }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'load' as const }) },
);

async function apply(db: ContactsDB, op: Op): Promise<void> {
  if (op.kind === 'put') await db.contacts.put(makeContact({ id: testId(op.n), name: `${op.name}${op.n}`, createdAt: op.n }));
  else if (op.kind === 'delete') await db.contacts.delete(testId(op.n));
  else if (op.kind === 'clear') await db.contacts.clear();
}

/** What an index loaded by loadContacts holds, by id. */
function contents(index: ContactIndex, ids: string[]): (Contact | undefined)[] {
  return ids.map((id) => index.get(id));
}

describe('[issue 9] packed snapshot', () => {
  it('[S1] a load (from the snapshot or not) equals the table, with writes before, during and after snapshots', async () => {
    let fromSnapshot = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { maxLength: 30 }), fc.array(opArb, { maxLength: 6 }), async (ops, during) => {
        const db = freshDb();
        const pendingWrites: Promise<boolean>[] = [];
        for (const op of ops) {
          if (op.kind !== 'load') {
            await apply(db, op);
            continue;
          }
          // Writes land while the load reads (between its chunks).
          const queue = [...during];
          const index = new ContactIndex({ locale: 'en' });
          const result: LoadResult = await loadContacts(db, index, {
            chunkSize: 3,
            closed: () => false,
            onChunk: async () => {
              const next = queue.shift();
              if (next && next.kind !== 'load') await apply(db, next);
            },
          });
          if (!result) throw new Error('closed');
          if (result.source === 'snapshot') fromSnapshot++;
          pendingWrites.push(result.written);
          // Writes during the load reach the real engine as change notices; a load equals the table
          // as it was when it started, plus (after those notices) the table now. Here: a second
          // load after the snapshot write must equal the table exactly.
          await result.written;
          const again = new ContactIndex({ locale: 'en' });
          const second = await loadContacts(db, again, { chunkSize: 4, closed: () => false, onChunk: async () => {} });
          if (!second) throw new Error('closed');
          if (second.source === 'snapshot') fromSnapshot++;
          const rows = await db.contacts.toArray();
          const all = Array.from({ length: IDS }, (_, i) => testId(i + 1));
          expect(contents(again, all)).toEqual(all.map((id) => rows.find((c) => c.id === id)));
          expect(again.size).toBe(rows.length);
          await second.written;
        }
        await Promise.all(pendingWrites);
        db.close();
      }),
      { numRuns: 40 },
    );
    expect(fromSnapshot).toBeGreaterThan(10); // the snapshot path was exercised
  });

  it('[S1] a load from the snapshot shows contacts written and deleted since it was taken', async () => {
    const db = freshDb();
    const noop = { chunkSize: 2, closed: () => false, onChunk: async () => {} };
    await db.contacts.bulkPut([1, 2, 3].map((n) => makeContact({ id: testId(n), name: `Old ${n}` })));
    expect(await (await loadContacts(db, new ContactIndex(), noop))?.written).toBe(true);
    await db.contacts.delete(testId(1));
    await db.contacts.put(makeContact({ id: testId(2), name: 'New 2' }));
    await db.contacts.put(makeContact({ id: testId(4), name: 'New 4' }));
    const index = new ContactIndex();
    expect((await loadContacts(db, index, noop))?.source).toBe('snapshot');
    expect([1, 2, 3, 4].map((n) => index.get(testId(n))?.name)).toEqual([undefined, 'New 2', 'Old 3', 'New 4']);
    expect(index.size).toBe(3);
  });

  it('[S1] changes since a snapshot are refused once a newer snapshot may have trimmed them', async () => {
    const db = freshDb();
    await db.contacts.bulkPut([makeContact({ id: testId(1) }), makeContact({ id: testId(2) })]);
    const first = await loadContacts(db, new ContactIndex(), { chunkSize: 5, closed: () => false, onChunk: async () => {} });
    expect(await first?.written).toBe(true);
    const old = await readSnapshot(db);
    await db.contacts.put(makeContact({ id: testId(3) }));
    // Another tab loads and writes a newer snapshot (trimming the journal up to it).
    await db.snapshot.clear();
    const second = await loadContacts(db, new ContactIndex(), { chunkSize: 5, closed: () => false, onChunk: async () => {} });
    expect(await second?.written).toBe(true);
    expect(await readChangesSince(db, old?.upTo ?? -1, 100)).toBeNull();
    expect((await readSnapshot(db))?.parts.flat().map((c) => c.id).sort()).toEqual([testId(1), testId(2), testId(3)]);
  });
});
