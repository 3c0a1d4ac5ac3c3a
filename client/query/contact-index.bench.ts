// Micro-benchmark of the local query index at 100k contacts (not a test).
// Run: npx tsx client/query/contact-index.bench.ts [count]
import { performance } from 'node:perf_hooks';
import type { Contact, FieldDefinition, FilterGroup } from '../../shared/schema';
import type { FilterContext } from '../../shared/filter/evaluate';
import { ContactIndex, LOAD_CHUNK } from './contact-index';
import type { ContactQuery } from './types';

const COUNT = Number(process.argv[2] ?? 100_000);
const RUNS = 7;
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 26);

const FIRST = ['José', 'Ana', 'Nuno', 'Zoë', 'Liam', 'Olivia', 'Noah', 'Emma', 'Łukasz', 'Søren', 'Aiko', 'Mateo', 'Chloé', 'Ivan', 'Fatima', 'Wei', 'Priya', 'Jonas', 'Sofía', 'Omar'];
const LAST = ['Núñez', 'García', 'Smith', 'Müller', 'Rossi', 'Dubois', 'Kowalski', 'Tanaka', 'Nguyen', 'Johansson', 'Silva', 'Brown', 'Okafor', 'Cohen', 'Patel', 'Novak'];
const PLANS = ['Free', 'Starter', 'Pro', 'Enterprise'];
const LABELS = ['vip', 'billing', 'bug', 'sales', 'refund', 'onboarding'];

