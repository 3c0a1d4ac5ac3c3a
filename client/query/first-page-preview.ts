// Cold start (issue 9): until every contact is in the in-memory index, the plain view (no search,
// no filter, sorted by an IndexedDB-indexed date) is answered straight from Dexie: an index
// cursor limited to the page, plus the table's count(). That costs milliseconds where loading
// the index costs seconds, so the table shows real rows at once.
//
// The rows equal the index's page exactly: IndexedDB orders an index by (key, primary key) and
// 'prev' is the exact reverse, which is the ContactIndex order (key, then id; desc = reverse).
// Contacts without a last interaction are not in that IndexedDB index (null is no key); the
// ContactIndex puts them last, ordered by id, so a page that reaches them is not previewed.
// Names are not previewed: the index sorts them by locale collation, IndexedDB by code unit.
//
// No stale rows: every contacts change notice starts a new generation; a read that began in an
// older generation is thrown away and read again (notices are published after the commit, so a
// read started after one sees the write).
import type { ContactsDB } from '../db/db';
import { normalizeQuery } from '../../shared/search/normalize';
import type { ContactQuery, QueryResult, SortBy } from './types';

const PREVIEW_SORTS: readonly SortBy[] = ['createdAt', 'lastInteractionAt'];
/** Pages remembered (paging back and forth while loading reads nothing twice). */
const CACHE_SIZE = 8;

/** Whether a query can be answered from Dexie before the index is ready. */
export function previewable(q: ContactQuery): boolean {
  return q.filter.conditions.length === 0 && normalizeQuery(q.search).length === 0 && PREVIEW_SORTS.includes(q.sort.by);
}

function pageBounds(q: ContactQuery): { start: number; size: number } {
  const page = Number.isFinite(q.page) && q.page >= 1 ? Math.floor(q.page) : 1;
  const size = Number.isFinite(q.pageSize) && q.pageSize > 0 ? Math.floor(q.pageSize) : 0;
  return { start: (page - 1) * size, size };
}

/**
 * Reads one page of a previewable query in one read transaction (rows and total agree).
 * null: this page cannot be previewed (past the end, or it reaches contacts the IndexedDB index
 * does not hold) - the view waits for the index.
 */
export async function readPreviewPage(db: ContactsDB, q: ContactQuery): Promise<QueryResult | null> {
  if (!previewable(q)) return null;
  const { start, size } = pageBounds(q);
  return db.transaction('r', db.contacts, async () => {
    const ordered = db.contacts.orderBy(q.sort.by);
    const [total, rows] = await Promise.all([
      db.contacts.count(),
      (q.sort.dir === 'desc' ? ordered.reverse() : ordered).offset(start).limit(size).toArray(),
    ]);
    if (start >= total && total > 0) return null;
    return rows.length === Math.min(size, total - start) ? { total, rows } : null;
  });
}

type Entry = { gen: number; result: QueryResult | null };

export class FirstPagePreview {
  private gen = 0;
  private cache = new Map<string, Entry>();
  private reading = new Set<string>();
  private closed = false;

  constructor(
    private readonly db: ContactsDB,
    /** Called when a page read lands (the view should ask again). */
    private readonly onRead: () => void,
    private readonly readPage: (db: ContactsDB, q: ContactQuery) => Promise<QueryResult | null> = readPreviewPage,
  ) {}

  /**
   * The page as last read, or undefined while nothing is known yet (a read is started), or null
   * when this query cannot be previewed. After a change it keeps returning the previous rows
   * until the fresh read lands (no flash of a spinner).
   */
  get(q: ContactQuery): QueryResult | null | undefined {
    if (this.closed || !previewable(q)) return null;
    const key = `${q.sort.by}:${q.sort.dir}:${q.page}:${q.pageSize}`;
    const entry = this.cache.get(key);
    if (!entry || entry.gen !== this.gen) this.read(key, q);
    return entry?.result;
  }

  /** Contacts changed: every page is read again the next time it is asked for. */
  invalidate(): void {
    this.gen++;
    // The view asks again, which reads its current page again (other pages only when asked for).
    if (!this.closed) this.onRead();
  }

  close(): void {
    this.closed = true;
    this.cache.clear();
  }

  private read(key: string, q: ContactQuery): void {
    const token = `${key}@${this.gen}`;
    if (this.reading.has(token)) return;
    this.reading.add(token);
    const gen = this.gen;
    this.readPage(this.db, q).then(
      (result) => {
        this.reading.delete(token);
        if (this.closed || gen !== this.gen) return;
        this.cache.delete(key);
        this.cache.set(key, { gen, result });
        if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
        this.onRead();
      },
      () => {
        // A failed preview only means waiting for the index (which reports its own errors).
        this.reading.delete(token);
        if (this.closed || gen !== this.gen) return;
        this.cache.set(key, { gen, result: null });
        this.onRead();
      },
    );
  }
}
