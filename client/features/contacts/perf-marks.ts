// Performance marks (issue 9): the benchmark measures a user action -> the result on screen from
// these marks (no sleeps). Cheap enough to leave on: one mark per committed table render.
export const RENDERED_MARK = 'contacts:rendered';
export const SEARCH_COMMIT_MARK = 'contacts:search-commit';
export const EDIT_STORED_MARK = 'contacts:edit-stored';
export const DELETE_COUNTS_MARK = 'contacts:delete-counts';
export const DELETE_STORED_MARK = 'contacts:delete-stored';
export const CSV_READY_MARK = 'export:csv-ready';

export type RenderedDetail = {
  /** The view's URL query string when the result was committed to the DOM. */
  view: string;
  total: number;
  rows: number;
  firstId: string | null;
  /** The table is on screen (not a loading, empty or first-sync state). */
  table: boolean;
  /** The whole index answers (false: a cold-start page read straight from Dexie). */
  searchable: boolean;
};

function mark(name: string, detail: unknown): void {
  if (typeof performance === 'undefined' || typeof performance.mark !== 'function') return;
  try {
    performance.mark(name, { detail });
  } catch {
    // marks are diagnostics only; never break the view
  }
}

/** After React committed a table result to the DOM. */
export function markRendered(detail: RenderedDetail): void {
  mark(RENDERED_MARK, detail);
}

/** The debounced search text reached the view state (end of the debounce). */
export function markSearchCommit(search: string): void {
  mark(SEARCH_COMMIT_MARK, { search });
}

/** The delete confirmation shows its counts. */
export function markDeleteCounts(total: number): void {
  mark(DELETE_COUNTS_MARK, { total });
}

/** A confirmed bulk delete was stored in Dexie with its outbox entries (one transaction). */
export function markDeleteStored(count: number): void {
  mark(DELETE_STORED_MARK, { count });
}

/** The CSV file was handed to the browser's download. */
export function markCsvReady(bytes: number): void {
  mark(CSV_READY_MARK, { bytes });
}

/** A table edit was stored in Dexie with its outbox entry. */
export function markEditStored(id: string): void {
  mark(EDIT_STORED_MARK, { id });
}
