// Columnar copies of the filterable values (D6), one typed array per field, kept up to date
// slot by slot with the index. A condition then scans a typed array (~0.2 ms at 100k) instead
// of calling the shared evaluator on every contact object (PERFORMANCE.md scan floor 9.5 ms).
// Each column stores exactly what the shared evaluator (shared/filter/evaluate.ts) reads:
//  - number: rawNumber(value), NaN when empty;
//  - date:   a kind per slot (0 empty, 1 epoch ms, 2 'YYYY-MM-DD' day key) and its value
//            (ms, or the day key as the number YYYYMMDD: same order as the strings; NaN when empty);
//  - boolean: value === true;
//  - set (select / multiselect / labels): the distinct non-empty normalised values as ids (per
//            column), coded per slot in `code`: >= 0 a bit mask of ids below 31 (0 = empty; the
//            usual case: a few options or labels, and no list objects), <= -2 one id (-2 - code),
//            -1 a list in `many`.
//  - text:   the normalised text, or a phone field's digits (a JS string per slot; built only
//            once a text filter asks).
import type { Contact, FieldDefinition, OperatorKind } from '../../shared/schema';
import { isDayKey } from '../../shared/filter/days';
import { fieldAccessor, rawNumber } from '../../shared/filter/evaluate';
import { BUILTIN_FIELD_INFO, kindOfFieldType } from '../../shared/filter/field-list';
import { normalizeText, phoneDigits } from '../../shared/search/normalize';
import { clearBit, setBit, type Bits } from './bitset';

export type NumberColumn = { type: 'number'; field: string; read: ValueReader; v: Float64Array };
/** hasMs / hasDay: some slot was ever written with that kind (lets a filter skip the kind test). */
export type DateColumn = { type: 'date'; field: string; read: ValueReader; kind: Uint8Array; v: Float64Array; hasMs: boolean; hasDay: boolean };
export type BoolColumn = { type: 'boolean'; field: string; read: ValueReader; v: Uint8Array };
export type SetColumn = {
  type: 'set';
  field: string;
  read: ValueReader;
  code: Int32Array;
  many: (Int32Array | undefined)[];
  /** Normalised value -> id, and a memo of raw value -> id (-1 when it normalises to ''). */
  values: Map<string, number>;
  raw: Map<string, number>;
};
/** The value as text, normalised ('text') or as phone digits ('digits'), as the evaluator's text conditions read it; null when none. */
export type TextColumn = { type: 'text' | 'digits'; field: string; read: ValueReader; v: (string | null)[] };
export type Column = NumberColumn | DateColumn | BoolColumn | SetColumn | TextColumn;

/** Ids below this fit a slot's bit mask. */
export const MASK_IDS = 31;
export const LISTED = -1;
export const DATE_EMPTY = 0;
export const DATE_MS = 1;
export const DATE_DAY = 2;

export type ValueReader = (c: Contact) => unknown;

/** Reads the stored value a condition on `fieldId` reads: the shared evaluator's own accessor. */
export const valueReader: (fieldId: string) => ValueReader = fieldAccessor;

export type ColumnType = Column['type'];

function columnType(kind: OperatorKind): ColumnType | null {
  switch (kind) {
    case 'number':
    case 'date':
    case 'boolean':
      return kind;
    case 'select':
    case 'multiselect':
    case 'label':
      return 'set';
    default:
      return 'text';
  }
}

function columnKey(fieldId: string, type: ColumnType): string {
  return `${fieldId}|${type}`;
}

/** 'YYYY-MM-DD' as YYYYMMDD (only for strings of that exact shape). */
export function dayNumber(key: string): number {
  return +key.slice(0, 4) * 10000 + +key.slice(5, 7) * 100 + +key.slice(8, 10);
}

export class FilterColumns {
  /** Slots holding a contact. */
  live: Bits = new Uint32Array(0);
  private cap = 0;
  private columns = new Map<string, Column>();
  /** The columns' values, for put() (no Map iteration per contact). */
  private list: Column[] = [];

  /**
   * Builds the built-in columns, keeps the columns of `fields` built so far, drops the others.
   * A custom field's column is built by the first filter on it (~10 ms at 100k, once): reading
   * every custom field of every contact while loading would cost ~0.5 us per contact.
   */
  setFields(fields: readonly FieldDefinition[], contacts: readonly (Contact | undefined)[]): void {
    const wanted = new Set<string>();
    const want = (id: string, kind: OperatorKind, phone: boolean): void => {
      const type = columnType(kind);
      if (type) wanted.add(columnKey(id, type));
      if (phone) wanted.add(columnKey(id, 'digits'));
    };
    for (const f of BUILTIN_FIELD_INFO) want(f.id, f.kind, f.phone === true);
    for (const f of fields) want(`${f.scope === 'contact' ? 'cf' : 'conv'}:${f.key}`, kindOfFieldType(f.type), f.type === 'phone');
    for (const key of [...this.columns.keys()]) if (!wanted.has(key)) this.columns.delete(key);
    for (const f of BUILTIN_FIELD_INFO) {
      const type = columnType(f.kind);
      if (type && type !== 'text') this.column(f.id, type, contacts);
    }
    this.list = [...this.columns.values()];
  }

  /** The column of a field (built from `contacts` the first time it is asked for). */
  column(fieldId: string, type: ColumnType, contacts: readonly (Contact | undefined)[]): Column {
    const key = columnKey(fieldId, type);
    let col = this.columns.get(key);
    if (col) return col;
    col = this.makeColumn(fieldId, type, this.cap);
    for (let slot = 0; slot < contacts.length; slot++) {
      const c = contacts[slot];
      if (c) this.write(col, slot, col.read(c));
    }
    this.columns.set(key, col);
    this.list = [...this.columns.values()];
    return col;
  }

