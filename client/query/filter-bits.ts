// A filter group (D6) as a bit set of slots, from the columns (filter-columns.ts): each
// condition is one pass over a column; AND / ANY combine whole words. Conditions the columns
// cannot express (a phone compared by digits, an odd day range) run the shared evaluator, only
// on the slots still undecided. Results equal compileFilter's (filter-bits.test.ts proves it).
import type { Contact, FilterCondition, FilterGroup } from '../../shared/schema';
import { compileFilter, dayRange, type ContactPredicate, type FilterContext } from '../../shared/filter/evaluate';
import { findFilterField } from '../../shared/filter/field-list';
import { validateCondition } from '../../shared/filter/validate';
import { isPhoneLike, normalizeText, phoneDigits } from '../../shared/search/normalize';
import type { Bits } from './bitset';
import { DATE_DAY, DATE_EMPTY, DATE_MS, dayNumber, LISTED, MASK_IDS, type Column, type DateColumn, type FilterColumns, type SetColumn } from './filter-columns';

/**
 * Writes a condition's bit set into `out`, for the slots in `mask` only (out may be mask: AND in
 * place). Each filler has its own loop so the per-slot test is inlined, not a call per slot, and
 * tests are written branch-free (`+(a < b)` bits): random data mispredicts branches (3-5x slower).
 */
type Filler = (out: Bits, mask: Bits) => void;

const DAY_KEY_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** A day-range bound as YYYYMMDD (±Infinity for the open ends), or null if not comparable that way. */
function dayBound(key: string): number | null {
  if (key === '') return -Infinity;
  if (key === '\uffff') return Infinity;
  return DAY_KEY_SHAPE.test(key) ? dayNumber(key) : null;
}

function dateFiller(col: DateColumn, cond: FilterCondition, ctx: FilterContext): Filler | null {
  const { kind, v } = col;
  if (cond.operator === 'is_empty') {
    return (out, mask) => {
      for (let w = 0; w < out.length; w++) {
        const m = mask[w];
        let bits = 0;
        if (m !== 0) for (let b = 0, s = w << 5; b < 32; b++, s++) bits |= +(kind[s] === DATE_EMPTY) << b;
        out[w] = bits & m;
      }
    };
  }
  const r = dayRange(cond.operator, cond.value, ctx);
  const lo = dayBound(r.loKey);
  const hi = dayBound(r.hiKey);
  if (lo === null || hi === null) return null;
  const { loMs, hiMs } = r;
  // One kind of value only (the usual case: built-ins hold ms, custom dates day keys): empty is
  // NaN and fails both comparisons, so the kind need not be read.
  if (!col.hasDay) return rangeFiller(v, loMs, false, hiMs, true);
  if (!col.hasMs) return rangeFiller(v, lo, false, hi, false);
  return (out, mask) => {
    for (let w = 0; w < out.length; w++) {
      const m = mask[w];
      let bits = 0;
      if (m !== 0) {
        for (let b = 0, s = w << 5; b < 32; b++, s++) {
          const k = kind[s];
          const x = v[s];
          bits |= ((+(k === DATE_MS) & +(x >= loMs) & +(x < hiMs)) | (+(k === DATE_DAY) & +(x >= lo) & +(x <= hi))) << b;
        }
      }
      out[w] = bits & m;
    }
  };
}

/** A filler from a numeric range: slots with lo <= v (or lo < v) and v <= hi (or v < hi). */
function rangeFiller(v: Float64Array, lo: number, loOpen: boolean, hi: number, hiOpen: boolean): Filler {
  return (out, mask) => {
    for (let w = 0; w < out.length; w++) {
      const m = mask[w];
      let bits = 0;
      if (m !== 0) {
        for (let b = 0, s = w << 5; b < 32; b++, s++) {
          const x = v[s];
          bits |= (+(loOpen ? x > lo : x >= lo) & +(hiOpen ? x < hi : x <= hi)) << b;
        }
      }
      out[w] = bits & m;
    }
  };
}