let seed = 42;
function rand(): number {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

function field(key: string, type: FieldDefinition['type'], options: string[] = []): FieldDefinition {
  return { id: `00000000-0000-7000-8000-${key.padStart(12, '0').slice(-12).replace(/[^0-9a-f]/g, '0')}`, key, label: key, type, options, scope: 'contact', position: 0, createdAt: 0, updatedAt: 0 };
}
const fields = [field('company', 'text'), field('plan', 'select', PLANS), field('seats', 'number'), field('renewal', 'date'), field('website', 'url'), field('tags', 'multiselect', ['a', 'b', 'c'])];

function contact(i: number): Contact {
  const first = pick(FIRST);
  const last = pick(LAST);
  const lastAt = rand() < 0.2 ? null : NOW - Math.floor(rand() * 365 * DAY);
  return {
    id: `0190${i.toString(16).padStart(4, '0').slice(-4)}-0000-7000-8000-${i.toString(16).padStart(12, '0')}`,
    createdAt: NOW - Math.floor(rand() * 3 * 365 * DAY),
    updatedAt: NOW,
    name: `${first} ${last}`,
    email: `${first}.${last}${i}@example.com`.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase(),
    phone: `+1${Math.floor(2000000000 + rand() * 7999999999)}`,
    avatarUrl: '',
    campaignOptIn: rand() < 0.5,
    customFields: {
      company: `${pick(LAST)} ${pick(['Ltd', 'GmbH', 'Inc', 'SA'])}`,
      plan: pick(PLANS),
      seats: Math.floor(rand() * 200),
      renewal: new Date(NOW + Math.floor((rand() - 0.5) * 365) * DAY).toISOString().slice(0, 10),
      website: `https://example${i % 1000}.com`,
      tags: [pick(['a', 'b', 'c'])],
    },
    lastInteractionAt: lastAt,
    lastMessagePreview: '',
    lastMessageChannel: '',
    conversationCount: Math.floor(rand() * 6),
    labels: rand() < 0.5 ? [pick(LABELS)] : [],
    conversationFields: {},
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

const contacts = Array.from({ length: COUNT }, (_, i) => contact(i));
const ctx: FilterContext = { now: NOW, fields, timeZone: 'UTC' };
const empty: FilterGroup = { match: 'all', conditions: [] };
const base: ContactQuery = { search: '', filter: empty, sort: { by: 'lastInteractionAt', dir: 'desc' }, page: 1, pageSize: 10 };

const index = new ContactIndex({ fields, locale: 'en' });
const buildMs = time(() => index.upsert(contacts));
// The engine loads in chunks of LOAD_CHUNK and yields between them: each chunk is one main-thread task.
const chunked = new ContactIndex({ fields, locale: 'en' });
let longestChunk = 0;
const chunkMs = time(() => {
  for (let i = 0; i < contacts.length; i += LOAD_CHUNK) {
    const part = contacts.slice(i, i + LOAD_CHUNK);
    longestChunk = Math.max(longestChunk, time(() => chunked.upsert(part)));
  }
});
console.log(`contacts: ${index.size}`);
console.log(`build (one batch):          ${buildMs.toFixed(0)} ms`);
console.log(`build (${LOAD_CHUNK} per batch):    ${chunkMs.toFixed(0)} ms, longest batch ${longestChunk.toFixed(0)} ms`);

/** Median ms of a query run from a cold result cache (setFields clears it without rebuilding). */
function cold(label: string, q: ContactQuery, quiet = false): void {
  let total = 0;
  const ms: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    index.setFields(fields);
    ms.push(time(() => (total = index.query(q, ctx).total)));
  }
  if (!quiet) console.log(`${label.padEnd(28)}${median(ms).toFixed(2)} ms  (total ${total})`);
}

// Warm up the JIT first: the app runs these paths many times; the first call of each is not typical.
for (const s of ['gar', 'ana', 'mu', 'e', 'smi', 'x', '+1 (2', 'example']) for (let r = 0; r < 5; r++) cold('', { ...base, search: s }, true);
const warmFilter: FilterGroup = {
  match: 'all',
  conditions: [
    { field: 'cf:plan', operator: 'is_any_of', value: ['Free'] },
    { field: 'campaignOptIn', operator: 'is_off', value: null },
    { field: 'lastInteractionAt', operator: 'within_last_days', value: 30 },
  ],
};
for (let r = 0; r < 10; r++) cold('', { ...base, filter: warmFilter, search: r % 2 ? 'gar' : '' }, true);

cold('no search, first page', base);
for (const s of ['nun', 'jose', '555', 'a', 'jo', '+1 (415) 5']) cold(`search '${s}'`, { ...base, search: s });
const three: FilterGroup = {
  match: 'all',
  conditions: [
    { field: 'cf:plan', operator: 'is_any_of', value: ['Pro', 'Enterprise'] },
    { field: 'campaignOptIn', operator: 'is_on', value: null },
    { field: 'lastInteractionAt', operator: 'within_last_days', value: 90 },
  ],
};
cold('3-condition filter', { ...base, filter: three });
cold('search + filter', { ...base, search: 'nun', filter: three });

// Warm: the match set is cached; a sort switch reads another presorted order, paging is a slice.
index.setFields(fields);
const q = { ...base, search: 'a' };
index.query(q, ctx);
const sortMs: number[] = [];
const pageMs: number[] = [];
for (let r = 0; r < RUNS; r++) {
  const dir = r % 2 ? 'asc' : 'desc';
  sortMs.push(time(() => index.query({ ...q, sort: { by: 'name', dir } }, ctx)));
  const total = index.query(q, ctx).total;
  pageMs.push(time(() => index.query({ ...q, page: Math.ceil(total / 10) - (r % 3) }, ctx)));
}
index.setFields(fields);
console.log(`sort switch (cached set)    ${median(sortMs).toFixed(2)} ms`);
console.log(`last page (cached set)      ${median(pageMs).toFixed(2)} ms`);
cold('last page, cold, by name', { ...base, sort: { by: 'name', dir: 'asc' }, page: Math.ceil(COUNT / 10) });
cold(`last page of 'a' by name`, { ...base, search: 'a', sort: { by: 'name', dir: 'desc' }, page: Math.ceil(COUNT / 10) });
const editMs: number[] = [];
for (let r = 0; r < RUNS * 3; r++) editMs.push(time(() => index.upsert([{ ...contacts[r], name: `Renamed Person ${r}`, updatedAt: NOW + 1 }])));
console.log(`single edit (upsert 1)      ${median(editMs).toFixed(2)} ms (rename: search document + name order)`);
const syncMs: number[] = [];
for (let r = 0; r < RUNS; r++) {
  const page = contacts.slice(r * 2000, r * 2000 + 2000).map((c) => ({ ...c, lastInteractionAt: NOW + r, updatedAt: NOW + r }));
  syncMs.push(time(() => index.upsert(page)));
}
console.log(`pull page (2,000 updates)   ${median(syncMs).toFixed(2)} ms (new last interaction)`);
console.log(`heap used                   ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`);
