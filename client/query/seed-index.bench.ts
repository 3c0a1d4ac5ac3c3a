// Micro-benchmark of the query index on the demo seed data, with the browser bench's own
// searches, filters and segments (bench/browser-measures.ts). Not a test.
// Run: node --expose-gc --import tsx client/query/seed-index.bench.ts [count]
// Above 100k the first 100k seed contacts are repeated with new ids (same value mix as the seed,
// a fraction of the time and memory of generating 1M): node --max-old-space-size=6144 ... 1000000
import { performance } from 'node:perf_hooks';
import { FILTER_AND, FILTER_ANY, SEARCHES } from '../../bench/browser-measures';
import { generateWorkspace } from '../../server/seed/generate';
import type { FilterContext } from '../../shared/filter/evaluate';
import type { FilterGroup } from '../../shared/schema';
import { ContactIndex, LOAD_CHUNK } from './contact-index';
import type { ContactQuery } from './types';

const COUNT = Number(process.argv[2] ?? 100_000);
const RUNS = 7;
const NOW = Date.UTC(2026, 10, 26);

const time = (fn: () => void): number => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mib = (): string => `${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`;

let t = performance.now();
const BASE = Math.min(COUNT, 100_000);
const w = generateWorkspace({ contacts: BASE, seed: 1, now: NOW });
const { fields, segments } = w;
w.conversations.length = 0; // not indexed; frees memory before measuring heap
const contacts = Array.from({ length: COUNT }, (_, i) => {
  const c = w.contacts[i % BASE];
  return i < BASE ? c : { ...c, id: `${c.id.slice(0, 24)}${i.toString(16).padStart(12, "0")}` };
});
console.log(`generated ${contacts.length} in ${(performance.now() - t).toFixed(0)} ms, heap ${mib()}`);
if ('gc' in globalThis) (globalThis as unknown as { gc: () => void }).gc();
const heapBefore = process.memoryUsage().heapUsed;

const index = new ContactIndex({ fields, locale: 'en' });
let longest = 0;
t = performance.now();
for (let i = 0; i < contacts.length; i += LOAD_CHUNK) {
  const part = contacts.slice(i, i + LOAD_CHUNK);
  longest = Math.max(longest, time(() => index.upsert(part)));
}
console.log(`build (${LOAD_CHUNK} per batch): ${(performance.now() - t).toFixed(0)} ms, longest batch ${longest.toFixed(0)} ms`);
if ('gc' in globalThis) (globalThis as unknown as { gc: () => void }).gc();
console.log(`index heap (excl. contacts): ${((process.memoryUsage().heapUsed - heapBefore) / 2 ** 20).toFixed(0)} MiB, total ${mib()}`);

const ctx: FilterContext = { now: NOW, fields, timeZone: 'UTC' };
const empty: FilterGroup = { match: 'all', conditions: [] };
const base: ContactQuery = { search: '', filter: empty, sort: { by: 'createdAt', dir: 'desc' }, page: 1, pageSize: 10 };

/** Median ms from a cold result cache (setFields with the same list clears it without rebuilding). */
function cold(label: string, q: ContactQuery, quiet = false): void {
  let total = 0;
  const ms: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    index.setFields(fields);
    ms.push(time(() => (total = index.query(q, ctx).total)));
  }
  if (!quiet) console.log(`${label.padEnd(36)}${median(ms).toFixed(2)} ms  (min ${Math.min(...ms).toFixed(2)}, total ${total})`);
}

const views: [string, ContactQuery][] = [
  ...SEARCHES.map(({ name, q }): [string, ContactQuery] => [`search: ${name} '${q}'`, { ...base, search: q }]),
  ['filter: 3 conditions AND', { ...base, filter: FILTER_AND }],
  ['filter: 3 conditions ANY', { ...base, filter: FILTER_ANY }],
  ...segments.map((s): [string, ContactQuery] => [`segment: ${s.name}`, { ...base, filter: s.definition }]),
  ['search + filter AND', { ...base, search: 'ande', filter: FILTER_AND }],
  ['sort: name asc', { ...base, sort: { by: 'name', dir: 'asc' } }],
  ['last page', { ...base, page: Math.ceil(COUNT / 10) }],
];
for (let r = 0; r < 3; r++) for (const [, q] of views) cold('', q, true); // JIT warm-up
for (const [label, q] of views) cold(label, q);

// "Select all N matching": ids of every match in sort order.
for (const [label, filter] of [['all contacts', empty], ['filter ANY', FILTER_ANY]] as const) {
  const ms: number[] = [];
  let n = 0;
  for (let r = 0; r < RUNS; r++) {
    index.setFields(fields);
    ms.push(time(() => (n = index.matchingIds({ search: '', filter, sort: base.sort }, ctx).length)));
  }
  console.log(`${`matchingIds: ${label}`.padEnd(36)}${median(ms).toFixed(2)} ms  (${n})`);
}
const editMs: number[] = [];
for (let r = 0; r < RUNS * 3; r++) editMs.push(time(() => index.upsert([{ ...contacts[r], name: `Renamed ${r}`, updatedAt: NOW + 1 }])));
console.log(`single edit (upsert 1)              ${median(editMs).toFixed(2)} ms`);
console.log(`heap used                           ${mib()}`);
process.exit(0); // an import (the bench harness) keeps the event loop alive