function numberFiller(v: Float64Array, cond: FilterCondition): Filler {
  const x = cond.value as number;
  // NaN (empty) fails every comparison, as `n !== null && ...` does in the evaluator.
  switch (cond.operator) {
    case 'is_empty':
    case 'neq': {
      const empty = cond.operator === 'is_empty';
      return (out, mask) => {
        for (let w = 0; w < out.length; w++) {
          const m = mask[w];
          let bits = 0;
          if (m !== 0) {
            for (let b = 0, s = w << 5; b < 32; b++, s++) {
              const y = v[s];
              bits |= +(empty ? y !== y : y !== x) << b; // an empty value is "not equal" too
            }
          }
          out[w] = bits & m;
        }
      };
    }
    case 'between': {
      const [lo, hi] = cond.value as [number, number];
      return rangeFiller(v, lo, false, hi, false);
    }
    case 'eq':
      return rangeFiller(v, x, false, x, false);
    case 'gt':
      return rangeFiller(v, x, true, Infinity, false);
    case 'gte':
      return rangeFiller(v, x, false, Infinity, false);
    case 'lt':
      return rangeFiller(v, -Infinity, false, x, true);
    default:
      return rangeFiller(v, -Infinity, false, x, false);
  }
}

/** A masked slot's test: (mask & bits) === equal, or with SOME, (mask & bits) !== 0. */
const SOME = -3;

function setFiller(col: SetColumn, cond: FilterCondition): Filler {
  const { code, many } = col;
  const op = cond.operator;
  if (op === 'is_empty') return maskFiller(code, -1, 0); // mask 0: no value; single / listed slots have one
  const value = cond.value;
  const wanted = new Set((Array.isArray(value) ? (value as string[]) : [value as string]).map(normalizeText));
  const mark = new Uint8Array(col.values.size);
  let wantMask = 0;
  let allMasked = true;
  for (const w of wanted) {
    const id = col.values.get(w);
    if (id !== undefined) mark[id] = 1;
    if (id !== undefined && id < MASK_IDS) wantMask |= 1 << id;
    else allMasked = false;
  }
  // The evaluator counts the distinct wanted values a contact has (-1 when its value is empty).
  const none = op === 'is_not' || op === 'has_none_of';
  const all = op === 'has_all_of';
  const pass = none ? (hits: number) => hits <= 0 : all ? (hits: number) => hits === wanted.size : (hits: number) => hits > 0;
  const unmasked = (s: number): number => {
    const c = code[s];
    if (c !== LISTED) return +pass(mark[-2 - c]);
    const list = many[s] as Int32Array;
    let hits = 0;
    for (let i = 0; i < list.length; i++) hits += mark[list[i]];
    return +pass(hits);
  };
  if (none) return maskFiller(code, wantMask, 0, unmasked);
  if (!all) return maskFiller(code, wantMask, SOME, unmasked);
  // has_all_of on a masked slot: every wanted bit, possible only when every wanted value has a
  // masked id (a value nobody has, or '', is never matched): else `(m & 0) === -2` never holds.
  return allMasked ? maskFiller(code, wantMask, wantMask, unmasked) : maskFiller(code, 0, -2, unmasked);
}

function maskFiller(code: Int32Array, test: number, equal: number, unmasked: (slot: number) => number = () => 0): Filler {
  const some = equal === SOME;
  return (out, mask) => {
    for (let w = 0; w < out.length; w++) {
      const m = mask[w];
      let bits = 0;
      if (m !== 0) {
        for (let b = 0, s = w << 5; b < 32; b++, s++) {
          const c = code[s];
          const ok = c >= 0 ? (some ? +((c & test) !== 0) : +((c & test) === equal)) : unmasked(s);
          bits |= ok << b;
        }
      }
      out[w] = bits & m;
    }
  };
}

function boolFiller(v: Uint8Array, on: boolean): Filler {
  const flip = on ? 0 : 1; // v is 0 or 1
  return (out, mask) => {
    for (let w = 0; w < out.length; w++) {
      const m = mask[w];
      let bits = 0;
      if (m !== 0) for (let b = 0, s = w << 5; b < 32; b++, s++) bits |= (v[s] ^ flip) << b;
      out[w] = bits & m;
    }
  };
}

