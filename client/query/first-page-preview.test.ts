// Cold-start preview (issue 9): pages read straight from Dexie before the index is ready equal
// the index's pages, and never stay stale after a write.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import type { FilterContext } from '../../shared/filter/evaluate';
import { makeContact, testId } from '../../shared/filter/test-contact';
import { createContact, deleteContacts, patchContact } from '../db/changes';
import { ContactsDB } from '../db/db';
import { ContactIndex } from './contact-index';
import { createQueryEngine, type QueryEngine } from './engine';
import { FirstPagePreview, previewable, readPreviewPage } from './first-page-preview';
import type { ContactQuery, QueryResult, SortBy, SortDir } from './types';

const dbs: ContactsDB[] = [];
const engines: QueryEngine[] = [];
afterEach(() => {
  for (const e of engines.splice(0)) e.close();
  for (const db of dbs.splice(0)) db.close();
});

function freshDb(): ContactsDB {
  const db = new ContactsDB(`preview-${newId()}`);
  dbs.push(db);
  return db;
}

const ctx: FilterContext = { now: Date.UTC(2026, 5, 1), fields: [] };
const q = (over: Partial<ContactQuery> = {}): ContactQuery => ({
  search: '',
  filter: { match: 'all', conditions: [] },
  sort: { by: 'createdAt', dir: 'desc' },
  page: 1,
  pageSize: 10,
  ...over,
});
const ids = (rows: { id: string }[]): string[] => rows.map((c) => c.id);

/** Resolves at the engine's next notification. */
const nextBump = (engine: QueryEngine): Promise<void> =>
  new Promise((resolve) => {
    const off = engine.subscribe(() => {
      off();
      resolve();
    });
  });

/** Asks for the preview until it is read (each read lands with a notification). */
async function previewOf(engine: QueryEngine, query: ContactQuery) {
  for (let i = 0; i < 20; i++) {
    const result = engine.preview(query);
    if (result !== undefined) return result;
    await nextBump(engine);
  }
  throw new Error('preview never arrived');
}

