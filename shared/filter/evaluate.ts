// THE filter evaluator (D6): one pure function, used by the device's query index and by the server.
// compileFilter does the per-query work once (normalising values, turning days into epoch ranges)
// and returns a predicate that is cheap enough to run over 100k contacts.
// Conditions that do not validate (see validate.ts) are inactive: skipped as if absent.
// An empty group (or one with no active condition) matches every contact.
import type { Contact, FieldDefinition, FilterCondition, FilterGroup } from '../schema';
import { isPhoneLike, normalizeText, phoneDigits } from '../search/normalize';
import { addDays, DAY_MS, dayKeyAt, isDayKey, safeTimeZone, startOfDay } from './days';
import { findFilterField, type FilterFieldInfo } from './field-list';
import { validateCondition } from './validate';

export type FilterContext = {
  /** "Now" for within_last_days / more_than_days_ago, epoch ms. */
  now: number;
  fields: readonly FieldDefinition[];
  /** IANA zone in which calendar days are compared; default 'UTC'. */
  timeZone?: string;
};

export type ContactPredicate = (contact: Contact) => boolean;
type Raw = (c: Contact) => unknown;

/** Reads the stored value a condition on field `id` tests (also used by the client's filter columns). */
export function fieldAccessor(id: string): Raw {
  switch (id) {
    case 'name':
      return (c) => c.name;
    case 'email':
      return (c) => c.email;
    case 'phone':
      return (c) => c.phone;
    case 'createdAt':
      return (c) => c.createdAt;
    case 'lastInteractionAt':
      return (c) => c.lastInteractionAt;
    case 'campaignOptIn':
      return (c) => c.campaignOptIn;
    case 'labels':
      return (c) => c.labels;
    case 'conversationCount':
      return (c) => c.conversationCount;
  }
  const key = id.slice(id.indexOf(':') + 1);
  return id.startsWith('cf:') ? (c) => c.customFields[key] : (c) => c.conversationFields[key];
}

/** A stored value as text; null when empty. */
function rawText(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.join(' ');
  return null;
}

function compileText(op: string, value: unknown, raw: Raw, info: FilterFieldInfo): ContactPredicate {
  if (op === 'is_empty' || op === 'is_not_empty') {
    const want = op === 'is_empty';
    return (c) => {
      const s = rawText(raw(c));
      return (s === null || normalizeText(s) === '') === want;
    };
  }
  const useDigits = info.phone === true && isPhoneLike(value as string);
  const q = useDigits ? phoneDigits(value as string) : normalizeText(value as string);
  const norm = useDigits ? phoneDigits : normalizeText;
  const get = (c: Contact): string | null => {
    const s = rawText(raw(c));
    return s === null ? null : norm(s);
  };
  switch (op) {
    case 'contains':
      return (c) => get(c)?.includes(q) ?? false;
    case 'not_contains':
      return (c) => !(get(c)?.includes(q) ?? false);
    case 'equals':
      return (c) => get(c) === q;
    case 'not_equals':
      return (c) => get(c) !== q;
    default: // starts_with
      return (c) => get(c)?.startsWith(q) ?? false;
  }
}

export function rawNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

function compileNumber(op: string, value: unknown, raw: Raw): ContactPredicate {
  const get = (c: Contact): number | null => rawNumber(raw(c));
  const x = value as number;
  switch (op) {
    case 'is_empty':
      return (c) => get(c) === null;
    case 'neq':
      return (c) => get(c) !== x; // an empty value is "not equal" too
    case 'between': {
      const [lo, hi] = value as [number, number];
      return (c) => {
        const n = get(c);
        return n !== null && n >= lo && n <= hi;
      };
    }
  }
  const test: (n: number) => boolean =
    op === 'eq' ? (n) => n === x : op === 'gt' ? (n) => n > x : op === 'gte' ? (n) => n >= x : op === 'lt' ? (n) => n < x : (n) => n <= x;
  return (c) => {
    const n = get(c);
    return n !== null && test(n);
  };
}

/** A day range [loKey, hiKey] (inclusive) and the same range as epoch ms [loMs, hiMs). */
export type DayRange = { loKey: string; hiKey: string; loMs: number; hiMs: number };
const MIN_KEY = '';
const MAX_KEY = '\uffff';

export function dayRange(op: string, value: unknown, ctx: FilterContext): DayRange {
  const tz = safeTimeZone(ctx.timeZone);
  const start = (key: string): number => startOfDay(key, tz);
  switch (op) {
    case 'on': {
      const d = value as string;
      return { loKey: d, hiKey: d, loMs: start(d), hiMs: start(addDays(d, 1)) };
    }
    case 'before': {
      const d = value as string;
      return { loKey: MIN_KEY, hiKey: addDays(d, -1), loMs: -Infinity, hiMs: start(d) };
    }
    case 'after': {
      const d = value as string;
      return { loKey: addDays(d, 1), hiKey: MAX_KEY, loMs: start(addDays(d, 1)), hiMs: Infinity };
    }
    case 'between': {
      const [a, b] = value as [string, string];
      return { loKey: a, hiKey: b, loMs: start(a), hiMs: start(addDays(b, 1)) };
    }
    case 'within_last_days': {
      // The last N days up to now: a day field counts today and the N days before it.
      const n = value as number;
      const today = dayKeyAt(ctx.now, tz);
      return { loKey: addDays(today, -n), hiKey: today, loMs: ctx.now - n * DAY_MS, hiMs: ctx.now + 1 };
    }
    default: {
      // more_than_days_ago
      const n = value as number;
      const today = dayKeyAt(ctx.now, tz);
      return { loKey: MIN_KEY, hiKey: addDays(today, -n - 1), loMs: -Infinity, hiMs: ctx.now - n * DAY_MS };
    }
  }
}