  columnFor(fieldId: string, kind: OperatorKind, contacts: readonly (Contact | undefined)[]): Column | null {
    const type = columnType(kind);
    return type ? this.column(fieldId, type, contacts) : null;
  }

  put(slot: number, c: Contact): void {
    if (slot >= this.cap) this.grow(slot + 1);
    setBit(this.live, slot);
    const list = this.list;
    for (let i = 0; i < list.length; i++) this.write(list[i], slot, list[i].read(c));
  }

  drop(slot: number): void {
    if (slot < this.cap) clearBit(this.live, slot);
  }

  clear(): void {
    this.live = new Uint32Array(0);
    this.cap = 0;
    for (const [key, col] of this.columns) this.columns.set(key, this.makeColumn(col.field, col.type, 0));
    this.list = [...this.columns.values()];
  }

  private grow(need: number): void {
    // A whole number of 32-slot words: filter-bits.ts tests every slot of every word.
    // Grows by a quarter: copying stays linear overall and at most a quarter is unused.
    const cap = (Math.max(need, this.cap + (this.cap >> 2), 1024) + 31) & ~31;
    const live = new Uint32Array(cap >>> 5);
    live.set(this.live);
    this.live = live;
    for (const [key, col] of this.columns) {
      const bigger = this.makeColumn(col.field, col.type, cap);
      copyColumn(col, bigger);
      this.columns.set(key, bigger);
    }
    this.list = [...this.columns.values()];
    this.cap = cap;
  }

  private makeColumn(field: string, type: ColumnType, cap: number): Column {
    const read = valueReader(field);
    switch (type) {
      case 'number':
        return { type, field, read, v: new Float64Array(cap).fill(NaN) };
      case 'date':
        return { type, field, read, kind: new Uint8Array(cap), v: new Float64Array(cap).fill(NaN), hasMs: false, hasDay: false };
      case 'boolean':
        return { type, field, read, v: new Uint8Array(cap) };
      case 'text':
      case 'digits':
        return { type, field, read, v: [] };
      default:
        return { type, field, read, code: new Int32Array(cap), many: [], values: new Map(), raw: new Map() };
    }
  }

  private write(col: Column, slot: number, v: unknown): void {
    switch (col.type) {
      case 'number':
        col.v[slot] = rawNumber(v) ?? NaN;
        return;
      case 'date':
        if (typeof v === 'number') {
          col.kind[slot] = DATE_MS;
          col.v[slot] = v;
          col.hasMs = true;
        } else if (isDayKey(v)) {
          col.kind[slot] = DATE_DAY;
          col.v[slot] = dayNumber(v);
          col.hasDay = true;
        } else {
          col.kind[slot] = DATE_EMPTY;
          col.v[slot] = NaN;
        }
        return;
      case 'boolean':
        col.v[slot] = v === true ? 1 : 0;
        return;
      case 'set':
        this.writeSet(col, slot, v);
        return;
      case 'text':
      case 'digits': {
        const t = typeof v === 'string' ? v : typeof v === 'number' ? String(v) : Array.isArray(v) ? v.join(' ') : null;
        col.v[slot] = t === null ? null : col.type === 'text' ? normalizeText(t) : phoneDigits(t);
      }
    }
  }

  private writeSet(col: SetColumn, slot: number, v: unknown): void {
    if (col.many[slot]) col.many[slot] = undefined;
    if (typeof v === 'string') {
      // The usual select value: no list to build.
      const id = idOf(col, v);
      col.code[slot] = id < 0 ? 0 : id < MASK_IDS ? 1 << id : -2 - id;
      return;
    }
    let mask = 0;
    let ids: number[] | null = null;
    if (Array.isArray(v)) {
      for (const x of v) {
        if (typeof x !== 'string') continue;
        const id = idOf(col, x);
        if (id < 0) continue;
        if (id < MASK_IDS) mask |= 1 << id;
        else if (!ids) ids = [id];
        else if (!ids.includes(id)) ids.push(id);
      }
    }
    if (!ids) col.code[slot] = mask;
    else if (mask === 0 && ids.length === 1) col.code[slot] = -2 - ids[0];
    else {
      // Some id past the mask: list them all (distinct).
      for (let id = 0; id < MASK_IDS; id++) if (mask & (1 << id)) ids.push(id);
      col.code[slot] = LISTED;
      col.many[slot] = Int32Array.from(ids);
    }
  }
}

function idOf(col: SetColumn, raw: string): number {
  let id = col.raw.get(raw);
  if (id !== undefined) return id;
  const norm = normalizeText(raw);
  if (norm === '') id = -1;
  else {
    id = col.values.get(norm);
    if (id === undefined) {
      id = col.values.size;
      col.values.set(norm, id);
    }
  }
  // Stored set values repeat (options, labels); free-form ones must not grow the memo forever.
  if (col.raw.size < 20_000) col.raw.set(raw, id);
  return id;
}

function copyColumn(from: Column, to: Column): void {
  switch (from.type) {
    case 'number':
    case 'boolean':
      (to as NumberColumn | BoolColumn).v.set(from.v);
      return;
    case 'date':
      Object.assign(to, { hasMs: from.hasMs, hasDay: from.hasDay });
      (to as DateColumn).kind.set(from.kind);
      (to as DateColumn).v.set(from.v);
      return;
    case 'set':
      (to as SetColumn).code.set(from.code);
      Object.assign(to, { many: from.many, values: from.values, raw: from.raw });
      return;
    case 'text':
    case 'digits':
      (to as TextColumn).v = from.v;
  }
}
