// The query engine over a real Dexie database (fake-indexeddb): load, change feed, fields, reset.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import type { FilterContext } from '../../shared/filter/evaluate';
import { makeContact, makeField, testId } from '../../shared/filter/test-contact';
import { publishChanges } from '../db/change-feed';
import { publishPulled } from '../sync/pulled-feed';
import { createContact, deleteContacts } from '../db/changes';
import { ContactsDB } from '../db/db';
import { createQueryEngine, type QueryEngine } from './engine';
import type { ContactQuery } from './types';

const open: { db: ContactsDB; engine?: QueryEngine }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) {
    o.engine?.close();
    o.db.close();
  }
});

function freshDb(): ContactsDB {
  const db = new ContactsDB(`query-engine-${newId()}`);
  open.push({ db });
  return db;
}

function start(db: ContactsDB, chunkSize = 7): QueryEngine {
  const engine = createQueryEngine(db, { chunkSize, locale: 'en' });
  open[open.length - 1].engine = engine;
  return engine;
}

const ctx: FilterContext = { now: Date.UTC(2026, 5, 1), fields: [] };
const q = (over: Partial<ContactQuery> = {}): ContactQuery => ({
  search: '',
  filter: { match: 'all', conditions: [] },
  sort: { by: 'name', dir: 'asc' },
  page: 1,
  pageSize: 100,
  ...over,
});
const names = (engine: QueryEngine, over: Partial<ContactQuery> = {}): string[] => engine.query(q(over), ctx).rows.map((c) => c.name);

