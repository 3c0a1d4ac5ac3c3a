// The local query engine (Q1, S1): keeps a ContactIndex in step with Dexie and answers the table.
//
// State:  loading --(first full load)--> ready --('reset' notice)--> ready (reloading behind,
//         the old index keeps answering until the new one is complete, then they swap).
// Changes: every write path publishes the ids it changed (client/db/change-feed.ts); the engine
// re-reads just those ids with bulkGet (missing = deleted) and updates the index in place.
// Notices are coalesced and applied one batch at a time, in order, so a slow read never lets an
// older version of a record overwrite a newer one.
// First sync: contacts pulled but not stored yet come straight from the sync (pulled-feed.ts) and
// are kept as "previewed" until their own stored notice arrives; that notice then needs no re-read
// (the stored record is the same object: a preview is never sent for a record with pending edits).
// Cold start: until the first load is complete, the plain view's page is read straight from Dexie
// (first-page-preview.ts) so the table shows in milliseconds; search and filters wait for the index.
import type { ChangeNotice } from '../db/change-feed';
import { subscribeChanges } from '../db/change-feed';
import type { ContactsDB } from '../db/db';
import { subscribePulled, type PulledContacts } from '../sync/pulled-feed';
import type { Contact, FieldDefinition } from '../../shared/schema';
import type { FilterContext } from '../../shared/filter/evaluate';
import { ContactIndex, LOAD_CHUNK } from './contact-index';
import { FirstPagePreview } from './first-page-preview';
import { loadContacts } from './load-contacts';
import type { ContactQuery, ContactSort, MatchQuery, QueryResult } from './types';

export { LOAD_CHUNK };

export type QueryEngine = {
  /** True once every contact has been loaded into the index. */
  readonly ready: boolean;
  /** Why loading failed (the engine retries on the next change notice), or null. */
  readonly error: unknown;
  /** Increases whenever results may have changed (data, fields, ready). */
  readonly version: number;
  /** Contacts loaded so far (during the first load: progress). */
  readonly loaded: number;
  /** Field definitions as last read from Dexie. */
  readonly fields: readonly FieldDefinition[];
  subscribe(listener: () => void): () => void;
  query(q: ContactQuery, ctx: FilterContext): QueryResult;
  /**
   * Before the index is ready: the page read straight from Dexie when the query allows it
   * (no search, no filter, sorted by a date; see first-page-preview.ts), undefined while that
   * read is under way, null when the query must wait for the index (or the index is ready).
   */
  preview(q: ContactQuery): QueryResult | null | undefined;
  matchingIds(q: MatchQuery & { sort: ContactSort }, ctx: FilterContext): string[];
  count(q: MatchQuery, ctx: FilterContext): number;
  /** Distinct conversation labels on the device (options for the Labels filter). */
  labels(): string[];
  /** The indexed contact with this id, exactly as the view shows it (export reads rows here, no I/O). */
  get(id: string): Contact | undefined;
  /** Resolves when every notice received so far has been applied (and the first load is done). */
  settled(): Promise<void>;
  close(): void;
};

export type QueryEngineOptions = {
  chunkSize?: number;
  locale?: string;
  /** Tests: the first load waits for this (to observe the cold-start preview while loading). */
  holdFirstLoad?: Promise<void>;
};

