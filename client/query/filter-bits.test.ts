import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Contact, FieldDefinition, FieldType, FilterCondition, FilterGroup, FilterValue, Operator } from '../../shared/schema';
import { findFilterField } from '../../shared/filter/field-list';
import { activeConditions } from '../../shared/filter/validate';
import { FIELD_TYPES, OPERATORS } from '../../shared/schema';
import { compileFilter, type FilterContext } from '../../shared/filter/evaluate';
import { makeContact, testId } from '../../shared/filter/test-contact';
import { ContactIndex } from './contact-index';
import { FilterColumns } from './filter-columns';
import { filterBits } from './filter-bits';
import { bitsToSlots } from './bitset';
import { referenceMatches } from './reference';

const DAY = 86_400_000;
const NOWS = [Date.UTC(2026, 2, 29, 0, 30), Date.UTC(2026, 9, 25, 23, 59, 59, 999), Date.UTC(2026, 5, 1, 12), Date.UTC(2024, 1, 29, 5)];
const ZONES = [undefined, 'UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham', 'Not/AZone'];
const KEYS = ['a', 'b', 'c', 'd'];
const ALL_OPERATORS = [...new Set(Object.values(OPERATORS).flat())];
const WORDS = ['Pro', 'pro', ' PRO ', 'Próf', 'vip', 'VIP', 'Vip ', 'refund', 'Free', '', '  ', '\u0301', 'ß', 'ss', 'x y', 'x  y', 'Öl', 'ol'];

const dayKeyArb = fc.oneof(
  fc.integer({ min: -400, max: 400 }).map((d) => new Date(NOWS[0] + d * DAY).toISOString().slice(0, 10)),
  fc.constantFrom('2026-03-29', '2026-10-25', '2024-02-29', '2023-02-29', '0100-01-01', '9999-12-31', '2026-13-01', '26-01-01', '2026-1-1'),
);
const msArb = fc.oneof(
  fc.integer({ min: -400 * 24, max: 400 * 24 }).map((h) => NOWS[0] + h * 3_600_000),
  fc.constantFrom(...NOWS).chain((n) => fc.integer({ min: -3, max: 3 }).map((d) => n + d * DAY)),
  fc.constantFrom(...NOWS).chain((n) => fc.integer({ min: -1000, max: 1000 }).map((d) => n - 90 * DAY + d)),
);
const numberArb = fc.oneof(fc.integer({ min: -5, max: 10 }), fc.constantFrom(0.5, -0, 3000, 3000.01, 1e21), fc.double({ noNaN: true, noDefaultInfinity: true, min: -10, max: 10 }));
/** A stored custom value: the schema allows string | number | string[] | null, of any field type. */
const customValueArb: fc.Arbitrary<string | number | string[] | null> = fc.oneof(
  fc.constant(null),
  fc.constantFrom(...WORDS),
  dayKeyArb,
  numberArb,
  fc.constantFrom('3', ' 4 ', '1e3', 'abc', '0x10', '', '+1 (415) 555-0132'),
  fc.array(fc.oneof(fc.constantFrom(...WORDS), dayKeyArb), { maxLength: 4 }),
);

const fieldArb: fc.Arbitrary<FieldDefinition> = fc
  .record({ key: fc.constantFrom(...KEYS), type: fc.constantFrom<FieldType>(...FIELD_TYPES), scope: fc.constantFrom('contact' as const, 'conversation' as const) })
  .map(({ key, type, scope }) => ({ id: testId(900 + KEYS.indexOf(key) * 2 + (scope === 'contact' ? 0 : 1)), key, label: key, type, options: ['Pro', 'Free', 'vip'], scope, position: 0, createdAt: 0, updatedAt: 0 }));
const fieldsArb = fc.uniqueArray(fieldArb, { selector: (f) => `${f.scope}:${f.key}`, maxLength: 6 });

const contactArb = (n: number): fc.Arbitrary<Contact> =>
  fc
    .record({
      createdAt: msArb,
      last: fc.option(msArb, { nil: null }),
      optIn: fc.boolean(),
      count: fc.integer({ min: 0, max: 5 }),
      labels: fc.array(fc.constantFrom(...WORDS), { maxLength: 4 }),
      name: fc.constantFrom('Ann', 'José Pro', 'vip', ''),
      phone: fc.constantFrom('', '+14155550132', '+442071234567'),
      custom: fc.dictionary(fc.constantFrom(...KEYS), customValueArb, { maxKeys: 4 }),
      conv: fc.dictionary(fc.constantFrom(...KEYS), customValueArb, { maxKeys: 4 }),
    })
    .map((r) =>
      makeContact({
        id: testId(n),
        name: r.name,
        phone: r.phone,
        createdAt: r.createdAt,
        lastInteractionAt: r.last,
        campaignOptIn: r.optIn,
        conversationCount: r.count,
        labels: r.labels,
        customFields: r.custom,
        conversationFields: r.conv,
      }),
    );