describe('[Q1][S1] query engine over Dexie', () => {
  it('[V9][Q1] a local delete notice removes the ids at once, without reading them back', async () => {
    const db = freshDb();
    await db.contacts.bulkPut([1, 2, 3].map((i) => makeContact({ id: testId(i), name: `P${i}` })));
    const engine = start(db);
    await engine.settled();
    // The notice is trusted: even a row still in Dexie leaves the index (no bulkGet of 10k ids).
    publishChanges({ table: 'contacts', ids: [testId(1)], deleted: true });
    await engine.settled();
    expect(names(engine)).toEqual(['P2', 'P3']);
    // The real path: deleteContacts publishes the hint after its transaction commits.
    const id = await createContact(db, { name: 'Gone Soon', email: '', phone: '', avatarUrl: '', campaignOptIn: false, customFields: {} });
    await engine.settled();
    expect(names(engine)).toContain('Gone Soon');
    await deleteContacts(db, [id]);
    await engine.settled();
    expect(names(engine)).toEqual(['P2', 'P3']);
  });

  it('[Q1] loads every contact in chunks and becomes ready', async () => {
    const db = freshDb();
    await db.contacts.bulkPut(Array.from({ length: 25 }, (_, i) => makeContact({ id: testId(i + 1), name: `Person ${String(i).padStart(2, '0')}` })));
    const engine = start(db);
    expect(engine.ready).toBe(false);
    let notified = 0;
    engine.subscribe(() => notified++);
    await engine.settled();
    expect(engine.ready).toBe(true);
    expect(engine.loaded).toBe(25);
    expect(engine.query(q({ pageSize: 10, page: 3 }), ctx)).toMatchObject({ total: 25 });
    expect(names(engine, { pageSize: 2 })).toEqual(['Person 00', 'Person 01']);
    expect(notified).toBeGreaterThan(1); // progress while loading, then ready
  });

  it('[S1][Q1] a write to Dexie + publishChanges is seen by the next query (update, insert, delete)', async () => {
    const db = freshDb();
    await db.contacts.bulkPut([makeContact({ id: testId(1), name: 'Ann' }), makeContact({ id: testId(2), name: 'Bob' })]);
    const engine = start(db);
    await engine.settled();
    const before = engine.version;

    await db.contacts.put(makeContact({ id: testId(1), name: 'Zoë' }));
    await db.contacts.put(makeContact({ id: testId(3), name: 'Cleo' }));
    publishChanges({ table: 'contacts', ids: [testId(1), testId(3)] });
    await engine.settled();
    expect(names(engine)).toEqual(['Bob', 'Cleo', 'Zoë']);
    expect(names(engine, { search: 'zoe' })).toEqual(['Zoë']);
    expect(engine.version).toBeGreaterThan(before);

    await db.contacts.delete(testId(2));
    publishChanges({ table: 'contacts', ids: [testId(2)] });
    await engine.settled();
    expect(names(engine)).toEqual(['Cleo', 'Zoë']);
  });

  it('[S2][Q1] during a first sync, an edit of a contact shown from the network reaches the index at once', async () => {
    const db = freshDb();
    const engine = start(db);
    await engine.settled();
    publishPulled({ db, upserts: [makeContact({ id: testId(1), name: 'Pulled Name' })], removed: [] });
    await engine.settled();
    expect(names(engine)).toEqual(['Pulled Name']);

    // A local edit (or another tab's) wrote a newer version before the pull stored this record.
    await db.contacts.put(makeContact({ id: testId(1), name: 'Edited Name' }));
    publishChanges({ table: 'contacts', ids: [testId(1)] });
    await engine.settled();
    expect(names(engine)).toEqual(['Edited Name']);
  });

  it('[S2][Q1] changes made through the local change API reach the index', async () => {
    const db = freshDb();
    await db.setMeta('session', { token: 't', workspaceId: newId(), workspaceName: 'W', clientId: newId() });
    const engine = start(db);
    await engine.settled();
    await createContact(db, { name: 'José Núñez', email: 'jn@example.com', phone: '', avatarUrl: '', campaignOptIn: false, customFields: {} });
    await engine.settled();
    expect(names(engine, { search: 'jose' })).toEqual(['José Núñez']);
  });

  it('[Q1] a notice that arrives while loading is applied after the load', async () => {
    const db = freshDb();
    await db.contacts.bulkPut(Array.from({ length: 30 }, (_, i) => makeContact({ id: testId(i + 1), name: `P${i}` })));
    const engine = start(db, 5);
    await db.contacts.delete(testId(30));
    await db.contacts.put(makeContact({ id: testId(1), name: 'Renamed' }));
    publishChanges({ table: 'contacts', ids: [testId(30), testId(1)] });
    await engine.settled();
    expect(engine.query(q(), ctx).total).toBe(29);
    expect(names(engine, { search: 'renamed' })).toEqual(['Renamed']);
  });

  it('[V1] a new text field makes its values searchable', async () => {
    const db = freshDb();
    await db.contacts.put(makeContact({ id: testId(1), name: 'Ann', customFields: { company: 'Café Zürich' } }));
    const engine = start(db);
    await engine.settled();
    expect(names(engine, { search: 'zurich' })).toEqual([]);
    const field = makeField('company', 'text');
    await db.fields.put(field);
    publishChanges({ table: 'fields', ids: [field.id] });
    await engine.settled();
    expect(engine.fields.map((f) => f.key)).toEqual(['company']);
    expect(names(engine, { search: 'zurich' })).toEqual(['Ann']);
  });

  it('[Q1] a reset notice reloads everything', async () => {
    const db = freshDb();
    await db.contacts.bulkPut([makeContact({ id: testId(1), name: 'Old' })]);
    const engine = start(db);
    await engine.settled();
    await db.contacts.clear();
    await db.contacts.bulkPut([makeContact({ id: testId(2), name: 'New A' }), makeContact({ id: testId(3), name: 'New B' })]);
    publishChanges({ table: 'contacts', reset: true });
    await engine.settled();
    expect(names(engine)).toEqual(['New A', 'New B']);
    expect(engine.matchingIds({ ...q(), sort: { by: 'name', dir: 'desc' } }, ctx)).toEqual([testId(3), testId(2)]);
    expect(engine.count({ search: 'new b', filter: { match: 'all', conditions: [] } }, ctx)).toBe(1);
  });
});