function yieldToEventLoop(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Longest delay between a pulled batch reaching the index and the view hearing of it. */
const PREVIEW_BUMP_MS = 250;
/** Shortest interval between two loading-progress notifications. */
const PROGRESS_MS = 250;
/** Contacts per read + index step of the first load. */
const FIRST_LOAD_CHUNK = 5000;

/** Performance measure (issue 9 benchmark): the index's share of a table update. */
export const QUERY_MEASURE = 'contacts:query';

/** Performance measure: one full load of the index (detail: contacts, ms spent indexing). */
export const LOAD_MEASURE = 'contacts:load';

function measureLoad(start: number, detail: { contacts: number; indexMs: number; first: boolean; source: string }): void {
  try {
    performance.measure(LOAD_MEASURE, { start, end: performance.now(), detail });
  } catch {
    // diagnostics only
  }
}

function measureQuery(start: number, total: number): void {
  try {
    performance.measure(QUERY_MEASURE, { start, end: performance.now(), detail: { total } });
  } catch {
    // diagnostics only
  }
}

export function createQueryEngine(db: ContactsDB, options: QueryEngineOptions = {}): QueryEngine {
  // The first load (nothing on screen yet) reads and indexes bigger chunks: indexing in 1,000s
  // costs ~2.5x more in total; later reloads run behind a live table and keep tasks short.
  const chunkSizeFor = (first: boolean): number => options.chunkSize ?? (first ? FIRST_LOAD_CHUNK : LOAD_CHUNK);
  let index = new ContactIndex({ locale: options.locale });
  let fields: readonly FieldDefinition[] = [];
  let ready = false;
  let error: unknown = null;
  let version = 0;
  let loaded = 0;
  let closed = false;
  const listeners = new Set<() => void>();
  const firstPage = new FirstPagePreview(db, () => {
    if (!ready && !closed) bump();
  });

  // Work waiting to be applied.
  let needReload = true;
  let fieldsDirty = false;
  let dirtyIds = new Set<string>();
  /** Deleted here (the notice says so): removed from the index without reading them back. */
  let goneIds = new Set<string>();
  let running: Promise<void> | null = null;
  /** Contacts shown from the network, not stored yet (by id). */
  const previewed = new Map<string, Contact>();
  let reloading = false;

  const bump = (): void => {
    version++;
    for (const listener of listeners) listener();
  };

  // Pulled batches arrive every few ms during a first sync; re-rendering the table for each would
  // take the main thread from the sync. The first one shows at once, then at most every 250 ms.
  let lastPreviewBump = -Infinity;
  let previewTimer: ReturnType<typeof setTimeout> | undefined;
  const bumpSoon = (): void => {
    if (previewTimer !== undefined) return;
    const wait = lastPreviewBump + PREVIEW_BUMP_MS - performance.now();
    const fire = (): void => {
      previewTimer = undefined;
      lastPreviewBump = performance.now();
      if (!closed) bump();
    };
    if (wait <= 0) fire();
    else previewTimer = setTimeout(fire, wait);
  };

  const hasWork = (): boolean => needReload || fieldsDirty || dirtyIds.size > 0 || goneIds.size > 0;

  async function reload(): Promise<void> {
    if (!ready && options.holdFirstLoad) await options.holdFirstLoad;
    const fresh = new ContactIndex({ locale: options.locale });
    const freshFields = await db.fields.toArray();
    fresh.setFields(freshFields);
    const started = performance.now();
    const first = !ready;
    let shown = -Infinity; // the first chunk shows at once
    const result = await loadContacts(db, fresh, {
      chunkSize: chunkSizeFor(first),
      closed: () => closed,
      onChunk: async () => {
        // Progress re-renders the page: at most every PROGRESS_MS, not per chunk.
        if (!ready && performance.now() - shown >= PROGRESS_MS) {
          loaded = fresh.size;
          bump();
          shown = performance.now();
        }
        await yieldToEventLoop();
      },
    });
    if (!result) return;
    measureLoad(started, { contacts: fresh.size, indexMs: Math.round(result.indexMs), first, source: result.source });
    // Contacts pulled meanwhile and not stored yet are not in Dexie: carry them over.
    if (previewed.size > 0) fresh.upsert([...previewed.values()]);
    index = fresh;
    fields = freshFields;
    loaded = fresh.size;
    ready = true;
    firstPage.close(); // the index answers everything from now on
  }

  async function applyChanges(): Promise<void> {
    if (fieldsDirty) {
      fieldsDirty = false;
      fields = await db.fields.toArray();
      index.setFields(fields);
    }
    if (dirtyIds.size > 0) {
      const ids = [...dirtyIds];
      dirtyIds = new Set();
      const rows = await db.contacts.bulkGet(ids);
      const present: Contact[] = [];
      const gone: string[] = [];
      rows.forEach((row, i) => (row ? present.push(row) : gone.push(ids[i])));
      index.upsert(present);
      index.remove(gone);
      loaded = index.size;
    }
    // After any read that started before the delete, so an older copy cannot come back.
    if (goneIds.size > 0) {
      index.remove([...goneIds]);
      goneIds = new Set();
      loaded = index.size;
    }
  }

  async function drain(): Promise<void> {
    while (hasWork() && !closed) {
      try {
        if (needReload) {
          // A full read supersedes every notice received before it starts.
          needReload = false;
          fieldsDirty = false;
          dirtyIds = new Set();
          goneIds = new Set();
          reloading = true;
          try {
            await reload();
          } finally {
            reloading = false;
          }
        } else {
          await applyChanges();
        }
        error = null;
      } catch (e) {
        error = e;
        needReload = true; // recover with a full read on the next notice
        bump();
        return;
      }
      if (!closed) bump();
    }
  }

  function schedule(): Promise<void> {
    running ??= drain().finally(() => {
      running = null;
      if (hasWork() && !closed && error === null) void schedule();
    });
    return running;
  }

  const unsubscribe = subscribeChanges((notice: ChangeNotice) => {
    if (notice.table === 'contacts') {
      if (!ready) firstPage.invalidate();
      if ('reset' in notice) {
        needReload = true;
        previewed.clear(); // a full resync pulls everything again
      } else if (notice.deleted) {
        for (const id of notice.ids) {
          dirtyIds.delete(id);
          previewed.delete(id);
          goneIds.add(id);
        }
      } else {
        for (const id of notice.ids) {
          // Stored by the pull as previewed: nothing to re-read (unless a reload may have read past
          // it already). Any other notice (a local edit, another tab) means Dexie has newer data.
          if (previewed.delete(id) && notice.origin === 'pull' && !reloading) continue;
          dirtyIds.add(id);
        }
        if (!hasWork()) return;
      }
    } else if (notice.table === 'fields') {
      fieldsDirty = true;
    } else {
      return; // conversations and segments do not change what the index holds
    }
    error = null;
    void schedule();
  });
  const unsubscribePulled = subscribePulled((batch: PulledContacts) => {
    if (batch.db !== db || closed) return;
    for (const contact of batch.upserts) previewed.set(contact.id, contact);
    for (const id of batch.removed) previewed.delete(id);
    index.upsert(batch.upserts);
    index.remove(batch.removed);
    if (ready) loaded = index.size;
    bumpSoon();
  });
  void schedule();

  return {
    get ready() {
      return ready;
    },
    get error() {
      return error;
    },
    get version() {
      return version;
    },
    get loaded() {
      return loaded;
    },
    get fields() {
      return fields;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    query: (q, ctx) => {
      const start = performance.now();
      const result = index.query(q, ctx);
      measureQuery(start, result.total);
      return result;
    },
    preview: (q) => (ready ? null : firstPage.get(q)),
    matchingIds: (q, ctx) => index.matchingIds(q, ctx),
    count: (q, ctx) => index.count(q, ctx),
    labels: () => index.labels(),
    get: (id) => index.get(id),
    async settled() {
      while (running || (hasWork() && error === null && !closed)) await (running ?? schedule());
    },
    close() {
      closed = true;
      firstPage.close();
      clearTimeout(previewTimer);
      unsubscribe();
      unsubscribePulled();
      listeners.clear();
    },
  };
}
