// The in-memory query index over every contact on the device (Q1, V1, V2, V10).
// Updated incrementally (upsert/remove), never rebuilt per query:
//  - search: a normalised document per contact + trigram postings (search-docs.ts);
//    terms shorter than 3 characters fall back to a scan over the prebuilt documents;
//  - filter: columns of the filterable values (filter-columns.ts) turn a filter into a bit set
//    (filter-bits.ts); a selective search tests its few hits with the shared evaluator instead;
//  - sort: three presorted orders (sort-order.ts); a result is read off an order, never fully sorted;
//  - the last few match sets are cached with their sorted slot lists, so paging and sort
//    changes are O(page) after the first query; any change to the data clears the cache.
import type { Contact, FieldDefinition, FilterGroup } from '../../shared/schema';
import { compileFilter, dependsOnNow, type FilterContext } from '../../shared/filter/evaluate';
import { bitsToSlots, hasBit, slotsToBits, type Bits } from './bitset';
import { filterBits } from './filter-bits';
import { FilterColumns } from './filter-columns';
import { activeConditions } from '../../shared/filter/validate';
import { keywordFields, normalizeQuery, normalizeText, searchDocument, type SearchTerm } from '../../shared/search/normalize';
import { narrows, SearchDocs } from './search-docs';
import { SortOrder, type SortedWalk } from './sort-order';
import type { ContactQuery, ContactSort, MatchQuery, QueryResult, SortBy } from './types';

const SORT_KEYS: readonly SortBy[] = ['name', 'createdAt', 'lastInteractionAt'];
const CACHE_SIZE = 3;
/** Contacts per upsert while loading; indexing one chunk stays well under a 50 ms task. */
export const LOAD_CHUNK = 1000;

type MatchSet = {
  key: string;
  /** The filter part of the key, and the search terms (to narrow from a cached broader search). */
  filterKey: string;
  terms: SearchTerm[];
  /** null = every contact matches (no search, no active filter). */
  members: Int32Array | null;
  /** The members as a bit set (made when first needed). */
  bits: Bits | null;
  sorted: Map<string, SortedWalk>;
};

