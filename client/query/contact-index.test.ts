import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Contact, FilterCondition, FilterGroup } from '../../shared/schema';
import type { FilterContext } from '../../shared/filter/evaluate';
import { makeContact, makeField, testId } from '../../shared/filter/test-contact';
import { ContactIndex } from './contact-index';
import { referenceMatches, referenceQuery } from './reference';
import type { ContactQuery, SortBy } from './types';

const fields = [
  makeField('plan', 'select', 'contact', ['Free', 'Pro']),
  makeField('note', 'text'),
  makeField('seats', 'number'),
  makeField('tags', 'multiselect', 'contact', ['vip', 'beta']),
];
const NOW = Date.UTC(2026, 5, 1);
const DAY = 86_400_000;
const ctx: FilterContext = { now: NOW, fields, timeZone: 'Europe/Berlin' };
const LOCALE = 'en';

const NAMES = ['José Núñez', 'Jose Nunez', 'jose', 'Ann Lee', 'ann lee', 'Zoë Ørsted', 'Nunzio', 'Bob', 'Åsa Berg', 'Émile', 'Anna', 'Ánna'];
const PHONES = ['', '+14155550132', '+14155550199', '+442071234567', '+5511955550000'];
const SEARCHES = ['', 'jo', 'jose', 'nun', 'an', 'ann lee', '555', '+1 (415)', '415-555-01', 'e', 'nu ez', 'zzz', 'pro', 'éclair', 'a b', '0', 'oe'];

const contactArb = (id: number): fc.Arbitrary<Contact> =>
  fc
    .record({
      name: fc.oneof(fc.constantFrom(...NAMES), fc.stringMatching(/^[a-zé ]{1,8}$/).filter((s) => s.trim() !== '')),
      email: fc.constantFrom('', 'jose@x.io', 'ann.lee@acme.com', 'bob555@mail.org'),
      phone: fc.constantFrom(...PHONES),
      createdDay: fc.integer({ min: 0, max: 40 }),
      last: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
      optIn: fc.boolean(),
      count: fc.integer({ min: 0, max: 4 }),
      labels: fc.subarray(['vip', 'billing', 'sales']),
      plan: fc.constantFrom(null, 'Free', 'Pro'),
      note: fc.constantFrom(null, 'Loves éclairs', 'ann', 'call 555'),
      seats: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
    })
    .map((r) =>
      makeContact({
        id: testId(id),
        name: r.name,
        email: r.email,
        phone: r.phone,
        createdAt: NOW - r.createdDay * DAY, // coarse values: many ties, broken by id
        lastInteractionAt: r.last === null ? null : NOW - r.last * DAY,
        campaignOptIn: r.optIn,
        conversationCount: r.count,
        labels: r.labels,
        customFields: { plan: r.plan, note: r.note, seats: r.seats, tags: r.plan === 'Pro' ? ['vip'] : [] },
      }),
    );

const CONDITIONS: FilterCondition[] = [
  { field: 'cf:plan', operator: 'is', value: 'Pro' },
  { field: 'campaignOptIn', operator: 'is_on', value: null },
  { field: 'labels', operator: 'has_any_of', value: ['vip'] },
  { field: 'lastInteractionAt', operator: 'within_last_days', value: 7 },
  { field: 'lastInteractionAt', operator: 'is_empty', value: null },
  { field: 'createdAt', operator: 'before', value: '2026-05-10' },
  { field: 'conversationCount', operator: 'gte', value: 2 },
  { field: 'cf:seats', operator: 'between', value: [2, 6] },
  { field: 'name', operator: 'contains', value: 'jose' },
  { field: 'cf:tags', operator: 'has_none_of', value: ['vip'] },
  { field: 'name', operator: 'contains', value: '' }, // incomplete: inactive
];

const filterArb: fc.Arbitrary<FilterGroup> = fc.record({
  match: fc.constantFrom('all' as const, 'any' as const),
  conditions: fc.subarray(CONDITIONS, { maxLength: 3 }),
});

const queryArb: fc.Arbitrary<ContactQuery> = fc.record({
  search: fc.oneof(fc.constantFrom(...SEARCHES), fc.stringMatching(/^[a-eñó5 ]{0,4}$/)),
  filter: filterArb,
  sort: fc.record({ by: fc.constantFrom<SortBy>('name', 'createdAt', 'lastInteractionAt'), dir: fc.constantFrom('asc' as const, 'desc' as const) }),
  page: fc.integer({ min: 1, max: 6 }),
  pageSize: fc.constantFrom(1, 3, 10, 25),
});

type Action = { kind: 'upsert'; contacts: Contact[] } | { kind: 'remove'; ids: number[] } | { kind: 'query'; q: ContactQuery };

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 2, arbitrary: fc.array(fc.integer({ min: 1, max: 80 }).chain(contactArb), { minLength: 1, maxLength: 15 }).map((contacts) => ({ kind: 'upsert' as const, contacts })) },
  { weight: 1, arbitrary: fc.array(fc.integer({ min: 1, max: 80 }), { minLength: 1, maxLength: 10 }).map((ids) => ({ kind: 'remove' as const, ids })) },
  { weight: 3, arbitrary: queryArb.map((q) => ({ kind: 'query' as const, q })) },
);

const ids = (rows: Contact[]): string[] => rows.map((c) => c.id);