function compileDate(op: string, value: unknown, raw: Raw, ctx: FilterContext): ContactPredicate {
  if (op === 'is_empty') {
    return (c) => {
      const v = raw(c);
      return !(typeof v === 'number' || isDayKey(v));
    };
  }
  const r = dayRange(op, value, ctx);
  return (c) => {
    const v = raw(c);
    if (typeof v === 'number') return v >= r.loMs && v < r.hiMs;
    return isDayKey(v) && v >= r.loKey && v <= r.hiKey;
  };
}

/**
 * Tests a stored select/multiselect/labels value (a string or a string list) against normalised
 * wanted values. Stored values repeat a lot (a few options, a few labels), so their normalised
 * form is memoised per compiled condition.
 */
function setMatcher(): (v: unknown, wanted: ReadonlySet<string>) => number {
  const memo = new Map<string, string>();
  const norm = (s: string): string => {
    let n = memo.get(s);
    if (n === undefined) {
      n = normalizeText(s);
      if (memo.size < 10_000) memo.set(s, n);
    }
    return n;
  };
  /** How many distinct wanted values the stored value has; -1 when it is empty. */
  return (v, wanted) => {
    if (typeof v === 'string') {
      const n = norm(v);
      return n === '' ? -1 : wanted.has(n) ? 1 : 0;
    }
    if (!Array.isArray(v)) return -1;
    let hits = 0;
    let any = false;
    const seen = new Set<string>();
    for (const x of v) {
      if (typeof x !== 'string') continue;
      const n = norm(x);
      if (n === '') continue;
      any = true;
      if (wanted.has(n) && !seen.has(n)) {
        seen.add(n);
        hits++;
      }
    }
    return any ? hits : -1;
  };
}

function compileSet(op: string, value: unknown, raw: Raw): ContactPredicate {
  const count = setMatcher();
  if (op === 'is_empty') {
    const none = new Set<string>();
    return (c) => count(raw(c), none) < 0;
  }
  const wanted = new Set((Array.isArray(value) ? (value as string[]) : [value as string]).map(normalizeText));
  switch (op) {
    case 'is':
    case 'is_any_of':
    case 'has_any_of':
      return (c) => count(raw(c), wanted) > 0;
    case 'is_not':
    case 'has_none_of':
      return (c) => count(raw(c), wanted) <= 0;
    default: // has_all_of
      return (c) => count(raw(c), wanted) === wanted.size;
  }
}

function compileCondition(cond: FilterCondition, info: FilterFieldInfo, ctx: FilterContext): ContactPredicate {
  const raw = fieldAccessor(info.id);
  switch (info.kind) {
    case 'text':
      return compileText(cond.operator, cond.value, raw, info);
    case 'number':
      return compileNumber(cond.operator, cond.value, raw);
    case 'date':
      return compileDate(cond.operator, cond.value, raw, ctx);
    case 'boolean':
      return cond.operator === 'is_on' ? (c) => raw(c) === true : (c) => raw(c) !== true;
    default:
      return compileSet(cond.operator, cond.value, raw);
  }
}

/** Rough cost of testing one contact, by kind: cheap tests first lets AND / OR stop early. */
const KIND_COST: Record<FilterFieldInfo['kind'], number> = { boolean: 0, number: 1, date: 1, select: 2, multiselect: 3, label: 3, text: 4 };

export function compileFilter(group: FilterGroup, ctx: FilterContext): ContactPredicate {
  const compiled: { cost: number; test: ContactPredicate }[] = [];
  for (const cond of group.conditions) {
    const info = findFilterField(cond.field, ctx.fields);
    if (!info || validateCondition(cond, ctx.fields) !== null) continue;
    compiled.push({ cost: KIND_COST[info.kind], test: compileCondition(cond, info, ctx) });
  }
  // Conditions are pure, so their order never changes the result, only the time taken.
  const preds = compiled.sort((a, b) => a.cost - b.cost).map((p) => p.test);
  if (preds.length === 0) return () => true;
  if (preds.length === 1) return preds[0];
  if (group.match === 'all') {
    return (c) => {
      for (let i = 0; i < preds.length; i++) if (!preds[i](c)) return false;
      return true;
    };
  }
  return (c) => {
    for (let i = 0; i < preds.length; i++) if (preds[i](c)) return true;
    return false;
  };
}

/** Does `contact` match `group`? (Compile once with compileFilter when testing many contacts.) */
export function evaluateFilter(group: FilterGroup, contact: Contact, ctx: FilterContext): boolean {
  return compileFilter(group, ctx)(contact);
}

/** True when the group's result depends on ctx.now (so a cached result expires with time). */
export function dependsOnNow(group: FilterGroup): boolean {
  return group.conditions.some((c) => c.operator === 'within_last_days' || c.operator === 'more_than_days_ago');
}