const valueArb = fc.oneof(
  fc.constant(null),
  fc.constantFrom(...WORDS),
  dayKeyArb,
  numberArb,
  fc.integer({ min: 0, max: 400 }),
  fc.constantFrom(0, 90, 100_000, 100_001),
  fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }),
  fc.tuple(numberArb, numberArb),
  fc.tuple(dayKeyArb, dayKeyArb),
);
const FIELD_IDS = ['name', 'email', 'phone', 'createdAt', 'lastInteractionAt', 'campaignOptIn', 'labels', 'conversationCount', ...KEYS.flatMap((k) => [`cf:${k}`, `conv:${k}`]), 'cf:zz'];

/** A value of the shape `operator` takes (mostly), so most conditions are active. */
function valueFor(operator: Operator): fc.Arbitrary<FilterValue> {
  const shaped = ((): fc.Arbitrary<FilterValue> => {
    switch (operator) {
      case 'contains':
      case 'not_contains':
      case 'equals':
      case 'not_equals':
      case 'starts_with':
        return fc.constantFrom('pro', 'jos', 'a', 'vip', '2026-0', '3', ' ', 'ß', '415-555', '+1 (415', '+14155');
      case 'eq':
      case 'neq':
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
        return numberArb;
      case 'between':
        return fc.oneof(fc.tuple(numberArb, numberArb).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as [number, number]), fc.tuple(dayKeyArb, dayKeyArb).map(([a, b]) => (a <= b ? [a, b] : [b, a]) as [string, string]));
      case 'on':
      case 'before':
      case 'after':
        return dayKeyArb;
      case 'within_last_days':
      case 'more_than_days_ago':
        return fc.oneof(fc.integer({ min: 0, max: 400 }), fc.constantFrom(0, 1, 90, 100_000));
      case 'is':
      case 'is_not':
        return fc.constantFrom(...WORDS);
      case 'is_any_of':
      case 'has_any_of':
      case 'has_all_of':
      case 'has_none_of':
        return fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 });
      default:
        return fc.constant(null);
    }
  })();
  return fc.oneof({ weight: 9, arbitrary: shaped }, { weight: 1, arbitrary: valueArb });
}

/** A condition on a random field, with an operator that fits the field's kind in one of `fieldSets` (mostly). */
function conditionArb(fieldSets: readonly (readonly FieldDefinition[])[]): fc.Arbitrary<FilterCondition> {
  return fc.constantFrom(...FIELD_IDS).chain((field) => {
    const fitting = [...new Set(fieldSets.flatMap((fs) => { const info = findFilterField(field, fs); return info ? [...OPERATORS[info.kind]] : []; }))];
    const operator = fitting.length > 0 ? fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...fitting) }, { weight: 1, arbitrary: fc.constantFrom(...ALL_OPERATORS) }) : fc.constantFrom(...ALL_OPERATORS);
    return operator.chain((op) => valueFor(op).map((value): FilterCondition => ({ field, operator: op, value })));
  });
}
const groupArb = (fieldSets: readonly (readonly FieldDefinition[])[]): fc.Arbitrary<FilterGroup> =>
  fc.record({ match: fc.constantFrom('all' as const, 'any' as const), conditions: fc.array(conditionArb(fieldSets), { maxLength: 4 }) });
const ctxArb = (fields: FieldDefinition[]): fc.Arbitrary<FilterContext> =>
  fc.record({ now: fc.constantFrom(...NOWS), timeZone: fc.constantFrom(...ZONES) }).map((c) => ({ ...c, fields }));

const plain = (contacts: readonly Contact[], group: FilterGroup, ctx: FilterContext): string[] => {
  const test = compileFilter(group, ctx);
  return contacts.filter((c) => test(c)).map((c) => c.id).sort();
};