describe('[issue 9] cold-start preview from Dexie', () => {
  it('[S1] only the plain view sorted by a date is previewed', () => {
    expect(previewable(q())).toBe(true);
    expect(previewable(q({ sort: { by: 'lastInteractionAt', dir: 'asc' } }))).toBe(true);
    expect(previewable(q({ search: '  ' }))).toBe(true);
    expect(previewable(q({ search: 'ann' }))).toBe(false);
    expect(previewable(q({ sort: { by: 'name', dir: 'asc' } }))).toBe(false);
    expect(previewable(q({ filter: { match: 'all', conditions: [{ field: 'campaignOptIn', operator: 'is_on', value: null }] } }))).toBe(false);
  });

  it('[S1] every previewed page equals the index page (ties by id, missing last interaction last)', async () => {
    const sorts: { by: SortBy; dir: SortDir }[] = [
      { by: 'createdAt', dir: 'desc' },
      { by: 'createdAt', dir: 'asc' },
      { by: 'lastInteractionAt', dir: 'desc' },
      { by: 'lastInteractionAt', dir: 'asc' },
    ];
    const contactArb = fc.record({
      n: fc.integer({ min: 1, max: 5000 }),
      created: fc.integer({ min: 0, max: 4 }), // few values: many ties
      last: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
    });
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(contactArb, { selector: (c) => c.n, maxLength: 40 }), fc.integer({ min: 1, max: 7 }), async (spec, pageSize) => {
        const db = freshDb();
        const contacts = spec.map((s) => makeContact({ id: testId(s.n), createdAt: 1000 + s.created, lastInteractionAt: s.last === null ? null : 5000 + s.last }));
        await db.contacts.bulkPut(contacts);
        const index = new ContactIndex({ locale: 'en' });
        index.upsert(contacts);
        const keyed = contacts.filter((c) => c.lastInteractionAt !== null).length;
        for (const sort of sorts) {
          for (let page = 1; page <= Math.ceil(contacts.length / pageSize) + 1; page++) {
            const query = q({ sort, page, pageSize });
            const preview = await readPreviewPage(db, query);
            const expected = index.query(query, ctx);
            const start = (page - 1) * pageSize;
            const reachable = start < contacts.length && (sort.by === 'createdAt' || Math.min(start + pageSize, contacts.length) <= keyed);
            if (!reachable && contacts.length > 0) {
              expect(preview).toBeNull();
              continue;
            }
            expect(preview?.total).toBe(expected.total);
            expect(ids(preview?.rows ?? [])).toEqual(ids(expected.rows));
          }
        }
        db.close();
      }),
      { numRuns: 25 },
    );
  });

  it('[S1][S2] while the index loads, the preview shows local changes and never stale rows', async () => {
    const db = freshDb();
    await db.setMeta('session', { token: 't', workspaceId: newId(), workspaceName: 'W', clientId: newId() });
    await db.contacts.bulkPut(Array.from({ length: 30 }, (_, i) => makeContact({ id: testId(i + 1), name: `P${i}`, createdAt: 1000 + i })));
    let release = (): void => {};
    const hold = new Promise<void>((resolve) => (release = resolve));
    const engine = createQueryEngine(db, { locale: 'en', holdFirstLoad: hold });
    engines.push(engine);

    expect(engine.preview(q({ search: 'p1' }))).toBeNull(); // waits for the index
    const first = await previewOf(engine, q());
    expect(engine.ready).toBe(false);
    expect(first?.total).toBe(30);
    expect(first?.rows.map((c) => c.name)).toEqual(['P29', 'P28', 'P27', 'P26', 'P25', 'P24', 'P23', 'P22', 'P21', 'P20']);

    // An edit on the previewed page: the next read shows it (the old rows show until it lands).
    await patchContact(db, testId(30), { set: { name: 'Renamed' } });
    await waitFor(engine, (rows) => rows[0]?.name === 'Renamed');
    // A new contact (newest) comes first; deleted ones disappear; the total follows.
    const added = await createContact(db, { name: 'Newest', email: '', phone: '', avatarUrl: '', campaignOptIn: false, customFields: {} });
    await deleteContacts(db, [testId(29), testId(28)]);
    const after = await waitFor(engine, (rows) => rows[0]?.id === added && !ids(rows).includes(testId(29)));
    expect(after.total).toBe(29);
    expect(after.rows.map((c) => c.name)).toEqual(['Newest', 'Renamed', 'P26', 'P25', 'P24', 'P23', 'P22', 'P21', 'P20', 'P19']);

    // The index takes over with the same page.
    release();
    await engine.settled();
    expect(engine.ready).toBe(true);
    expect(engine.preview(q())).toBeNull();
    expect(engine.query(q(), ctx)).toEqual(after);
  });

  it('[S1] a read that started before a change notice is never shown after it', async () => {
    // Reads answered by the test, in any order (a late answer = a busy main thread, or another
    // tab's notice arriving before this read's result is handed over).
    const answers: ((r: QueryResult) => void)[] = [];
    let asked = 0;
    const preview = new FirstPagePreview(freshDb(), () => asked++, () => new Promise((resolve) => answers.push(resolve)));
    const page = (name: string): QueryResult => ({ total: 1, rows: [makeContact({ id: testId(1), name })] });
    const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

    expect(preview.get(q())).toBeUndefined(); // read 1 (it will see the old data)
    preview.invalidate(); // a change notice
    expect(preview.get(q())).toBeUndefined(); // read 2
    expect(answers).toHaveLength(2);
    answers[1](page('After'));
    await settle();
    expect(preview.get(q())?.rows[0].name).toBe('After');
    answers[0](page('Before')); // read 1 lands late
    await settle();
    expect(preview.get(q())?.rows[0].name).toBe('After');
    expect(answers).toHaveLength(2); // nothing read again: the page is current
    expect(asked).toBeGreaterThan(0);
  });
});

/** Waits until the engine's preview of the default page satisfies `ok`. */
async function waitFor(engine: QueryEngine, ok: (rows: { id: string; name: string }[]) => boolean) {
  for (let i = 0; i < 50; i++) {
    const result = engine.preview(q());
    if (result && ok(result.rows)) return result;
    await nextBump(engine);
  }
  throw new Error('preview did not change');
}
