import { describe, expect, it } from 'vitest';
import type { Contact, FilterCondition, FilterGroup } from '../schema';
import { compileFilter, evaluateFilter, type FilterContext } from './evaluate';
import { makeContact, makeField } from './test-contact';

const fields = [
  makeField('plan', 'select', 'contact', ['Free', 'Pro', 'Enterprise']),
  makeField('tags', 'multiselect', 'contact', ['vip', 'beta', 'churn']),
  makeField('seats', 'number'),
  makeField('renewal', 'date'),
  makeField('note', 'text'),
  makeField('site', 'url'),
  makeField('alt_phone', 'phone'),
  makeField('priority', 'select', 'conversation', ['Low', 'High']),
];
const NOW = Date.UTC(2026, 2, 15, 12, 0, 0); // 2026-03-15 12:00 UTC
const ctx: FilterContext = { now: NOW, fields };

const jose = makeContact({
  name: 'José Núñez',
  email: 'jose@example.com',
  phone: '+14155550132',
  campaignOptIn: true,
  createdAt: Date.UTC(2026, 2, 1, 23, 30), // 2026-03-01 23:30 UTC = 2026-03-02 08:30 in Tokyo
  lastInteractionAt: NOW - 3 * 86_400_000,
  conversationCount: 4,
  labels: ['billing', 'VIP'],
  customFields: { plan: 'Pro', tags: ['vip', 'beta'], seats: 12, renewal: '2026-04-01', note: 'Prefers Éclairs', site: 'https://jose.example', alt_phone: '+442071234567' },
  conversationFields: { priority: 'High' },
});
const empty = makeContact({ name: 'Zed', createdAt: Date.UTC(2025, 0, 1) });

const c = (field: string, operator: FilterCondition['operator'], value: FilterCondition['value'] = null): FilterCondition => ({ field, operator, value });
const one = (cond: FilterCondition): FilterGroup => ({ match: 'all', conditions: [cond] });