describe('[V2][V3] filter bit sets equal the shared evaluator', () => {
  it('[V2] filterBits over columns = compileFilter, for every operator, field type and time zone', () => {
    let runs = 0;
    let decided = 0;
    fc.assert(
      fc.property(fieldsArb, fc.array(fc.nat(40), { minLength: 10, maxLength: 40 }), (fields, nums) => {
        runs++;
        const contacts = nums.map((n, i) => fc.sample(contactArb(i), { numRuns: 1, seed: n * 7919 + i })[0]);
        const columns = new FilterColumns();
        columns.setFields(fields, []);
        contacts.forEach((c, slot) => columns.put(slot, c));
        fc.assert(
          fc.property(groupArb([fields]), ctxArb(fields), (group, ctx) => {
            const bits = filterBits(group, ctx, columns, contacts);
            const got = bits ? Array.from(bitsToSlots(bits), (s) => contacts[s].id).sort() : contacts.map((c) => c.id).sort();
            const want = plain(contacts, group, ctx);
            expect(got).toEqual(want);
            const active = activeConditions(group, fields).length;
            if (active > 0 && want.length > 0 && want.length < contacts.length) decided++;
          }),
          { numRuns: 30 },
        );
      }),
      { numRuns: 100 },
    );
    // The property has teeth: most groups are active and split the contacts.
    expect(decided).toBeGreaterThan(runs * 30 * 0.15);
  });

  const field = (key: string, type: FieldType, scope: 'contact' | 'conversation' = 'contact'): FieldDefinition =>
    ({ id: testId(800 + KEYS.indexOf(key)), key, label: key, type, options: ['Pro', 'Free', 'vip'], scope, position: 0, createdAt: 0, updatedAt: 0 });
  const FIELD_SETS: FieldDefinition[][] = [
    [],
    [field('a', 'select'), field('b', 'number'), field('c', 'date'), field('d', 'multiselect', 'conversation')],
    [field('a', 'multiselect'), field('b', 'date'), field('c', 'text'), field('d', 'select', 'conversation')],
    [field('a', 'number'), field('b', 'select'), field('c', 'multiselect'), field('d', 'date', 'conversation')],
  ];
  type Step = { kind: 'upsert'; contacts: Contact[] } | { kind: 'remove'; ids: number[] } | { kind: 'fields'; fields: FieldDefinition[] } | { kind: 'query'; group: FilterGroup; search: string };
  const stepArb: fc.Arbitrary<Step> = fc.oneof(
    { weight: 3, arbitrary: fc.array(fc.integer({ min: 1, max: 60 }).chain(contactArb), { minLength: 1, maxLength: 20 }).map((contacts) => ({ kind: 'upsert' as const, contacts })) },
    { weight: 1, arbitrary: fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 10 }).map((ids) => ({ kind: 'remove' as const, ids })) },
    { weight: 1, arbitrary: fc.constantFrom(...FIELD_SETS).map((fields) => ({ kind: 'fields' as const, fields })) },
    { weight: 4, arbitrary: fc.record({ group: groupArb(FIELD_SETS), search: fc.constantFrom('', 'a', 'ann', 'jos', 'pro', 'vip') }).map((q) => ({ kind: 'query' as const, ...q })) },
  );

  it('[V2][V3] ContactIndex count and matchingIds follow upserts, removes and field changes (columns kept in step)', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 25 }), fc.constantFrom(...NOWS), fc.constantFrom(...ZONES), (steps, now, timeZone) => {
        let fields: FieldDefinition[] = [];
        const index = new ContactIndex({ fields, locale: 'en' });
        const truth = new Map<string, Contact>();
        for (const step of steps) {
          if (step.kind === 'upsert') {
            index.upsert(step.contacts);
            for (const c of step.contacts) truth.set(c.id, c);
          } else if (step.kind === 'remove') {
            index.remove(step.ids.map(testId));
            for (const n of step.ids) truth.delete(testId(n));
          } else if (step.kind === 'fields') {
            fields = step.fields;
            index.setFields(fields);
          } else {
            const ctx: FilterContext = { now, timeZone, fields };
            const q = { search: step.search, filter: step.group, sort: { by: 'createdAt' as const, dir: 'asc' as const } };
            const want = referenceMatches([...truth.values()], q, ctx, 'en').map((c) => c.id).sort();
            expect([...index.matchingIds(q, ctx)].sort()).toEqual(want);
            expect(index.count(q, ctx)).toBe(want.length);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('[V2] set values beyond the bit mask (many distinct labels / options): masks, single ids and lists agree with compileFilter', () => {
    const many = Array.from({ length: 45 }, (_, i) => `Value ${i}`);
    const fields: FieldDefinition[] = [{ id: testId(991), key: 'a', label: 'a', type: 'multiselect', options: many, scope: 'contact', position: 0, createdAt: 0, updatedAt: 0 }];
    const pick = fc.constantFrom(...many, 'value 3', ' VALUE 40 ', '');
    const contactsArb = fc.array(fc.record({ labels: fc.array(pick, { maxLength: 4 }), a: fc.oneof(pick, fc.array(pick, { maxLength: 4 })) }), { minLength: 20, maxLength: 60 });
    const condArb = fc.record({
      field: fc.constantFrom('labels', 'cf:a'),
      operator: fc.constantFrom<Operator>('has_any_of', 'has_all_of', 'has_none_of', 'is_empty'),
      value: fc.array(fc.constantFrom(...many, 'VALUE 2', 'nobody'), { minLength: 1, maxLength: 3 }),
    });
    fc.assert(
      fc.property(contactsArb, fc.array(condArb, { minLength: 1, maxLength: 3 }), fc.constantFrom('all' as const, 'any' as const), (rows, conditions, match) => {
        const contacts = rows.map((r, i) => makeContact({ id: testId(i + 1), labels: r.labels, customFields: { a: r.a } }));
        const columns = new FilterColumns();
        columns.setFields(fields, []);
        contacts.forEach((c, slot) => columns.put(slot, c));
        const ctx: FilterContext = { now: NOWS[0], fields };
        const group: FilterGroup = { match, conditions };
        const bits = filterBits(group, ctx, columns, contacts);
        const got = bits ? Array.from(bitsToSlots(bits), (s) => contacts[s].id) : contacts.map((c) => c.id);
        expect(got.sort()).toEqual(plain(contacts, group, ctx));
      }),
      { numRuns: 300 },
    );
  });

  it('[V2] date columns holding only day keys, or only timestamps, take the one-kind path and agree with compileFilter', () => {
    const fields: FieldDefinition[] = [{ id: testId(992), key: 'd', label: 'd', type: 'date', options: [], scope: 'contact', position: 0, createdAt: 0, updatedAt: 0 }];
    const dateOps = OPERATORS.date;
    const condArb = fc.constantFrom('cf:d', 'createdAt', 'lastInteractionAt').chain((field) =>
      fc.constantFrom(...dateOps).chain((operator) => valueFor(operator).map((value): FilterCondition => ({ field, operator, value }))),
    );
    fc.assert(
      fc.property(
        fc.array(fc.record({ d: fc.option(dayKeyArb, { nil: null }), created: msArb, last: fc.option(msArb, { nil: null }) }), { minLength: 10, maxLength: 50 }),
        fc.array(condArb, { minLength: 1, maxLength: 2 }),
        ctxArb(fields),
        (rows, conditions, ctx) => {
          const contacts = rows.map((r, i) => makeContact({ id: testId(i + 1), createdAt: r.created, lastInteractionAt: r.last, customFields: { d: r.d } }));
          const columns = new FilterColumns();
          columns.setFields(fields, []);
          contacts.forEach((c, slot) => columns.put(slot, c));
          const group: FilterGroup = { match: 'all', conditions };
          const bits = filterBits(group, ctx, columns, contacts);
          const got = bits ? Array.from(bitsToSlots(bits), (s) => contacts[s].id) : contacts.map((c) => c.id);
          expect(got.sort()).toEqual(plain(contacts, group, ctx));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('[V3] a field whose type changes (same key) is filtered by its new kind', () => {
    const contacts = [makeContact({ id: testId(1), customFields: { a: '5' } }), makeContact({ id: testId(2), customFields: { a: 'Pro' } })];
    const asText: FieldDefinition = { id: testId(990), key: 'a', label: 'a', type: 'text', options: [], scope: 'contact', position: 0, createdAt: 0, updatedAt: 0 };
    const asNumber: FieldDefinition = { ...asText, type: 'number' };
    const asSelect: FieldDefinition = { ...asText, type: 'select', options: ['Pro'] };
    const index = new ContactIndex({ fields: [asText], locale: 'en' });
    index.upsert(contacts);
    const ids = (fields: FieldDefinition[], cond: FilterCondition): string[] =>
      index.matchingIds({ search: '', filter: { match: 'all', conditions: [cond] }, sort: { by: 'createdAt', dir: 'asc' } }, { now: NOWS[0], fields });
    expect(ids([asText], { field: 'cf:a', operator: 'contains', value: 'pro' })).toEqual([testId(2)]);
    index.setFields([asNumber]);
    expect(ids([asNumber], { field: 'cf:a', operator: 'gt', value: 4 })).toEqual([testId(1)]);
    index.setFields([asSelect]);
    expect(ids([asSelect], { field: 'cf:a', operator: 'is', value: 'PRO' })).toEqual([testId(2)]);
    index.upsert([{ ...contacts[0], customFields: { a: ['pro', 'x'] } }]);
    expect(ids([asSelect], { field: 'cf:a', operator: 'is', value: 'PRO' })).toEqual([testId(1), testId(2)]);
  });
});