/** Text conditions on the normalised strings, or a phone field's digits for a phone-like value. */
function textFiller(v: (string | null)[], cond: FilterCondition, digits: boolean): Filler {
  const op = cond.operator;
  let test: (t: string | null) => boolean;
  if (op === 'is_empty' || op === 'is_not_empty') {
    const want = op === 'is_empty';
    test = (t) => (t === null || t === '') === want;
  } else {
    const q = digits ? phoneDigits(cond.value as string) : normalizeText(cond.value as string);
    test =
      op === 'contains' ? (t) => t !== null && t.includes(q)
      : op === 'not_contains' ? (t) => !(t !== null && t.includes(q))
      : op === 'equals' ? (t) => t === q
      : op === 'not_equals' ? (t) => t !== q
      : (t) => t !== null && t.startsWith(q);
  }
  return (out, mask) => {
    for (let w = 0; w < out.length; w++) {
      const m = mask[w];
      let bits = 0;
      // Strings: only the slots still in the mask are worth a test.
      if (m !== 0) for (let b = 0, s = w << 5; b < 32; b++, s++) if ((m >>> b) & 1 && test(v[s] ?? null)) bits |= 1 << b;
      out[w] = bits;
    }
  };
}

/** Does a text condition compare digits (as the evaluator: a phone field and a phone-like value)? */
function usesDigits(cond: FilterCondition, phone: boolean): boolean {
  return phone && cond.operator !== 'is_empty' && cond.operator !== 'is_not_empty' && isPhoneLike(cond.value as string);
}

function columnFiller(col: Column, cond: FilterCondition, ctx: FilterContext): Filler | null {
  switch (col.type) {
    case 'text':
    case 'digits':
      return textFiller(col.v, cond, col.type === 'digits');
    case 'boolean':
      return boolFiller(col.v, cond.operator === 'is_on');
    case 'number':
      return numberFiller(col.v, cond);
    case 'date':
      return dateFiller(col, cond, ctx);
    default:
      return setFiller(col, cond);
  }
}

/** The slots of live contacts matching `group`; null when no condition is active (all match). */
export function filterBits(group: FilterGroup, ctx: FilterContext, columns: FilterColumns, contacts: readonly (Contact | undefined)[]): Bits | null {
  const fast: Filler[] = [];
  const slow: ContactPredicate[] = [];
  for (const cond of group.conditions) {
    const info = findFilterField(cond.field, ctx.fields);
    if (!info || validateCondition(cond, ctx.fields) !== null) continue; // inactive, as in compileFilter
    const digits = info.kind === 'text' && usesDigits(cond, info.phone === true);
    const col = digits ? columns.column(info.id, 'digits', contacts) : columns.columnFor(info.id, info.kind, contacts);
    const filler = col ? columnFiller(col, cond, ctx) : null;
    if (filler) fast.push(filler);
    else slow.push(compileFilter({ match: 'all', conditions: [cond] }, ctx));
  }
  if (fast.length === 0 && slow.length === 0) return null;
  const live = columns.live;
  const all = group.match === 'all';
  const acc = new Uint32Array(live.length);
  if (all) {
    acc.set(live);
    for (const fill of fast) fill(acc, acc);
  } else if (fast.length > 0) {
    const tmp = new Uint32Array(live.length);
    for (const fill of fast) {
      fill(tmp, live);
      for (let w = 0; w < acc.length; w++) acc[w] |= tmp[w];
    }
  }
  if (slow.length > 0) {
    // AND: only slots every other condition kept; ANY: only live slots nothing matched yet.
    for (let w = 0; w < acc.length; w++) {
      const todo = all ? acc[w] : live[w] & ~acc[w];
      if (todo === 0) continue;
      let bits = acc[w];
      for (let b = 0; b < 32; b++) {
        if (((todo >>> b) & 1) === 0) continue;
        const c = contacts[(w << 5) + b] as Contact;
        const ok = all ? slow.every((p) => p(c)) : slow.some((p) => p(c));
        bits = ok ? bits | (1 << b) : bits & ~(1 << b);
      }
      acc[w] = bits;
    }
  }
  return acc;
}