describe('[Q1] ContactIndex vs brute-force reference', () => {
  it('[V1][V2][V10][Q1] same total and same page rows, also after incremental upserts, updates and removes', () => {
    fc.assert(
      fc.property(fc.array(actionArb, { minLength: 1, maxLength: 30 }), fc.constantFrom(0, 1_000_000), (actions, minStale) => {
        const index = new ContactIndex({ fields, locale: LOCALE, compactionMinStale: minStale });
        const truth = new Map<string, Contact>();
        for (const action of actions) {
          if (action.kind === 'upsert') {
            index.upsert(action.contacts);
            for (const c of action.contacts) truth.set(c.id, c);
          } else if (action.kind === 'remove') {
            const gone = action.ids.map(testId);
            index.remove(gone);
            for (const id of gone) truth.delete(id);
          } else {
            const all = [...truth.values()];
            const expected = referenceQuery(all, action.q, ctx, LOCALE);
            const actual = index.query(action.q, ctx);
            expect(actual.total).toBe(expected.total);
            expect(ids(actual.rows)).toEqual(ids(expected.rows));
            expect(index.matchingIds(action.q, ctx)).toEqual(ids(referenceMatches(all, action.q, ctx, LOCALE)));
            expect(index.count(action.q, ctx)).toBe(expected.total);
          }
        }
        expect(index.size).toBe(truth.size);
      }),
      { numRuns: 200 },
    );
  });

  it('[V1][Q1] typing narrows from the cached broader search and still equals the reference', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 60 }).chain(contactArb), { minLength: 1, maxLength: 60 }),
        queryArb,
        fc.array(fc.constantFrom('a', 'n', 'o', 'e', ' ', '5', '-', 'z', 'é', '1'), { minLength: 1, maxLength: 6 }),
        (contacts, q, typed) => {
          const index = new ContactIndex({ fields, locale: LOCALE });
          index.upsert(contacts);
          const all = [...new Map(contacts.map((c) => [c.id, c])).values()];
          let search = q.search;
          for (const ch of typed) {
            search += ch;
            const step = { ...q, search, page: 1 };
            expect(index.matchingIds(step, ctx)).toEqual(ids(referenceMatches(all, step, ctx, LOCALE)));
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('[V10] paging and sort changes reuse the cached match set and stay consistent', () => {
    const index = new ContactIndex({ fields, locale: LOCALE });
    const all = fc.sample(fc.integer({ min: 1, max: 500 }).chain(contactArb), 400);
    index.upsert(all);
    const unique = [...new Map(all.map((c) => [c.id, c])).values()];
    for (const by of ['name', 'createdAt', 'lastInteractionAt'] as const) {
      for (const dir of ['asc', 'desc'] as const) {
        for (const page of [1, 2, 7, 100]) {
          const q: ContactQuery = { search: 'a', filter: { match: 'all', conditions: [] }, sort: { by, dir }, page, pageSize: 10 };
          expect(ids(index.query(q, ctx).rows)).toEqual(ids(referenceQuery(unique, q, ctx, LOCALE).rows));
        }
      }
    }
  });

  it('[V1] accents and phone punctuation through the index', () => {
    const index = new ContactIndex({ fields, locale: LOCALE });
    index.upsert([
      makeContact({ id: testId(1), name: 'José Núñez', phone: '+14155550132' }),
      makeContact({ id: testId(2), name: 'Ann Lee', phone: '+442071234567' }),
    ]);
    const q = (search: string): string[] =>
      ids(index.query({ search, filter: { match: 'all', conditions: [] }, sort: { by: 'name', dir: 'asc' }, page: 1, pageSize: 10 }, ctx).rows);
    expect(q('jose')).toEqual([testId(1)]);
    expect(q('NÚÑEZ')).toEqual([testId(1)]);
    expect(q('+1 (415) 555-01')).toEqual([testId(1)]);
    expect(q('20 7123')).toEqual([testId(2)]);
    expect(q('zzz')).toEqual([]);
    index.upsert([makeContact({ id: testId(2), name: 'Ann José' })]);
    expect(q('jose')).toEqual([testId(2), testId(1)]);
    index.remove([testId(1)]);
    expect(q('jose')).toEqual([testId(2)]);
  });

  it('[V1] a contact upserted twice in one batch is found once (search lists hold each slot once)', () => {
    const index = new ContactIndex({ fields, locale: LOCALE });
    index.upsert([makeContact({ id: testId(1), name: 'Ann' }), makeContact({ id: testId(1), name: 'Ann Lee' })]);
    const q = { search: 'lee', filter: { match: 'all' as const, conditions: [] }, sort: { by: 'name' as const, dir: 'asc' as const } };
    expect(index.matchingIds(q, ctx)).toEqual([testId(1)]);
    expect(index.count(q, ctx)).toBe(1);
  });

  it('[V2] labels() lists distinct labels A-Z and follows changes', () => {
    const index = new ContactIndex({ fields, locale: LOCALE });
    index.upsert([makeContact({ id: testId(1), labels: ['vip', 'Billing'] }), makeContact({ id: testId(2), labels: ['VIP', 'sales'] })]);
    expect(index.labels()).toEqual(['Billing', 'sales', 'vip']);
    index.remove([testId(1)]);
    expect(index.labels()).toEqual(['sales', 'VIP']);
  });

  it('[V1] setFields decides which custom values are searchable', () => {
    const index = new ContactIndex({ fields: [], locale: LOCALE });
    index.upsert([makeContact({ id: testId(1), name: 'Ann', customFields: { note: 'Loves éclairs' } })]);
    const q = { search: 'eclair', filter: { match: 'all' as const, conditions: [] }, sort: { by: 'name' as const, dir: 'asc' as const }, page: 1, pageSize: 10 };
    expect(index.query(q, ctx).total).toBe(0);
    index.setFields(fields);
    expect(index.query(q, ctx).total).toBe(1);
  });
});