// [description, condition, matches José, matches the empty contact]
const table: [string, FilterCondition, boolean, boolean][] = [
  // text
  ['name contains, accent-insensitive', c('name', 'contains', 'jose'), true, false],
  ['name contains, accents in query', c('name', 'contains', 'NÚÑ'), true, false],
  ['name not contains', c('name', 'not_contains', 'jose'), false, true],
  ['name equals ignores case/accents', c('name', 'equals', 'jose nunez'), true, false],
  ['name not equals', c('name', 'not_equals', 'jose nunez'), false, true],
  ['name starts with', c('name', 'starts_with', 'jos'), true, false],
  ['name starts with (not a prefix)', c('name', 'starts_with', 'nun'), false, false],
  ['email is empty', c('email', 'is_empty'), false, true],
  ['email is not empty', c('email', 'is_not_empty'), true, false],
  ['phone contains digits with punctuation', c('phone', 'contains', '(415) 555-01'), true, false],
  ['phone contains with +', c('phone', 'contains', '+1 415'), true, false],
  ['phone starts with', c('phone', 'starts_with', '+1 415'), true, false],
  ['phone equals digits', c('phone', 'equals', '+1 415 555 0132'), true, false],
  ['phone is empty', c('phone', 'is_empty'), false, true],
  ['custom text contains accent', c('cf:note', 'contains', 'eclair'), true, false],
  ['custom url contains', c('cf:site', 'contains', 'jose.example'), true, false],
  ['custom url not contains on empty', c('cf:site', 'not_contains', 'zzz'), true, true],
  ['custom phone contains digits', c('cf:alt_phone', 'contains', '20 7123'), true, false],
  ['custom text is empty', c('cf:note', 'is_empty'), false, true],
  // number
  ['count =', c('conversationCount', 'eq', 4), true, false],
  ['count ≠', c('conversationCount', 'neq', 4), false, true],
  ['count >', c('conversationCount', 'gt', 3), true, false],
  ['count > at boundary', c('conversationCount', 'gt', 4), false, false],
  ['count ≥', c('conversationCount', 'gte', 4), true, false],
  ['count <', c('conversationCount', 'lt', 4), false, true],
  ['count ≤', c('conversationCount', 'lte', 4), true, true],
  ['count between inclusive', c('conversationCount', 'between', [4, 10]), true, false],
  ['count is empty (0 is a value)', c('conversationCount', 'is_empty'), false, false],
  ['seats =', c('cf:seats', 'eq', 12), true, false],
  ['seats ≠ (empty counts as not equal)', c('cf:seats', 'neq', 12), false, true],
  ['seats >', c('cf:seats', 'gt', 11.5), true, false],
  ['seats ≥', c('cf:seats', 'gte', 13), false, false],
  ['seats <', c('cf:seats', 'lt', 13), true, false],
  ['seats ≤', c('cf:seats', 'lte', 11), false, false],
  ['seats between', c('cf:seats', 'between', [12, 12]), true, false],
  ['seats is empty', c('cf:seats', 'is_empty'), false, true],
  // date (UTC)
  ['created on (UTC day)', c('createdAt', 'on', '2026-03-01'), true, false],
  ['created on next day is false in UTC', c('createdAt', 'on', '2026-03-02'), false, false],
  ['created before', c('createdAt', 'before', '2026-03-02'), true, true],
  ['created before its own day', c('createdAt', 'before', '2026-03-01'), false, true],
  ['created after', c('createdAt', 'after', '2026-02-28'), true, false],
  ['created after its own day', c('createdAt', 'after', '2026-03-01'), false, false],
  ['created between inclusive', c('createdAt', 'between', ['2026-03-01', '2026-03-01']), true, false],
  ['created within last 14 days', c('createdAt', 'within_last_days', 14), true, false],
  ['created within last 13 days (13.5 days ago)', c('createdAt', 'within_last_days', 13), false, false],
  ['created more than 13 days ago', c('createdAt', 'more_than_days_ago', 13), true, true],
  ['created more than 14 days ago', c('createdAt', 'more_than_days_ago', 14), false, true],
  ['last interaction within 3 days (exactly 3 days ago)', c('lastInteractionAt', 'within_last_days', 3), true, false],
  ['last interaction within 2 days', c('lastInteractionAt', 'within_last_days', 2), false, false],
  ['last interaction more than 2 days ago', c('lastInteractionAt', 'more_than_days_ago', 2), true, false],
  ['last interaction is empty', c('lastInteractionAt', 'is_empty'), false, true],
  ['last interaction before (null never matches)', c('lastInteractionAt', 'before', '2030-01-01'), true, false],
  ['renewal on', c('cf:renewal', 'on', '2026-04-01'), true, false],
  ['renewal before', c('cf:renewal', 'before', '2026-04-01'), false, false],
  ['renewal after', c('cf:renewal', 'after', '2026-03-31'), true, false],
  ['renewal between', c('cf:renewal', 'between', ['2026-03-01', '2026-04-01']), true, false],
  ['renewal within last 0 days = today only', c('cf:renewal', 'within_last_days', 0), false, false],
  ['renewal more than 0 days ago (future date)', c('cf:renewal', 'more_than_days_ago', 0), false, false],
  ['renewal is empty', c('cf:renewal', 'is_empty'), false, true],
  // select
  ['plan is', c('cf:plan', 'is', 'Pro'), true, false],
  ['plan is (case-insensitive)', c('cf:plan', 'is', 'pro'), true, false],
  ['plan is not', c('cf:plan', 'is_not', 'Pro'), false, true],
  ['plan is any of', c('cf:plan', 'is_any_of', ['Free', 'Pro']), true, false],
  ['plan is any of (miss)', c('cf:plan', 'is_any_of', ['Free']), false, false],
  ['plan is empty', c('cf:plan', 'is_empty'), false, true],
  ['conversation priority is', c('conv:priority', 'is', 'High'), true, false],
  ['conversation priority is empty', c('conv:priority', 'is_empty'), false, true],
  // multiselect
  ['tags has any of', c('cf:tags', 'has_any_of', ['vip', 'churn']), true, false],
  ['tags has all of', c('cf:tags', 'has_all_of', ['vip', 'beta']), true, false],
  ['tags has all of (missing one)', c('cf:tags', 'has_all_of', ['vip', 'churn']), false, false],
  ['tags has none of', c('cf:tags', 'has_none_of', ['churn']), true, true],
  ['tags has none of (hit)', c('cf:tags', 'has_none_of', ['beta']), false, true],
  ['tags is empty', c('cf:tags', 'is_empty'), false, true],
  // boolean
  ['opt-in is on', c('campaignOptIn', 'is_on'), true, false],
  ['opt-in is off', c('campaignOptIn', 'is_off'), false, true],
  // labels
  ['labels has any of', c('labels', 'has_any_of', ['vip']), true, false],
  ['labels has all of', c('labels', 'has_all_of', ['billing', 'vip']), true, false],
  ['labels has all of (missing)', c('labels', 'has_all_of', ['billing', 'sales']), false, false],
  ['labels has none of', c('labels', 'has_none_of', ['sales']), true, true],
  ['labels has none of (hit)', c('labels', 'has_none_of', ['billing']), false, true],
];

describe('[D6] evaluateFilter: every operator of every kind', () => {
  it.each(table)('[D6] %s', (_name, cond, forJose, forEmpty) => {
    expect(evaluateFilter(one(cond), jose, ctx)).toBe(forJose);
    expect(evaluateFilter(one(cond), empty, ctx)).toBe(forEmpty);
  });
});