export function createNameCollator(locale?: string): Intl.Collator {
  return new Intl.Collator(locale, { sensitivity: 'base' });
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export type ContactIndexOptions = {
  fields?: readonly FieldDefinition[];
  /** Locale of the name collation (default: the runtime's). */
  locale?: string;
  /** Stale posting entries tolerated before the trigram lists may be rebuilt (tests lower it). */
  compactionMinStale?: number;
};

export class ContactIndex {
  private contacts: (Contact | undefined)[] = [];
  private ids: string[] = [];
  private names: string[] = [];
  private created: number[] = [];
  private last: (number | null)[] = [];
  private slotOf = new Map<string, number>();
  private free: number[] = [];
  private search: SearchDocs;
  private columns = new FilterColumns();
  /** The last filter's bit set (typing a search under a filter reuses it); cleared on change. */
  private filterCache: { key: string; bits: Bits | null } | null = null;
  private orders: Record<SortBy, SortOrder>;
  private fields: readonly FieldDefinition[] = [];
  private keyword: FieldDefinition[] = [];
  private keywordSig = '';
  private cache: MatchSet[] = [];
  private fieldsIds = new WeakMap<object, number>();
  private nextFieldsId = 1;
  private collator: Intl.Collator;
  private labelCache: { version: number; labels: string[] } | null = null;
  /** Increases on every change of the indexed data. */
  version = 0;

  constructor(options: ContactIndexOptions = {}) {
    this.search = new SearchDocs(options.compactionMinStale);
    const collator = createNameCollator(options.locale);
    this.collator = collator;
    const byId = (a: number, b: number): number => compareIds(this.ids[a], this.ids[b]);
    this.orders = {
      name: new SortOrder((a, b) => collator.compare(this.names[a], this.names[b]) || byId(a, b)),
      createdAt: new SortOrder((a, b) => this.created[a] - this.created[b] || byId(a, b)),
      lastInteractionAt: new SortOrder(
        (a, b) => {
          const x = this.last[a];
          const y = this.last[b];
          if (x === null || y === null) return x === y ? byId(a, b) : x === null ? 1 : -1;
          return x - y || byId(a, b);
        },
        (slot) => this.last[slot] !== null,
      ),
    };
    this.setFields(options.fields ?? []);
  }

  get size(): number {
    return this.slotOf.size;
  }

  get(id: string): Contact | undefined {
    const slot = this.slotOf.get(id);
    return slot === undefined ? undefined : this.contacts[slot];
  }

  /** Field definitions decide which custom values are searchable; documents are rebuilt only if that set changes. */
  setFields(fields: readonly FieldDefinition[]): void {
    this.fields = fields;
    this.columns.setFields(fields, this.contacts);
    const keyword = keywordFields(fields);
    const sig = keyword.map((f) => `${f.key}:${f.type}`).join(',');
    this.keyword = keyword;
    if (sig !== this.keywordSig) {
      this.keywordSig = sig;
      for (let slot = 0; slot < this.contacts.length; slot++) {
        const c = this.contacts[slot];
        if (c) this.search.replace(slot, searchDocument(c, fields, keyword));
      }
      this.search.rebuild(this.live);
    }
    this.changed();
  }

  /** Adds new contacts and replaces changed ones (matched by id). */
  upsert(list: readonly Contact[]): void {
    if (list.length === 0) return;
    /** Per sort key: existing slots whose key changed (taken out, then put back in). */
    const moved: Record<SortBy, Set<number>> = { name: new Set(), createdAt: new Set(), lastInteractionAt: new Set() };
    const newSlots: number[] = [];
    for (const c of list) {
      const doc = searchDocument(c, this.fields, this.keyword);
      let slot = this.slotOf.get(c.id);
      if (slot === undefined) {
        slot = this.free.pop() ?? this.contacts.length;
        this.slotOf.set(c.id, slot);
        this.ids[slot] = c.id;
        this.search.add(slot, doc);
        newSlots.push(slot);
      } else {
        this.search.replace(slot, doc);
        if (this.names[slot] !== c.name) moved.name.add(slot);
        if (this.created[slot] !== c.createdAt) moved.createdAt.add(slot);
        if (this.last[slot] !== c.lastInteractionAt) moved.lastInteractionAt.add(slot);
      }
      this.contacts[slot] = c;
      this.columns.put(slot, c);
      this.names[slot] = c.name;
      this.created[slot] = c.createdAt;
      this.last[slot] = c.lastInteractionAt;
    }
    let isNew: Set<number> | null = null;
    for (const by of SORT_KEYS) {
      if (moved[by].size === 0) {
        this.orders[by].apply(moved[by], newSlots);
        continue;
      }
      // A slot added earlier in this batch is not in the order yet: it goes in once, with the new slots.
      isNew ??= new Set(newSlots);
      const fresh = isNew;
      const out = [...moved[by]].filter((slot) => !fresh.has(slot));
      this.orders[by].apply(new Set(out), [...newSlots, ...out]);
    }
    this.afterChange();
  }

  /** Removes contacts by id (unknown ids are ignored). */
  remove(ids: readonly string[]): void {
    const removed = new Set<number>();
    for (const id of ids) {
      const slot = this.slotOf.get(id);
      if (slot === undefined) continue;
      this.search.drop(slot);
      this.slotOf.delete(id);
      this.contacts[slot] = undefined;
      this.columns.drop(slot);
      this.free.push(slot);
      removed.add(slot);
    }
    if (removed.size === 0) return;
    for (const by of SORT_KEYS) this.orders[by].apply(removed, []);
    this.afterChange();
  }

  /** Removes everything. */
  clear(): void {
    this.contacts = [];
    this.ids = [];
    this.names = [];
    this.created = [];
    this.last = [];
    this.slotOf.clear();
    this.free = [];
    this.search.clear();
    this.columns.clear();
    for (const by of SORT_KEYS) this.orders[by].clear();
    this.changed();
  }

  /** The total number of matches and the rows of the requested page, in sort order. */
  query(q: ContactQuery, ctx: FilterContext): QueryResult {
    const set = this.matchSet(q, ctx);
    const total = set.members ? set.members.length : this.size;
    const page = Number.isFinite(q.page) && q.page >= 1 ? Math.floor(q.page) : 1;
    const size = Number.isFinite(q.pageSize) && q.pageSize > 0 ? Math.floor(q.pageSize) : 0;
    const start = (page - 1) * size;
    const end = Math.min(total, start + size);
    const rows: Contact[] = [];
    if (set.members) {
      const sorted = this.sortedSlots(set, q.sort, end);
      for (let i = start; i < end; i++) rows.push(this.contacts[sorted[i]] as Contact);
    } else {
      const order = this.orders[q.sort.by];
      for (let i = start; i < end; i++) rows.push(this.contacts[order.at(i, q.sort.dir)] as Contact);
    }
    return { total, rows };
  }

  /** Ids of every match in sort order (for "select all N matching"). */
  matchingIds(q: MatchQuery & { sort: ContactSort }, ctx: FilterContext): string[] {
    const set = this.matchSet(q, ctx);
    const slots = set.members ? this.sortedSlots(set, q.sort, set.members.length) : this.orders[q.sort.by].slots(q.sort.dir);
    return Array.from(slots, (slot) => this.ids[slot]);
  }

  /** Every distinct conversation label on the device, A-Z (options for the Labels filter). */
  labels(): string[] {
    if (this.labelCache?.version === this.version) return this.labelCache.labels;
    const byNorm = new Map<string, string>();
    for (const c of this.contacts) {
      if (!c) continue;
      for (const label of c.labels) {
        const key = normalizeText(label);
        if (key && !byNorm.has(key)) byNorm.set(key, label);
      }
    }
    const labels = [...byNorm.values()].sort(this.collator.compare);
    this.labelCache = { version: this.version, labels };
    return labels;
  }

  /** How many contacts match (e.g. a segment's count in its banner). */
  count(q: MatchQuery, ctx: FilterContext): number {
    const set = this.matchSet(q, ctx);
    return set.members ? set.members.length : this.size;
  }

  private afterChange(): void {
    this.search.flush(this.live);
    this.changed();
  }

  /** Holds a contact? (A bit test: cheaper than reading the contacts array on 100k candidates.) */
  private readonly live = (slot: number): boolean => hasBit(this.columns.live, slot);

  private changed(): void {
    this.version++;
    this.cache = [];
    this.filterCache = null;
  }

  private fieldsId(fields: readonly FieldDefinition[]): number {
    let id = this.fieldsIds.get(fields);
    if (id === undefined) {
      id = this.nextFieldsId++;
      this.fieldsIds.set(fields, id);
    }
    return id;
  }

  private matchSet(q: MatchQuery, ctx: FilterContext): MatchSet {
    const terms = normalizeQuery(q.search);
    const filterOn = activeConditions(q.filter, ctx.fields).length > 0;
    const filterKey = filterOn
      ? JSON.stringify([q.filter, this.fieldsId(ctx.fields), ctx.timeZone ?? 'UTC', dependsOnNow(q.filter) ? ctx.now : 0])
      : '';
    const key = `${filterKey}|${JSON.stringify(terms)}`;
    const hit = this.cache.findIndex((s) => s.key === key);
    if (hit >= 0) {
      const [set] = this.cache.splice(hit, 1);
      this.cache.unshift(set);
      return set;
    }
    let members: Int32Array | null = null;
    let bits: Bits | null = null;
    if (terms.length > 0 || filterOn) {
      // Typing usually extends the last search ("jo" -> "jos"): its matches are a superset.
      const broader = this.cache.find((s) => s.filterKey === filterKey && s.members !== null && narrows(terms, s.terms));
      const found = this.findMembers(terms, filterOn ? q.filter : null, filterKey, ctx, broader?.members ?? null);
      members = found.members;
      bits = found.bits;
    }
    const set: MatchSet = { key, filterKey, terms, members, bits, sorted: new Map() };
    this.cache.unshift(set);
    if (this.cache.length > CACHE_SIZE) this.cache.pop();
    return set;
  }

  /**
   * superset: slots already known to pass the same filter and a broader search, or null.
   * Returns the members, and their bit set when it came for free (filter without search).
   */
  private findMembers(terms: SearchTerm[], filter: FilterGroup | null, filterKey: string, ctx: FilterContext, superset: Int32Array | null): { members: Int32Array; bits: Bits | null } {
    const n = this.contacts.length;
    if (!filter) return { members: this.search.find(terms, n, superset, this.live, this.live), bits: null };
    if (terms.length === 0) {
      const bits = this.filterBitsFor(filter, filterKey, ctx);
      return bits ? { members: bitsToSlots(bits), bits } : { members: this.search.find(terms, n, null, this.live, this.live), bits: null };
    }
    // Search and filter: a few search hits are cheaper to test one by one than the whole filter.
    const candidates = superset ? Math.min(superset.length, this.search.candidateCount(terms)) : this.search.candidateCount(terms);
    let accept: (slot: number) => boolean;
    if (this.filterCache?.key !== filterKey && candidates * 16 < n) {
      const contacts = this.contacts;
      const test = compileFilter(filter, ctx);
      accept = (slot) => {
        const c = contacts[slot];
        return c !== undefined && test(c);
      };
    } else {
      const bits = this.filterBitsFor(filter, filterKey, ctx);
      accept = bits ? (slot) => hasBit(bits, slot) : this.live;
    }
    return { members: this.search.find(terms, n, superset, accept, this.live), bits: null };
  }

  private filterBitsFor(filter: FilterGroup, filterKey: string, ctx: FilterContext): Bits | null {
    if (this.filterCache?.key === filterKey) return this.filterCache.bits;
    const bits = filterBits(filter, ctx, this.columns, this.contacts);
    this.filterCache = { key: filterKey, bits };
    return bits;
  }

  /** The set's members in `sort` order, at least the first `need` of them. */
  private sortedSlots(set: MatchSet, sort: ContactSort, need: number): Int32Array {
    const key = `${sort.by}:${sort.dir}`;
    const order = this.orders[sort.by];
    let walk = set.sorted.get(key);
    if (!walk) {
      const members = set.members as Int32Array;
      const bits = (set.bits ??= slotsToBits(members, this.contacts.length));
      walk = order.walk(members, (slot) => hasBit(bits, slot), sort.dir);
      set.sorted.set(key, walk);
    }
    if (walk.filled < need) order.extend(walk, need);
    return walk.out;
  }
}
