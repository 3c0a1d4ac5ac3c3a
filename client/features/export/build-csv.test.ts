// V11: the export file builder, and the export over the real query engine on a real Dexie
// database (fake-indexeddb).
import 'fake-indexeddb/auto';
import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../../shared/ids';
import { makeContact, makeField } from '../../../shared/filter/test-contact';
import { ContactsDB } from '../../db/db';
import { createQueryEngine, type QueryEngine } from '../../query/engine';
import type { Contact } from '../../../shared/schema';
import { buildContactsCsv } from './build-csv';
import { exportIds } from './export-ids';
import { exportFileName } from './file-name';

const open: { db: ContactsDB; engine?: QueryEngine }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) {
    o.engine?.close();
    o.db.close();
  }
});

function freshDb(): ContactsDB {
  const db = new ContactsDB(`export-${newId()}`);
  open.push({ db });
  return db;
}

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);
const NO_EXTRAS = { includeLabels: false, includeConversationFields: false };
const source = (contacts: Contact[]) => new Map(contacts.map((c) => [c.id, c]));

async function records(blob: Blob): Promise<string[][]> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM
  return Papa.parse<string[]>(new TextDecoder().decode(bytes), { skipEmptyLines: true }).data; // decode drops the BOM
}

describe('buildContactsCsv', () => {
  it('[V11] writes the contacts in the given order, skips ids gone meanwhile, reports progress per chunk', async () => {
    const contacts = Array.from({ length: 10 }, (_, i) => makeContact({ name: `c${i}` }));
    const ids = [...contacts].reverse().map((c) => c.id);
    ids.splice(3, 0, newId()); // not in the database
    const progress: number[] = [];
    const { blob, rows } = await buildContactsCsv(source(contacts), ids, [], { ...NO_EXTRAS, chunkSize: 4, onProgress: (p) => progress.push(p.done) });
    expect(rows).toBe(10);
    expect(blob.type).toBe('text/csv;charset=utf-8');
    const data = await records(blob);
    expect(data[0][0]).toBe('Name');
    expect(data.slice(1).map((r) => r[0])).toEqual(['c9', 'c8', 'c7', 'c6', 'c5', 'c4', 'c3', 'c2', 'c1', 'c0']);
    expect(progress).toEqual([0, 4, 8, 11]);
  });

  it('[V11][Q3] neutralises formula-looking names and includes the chosen extras', async () => {
    const priority = makeField('priority', 'select', 'conversation', ['High']);
    const c = makeContact({ name: '=cmd|calc', labels: ['vip', 'new'], conversationFields: { priority: 'High' } });
    const { blob } = await buildContactsCsv(source([c]), [c.id], [priority], { includeLabels: true, includeConversationFields: true });
    const data = await records(blob);
    expect(data[0].slice(-2)).toEqual(['Labels', 'priority']);
    expect(data[1][0]).toBe("'=cmd|calc");
    expect(data[1].slice(-2)).toEqual(['vip; new', 'High']);
  });

  it('[V11] stops between chunks when aborted', async () => {
    const contacts = Array.from({ length: 5 }, () => makeContact());
    const abort = new AbortController();
    const run = buildContactsCsv(source(contacts), contacts.map((c) => c.id), [], { ...NO_EXTRAS, chunkSize: 1, signal: abort.signal, onProgress: (p) => p.done === 2 && abort.abort() });
    await expect(run).rejects.toThrow();
  });

  it('[V11][Q1] 100k rows: builds in chunks that yield to the event loop', async () => {
    const contacts = Array.from({ length: 100_000 }, (_, i) => makeContact({ name: `n${i}`, email: `n${i}@example.com`, createdAt: T0 + i }));
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const started = performance.now();
    const { rows, blob } = await buildContactsCsv(source(contacts), contacts.map((c) => c.id), [], NO_EXTRAS);
    clearInterval(timer);
    expect(rows).toBe(100_000);
    expect((await blob.text()).split('\r\n')).toHaveLength(100_002); // header + rows + final CRLF
    // Timers ran while the file was built: the event loop was never held for the whole build.
    expect(ticks).toBeGreaterThan(50);
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});

describe('exportIds', () => {
  it('[V11] exports the narrowed view sorted by the chosen key, newest first, cut to the count', async () => {
    const db = freshDb();
    const list = [
      makeContact({ name: 'Ann old', createdAt: T0, lastInteractionAt: T0 + 9 * DAY }),
      makeContact({ name: 'Ann mid', createdAt: T0 + DAY, lastInteractionAt: null }),
      makeContact({ name: 'Ann new', createdAt: T0 + 2 * DAY, lastInteractionAt: T0 + 3 * DAY }),
      makeContact({ name: 'Bob', createdAt: T0 + 3 * DAY }),
    ];
    await db.contacts.bulkPut(list);
    const engine = createQueryEngine(db, { locale: 'en' });
    open[open.length - 1].engine = engine;
    await engine.settled();
    const names = (ids: string[]) => ids.map((id) => list.find((c) => c.id === id)?.name);
    const filter = { match: 'all' as const, conditions: [] };
    expect(names(exportIds(engine, { search: 'ann', filter, sortBy: 'createdAt', count: 3 }, []))).toEqual(['Ann new', 'Ann mid', 'Ann old']);
    expect(names(exportIds(engine, { search: 'ann', filter, sortBy: 'lastInteractionAt', count: 3 }, []))).toEqual(['Ann old', 'Ann new', 'Ann mid']);
    expect(names(exportIds(engine, { search: 'ann', filter, sortBy: 'createdAt', count: 2 }, []))).toEqual(['Ann new', 'Ann mid']);
    const optedOut = { match: 'all' as const, conditions: [{ field: 'name', operator: 'starts_with' as const, value: 'Bob' }] };
    expect(names(exportIds(engine, { search: '', filter: optedOut, sortBy: 'createdAt', count: 10 }, []))).toEqual(['Bob']);
    // The engine is the row source: the file holds what the view shows.
    const ids = exportIds(engine, { search: 'ann', filter, sortBy: 'createdAt', count: 3 }, []);
    const data = await records((await buildContactsCsv(engine, ids, [], NO_EXTRAS)).blob);
    expect(data.slice(1).map((r) => r[0])).toEqual(['Ann new', 'Ann mid', 'Ann old']);
  });
});

describe('exportFileName', () => {
  it('[V11] uses the local date', () => {
    expect(exportFileName(new Date(2026, 0, 5, 23, 59))).toBe('contacts-2026-01-05.csv');
    expect(exportFileName(new Date(2026, 11, 31, 0, 1))).toBe('contacts-2026-12-31.csv');
  });
});