describe('[D6] groups', () => {
  const a = c('cf:plan', 'is', 'Pro');
  const b = c('campaignOptIn', 'is_off');
  it('[D6] an empty group matches everything', () => {
    expect(evaluateFilter({ match: 'all', conditions: [] }, jose, ctx)).toBe(true);
    expect(evaluateFilter({ match: 'any', conditions: [] }, empty, ctx)).toBe(true);
  });
  it('[D6] all = AND, any = OR', () => {
    expect(evaluateFilter({ match: 'all', conditions: [a, b] }, jose, ctx)).toBe(false);
    expect(evaluateFilter({ match: 'any', conditions: [a, b] }, jose, ctx)).toBe(true);
    expect(evaluateFilter({ match: 'any', conditions: [a, b] }, empty, ctx)).toBe(true);
  });
  it('[D6] incomplete or unknown conditions are inactive (skipped)', () => {
    const incomplete = c('name', 'contains', '');
    const unknown = c('cf:gone', 'is', 'x');
    const wrongOp = c('name', 'gt', 3);
    expect(evaluateFilter({ match: 'all', conditions: [incomplete, unknown, wrongOp] }, empty, ctx)).toBe(true);
    expect(evaluateFilter({ match: 'all', conditions: [incomplete, a] }, empty, ctx)).toBe(false);
  });
  it('[D6] compileFilter and evaluateFilter agree', () => {
    const g: FilterGroup = { match: 'any', conditions: [a, b] };
    const p = compileFilter(g, ctx);
    for (const contact of [jose, empty]) expect(p(contact)).toBe(evaluateFilter(g, contact, ctx));
  });
});

describe('[D6] calendar days in a time zone', () => {
  const tokyo: FilterContext = { ...ctx, timeZone: 'Asia/Tokyo' };
  const ny: FilterContext = { ...ctx, timeZone: 'America/New_York' };
  it('[D6] created 23:30 UTC is the next day in Tokyo', () => {
    expect(evaluateFilter(one(c('createdAt', 'on', '2026-03-02')), jose, tokyo)).toBe(true);
    expect(evaluateFilter(one(c('createdAt', 'on', '2026-03-01')), jose, tokyo)).toBe(false);
    expect(evaluateFilter(one(c('createdAt', 'before', '2026-03-02')), jose, tokyo)).toBe(false);
    expect(evaluateFilter(one(c('createdAt', 'after', '2026-03-01')), jose, tokyo)).toBe(true);
  });
  it('[D6] day boundaries are exact: first and last instant of the local day', () => {
    const day = '2026-03-08'; // DST starts in New York this day (23-hour day)
    const start = Date.UTC(2026, 2, 8, 5, 0, 0); // 00:00 EST
    const end = Date.UTC(2026, 2, 9, 4, 0, 0); // 00:00 EDT next day
    const at = (ms: number): Contact => ({ ...jose, createdAt: ms });
    const on = one(c('createdAt', 'on', day));
    expect(evaluateFilter(on, at(start), ny)).toBe(true);
    expect(evaluateFilter(on, at(start - 1), ny)).toBe(false);
    expect(evaluateFilter(on, at(end - 1), ny)).toBe(true);
    expect(evaluateFilter(on, at(end), ny)).toBe(false);
    expect(evaluateFilter(one(c('createdAt', 'between', ['2026-03-07', day])), at(end - 1), ny)).toBe(true);
    expect(evaluateFilter(one(c('createdAt', 'between', ['2026-03-07', day])), at(end), ny)).toBe(false);
  });
  it('[D6] day fields use "today" in the zone for within last N days', () => {
    // 2026-03-15 12:00 UTC is already 2026-03-16 in Kiritimati (UTC+14).
    const kiri: FilterContext = { ...ctx, timeZone: 'Pacific/Kiritimati' };
    const withDay = (d: string): Contact => ({ ...jose, customFields: { ...jose.customFields, renewal: d } });
    const today0 = one(c('cf:renewal', 'within_last_days', 0));
    expect(evaluateFilter(today0, withDay('2026-03-16'), kiri)).toBe(true);
    expect(evaluateFilter(today0, withDay('2026-03-16'), ctx)).toBe(false);
    expect(evaluateFilter(one(c('cf:renewal', 'within_last_days', 7)), withDay('2026-03-08'), ctx)).toBe(true);
    expect(evaluateFilter(one(c('cf:renewal', 'within_last_days', 7)), withDay('2026-03-07'), ctx)).toBe(false);
    expect(evaluateFilter(one(c('cf:renewal', 'more_than_days_ago', 7)), withDay('2026-03-07'), ctx)).toBe(true);
    expect(evaluateFilter(one(c('cf:renewal', 'more_than_days_ago', 7)), withDay('2026-03-08'), ctx)).toBe(false);
  });
  it('[D6] an unknown zone falls back to UTC', () => {
    expect(evaluateFilter(one(c('createdAt', 'on', '2026-03-01')), jose, { ...ctx, timeZone: 'Mars/Olympus' })).toBe(true);
  });
});
