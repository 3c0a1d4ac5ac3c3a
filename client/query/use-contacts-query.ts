// React binding of the query engine: re-runs the query when it or the index changes.
// Debouncing the search box (V1, ~150 ms) is the caller's job; this hook answers synchronously.
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Contact, FieldDefinition } from '../../shared/schema';
import type { FilterContext } from '../../shared/filter/evaluate';
import { db } from '../db/db';
import { getQueryEngine } from './app-engine';
import type { QueryEngine } from './engine';
import type { ContactQuery, QueryResult } from './types';

export { getQueryEngine } from './app-engine';

export type ContactsQueryResult = {
  /** False until every contact is loaded into the index (show a loading state). */
  ready: boolean;
  /**
   * Not ready yet, but this page was read straight from Dexie (plain view sorted by a date):
   * rows and total are exact; "select all matching" waits for the index (matchingIds is empty).
   */
  preview: boolean;
  /** Contacts in the index so far (loading progress). */
  loaded: number;
  total: number;
  rows: Contact[];
  /** Ids of every match in sort order ("select all N matching"); computed on demand. */
  matchingIds(): string[];
  /** Set when loading the index from IndexedDB failed. */
  error: unknown;
};

const NO_FIELDS: FieldDefinition[] = [];
const NOT_READY: QueryResult = { total: 0, rows: [] };
const MINUTE = 60_000;

// "Now" for relative date filters, to the minute: results (and their cache) change at most once a minute.
const minuteListeners = new Set<() => void>();
let minuteNow = Math.floor(Date.now() / MINUTE) * MINUTE;
let minuteTimer: ReturnType<typeof setInterval> | null = null;
function subscribeMinute(listener: () => void): () => void {
  minuteListeners.add(listener);
  minuteTimer ??= setInterval(() => {
    minuteNow = Math.floor(Date.now() / MINUTE) * MINUTE;
    for (const l of minuteListeners) l();
  }, MINUTE);
  return () => {
    minuteListeners.delete(listener);
    if (minuteListeners.size === 0 && minuteTimer) {
      clearInterval(minuteTimer);
      minuteTimer = null;
    }
  };
}

const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function useContactsQuery(q: ContactQuery, engine: QueryEngine = getQueryEngine()): ContactsQueryResult {
  const version = useSyncExternalStore(engine.subscribe, () => engine.version, () => engine.version);
  const fields = useLiveQuery(() => db.fields.toArray(), [], NO_FIELDS);
  const now = useSyncExternalStore(subscribeMinute, () => minuteNow, () => minuteNow);
  const ctx = useMemo<FilterContext>(() => ({ now, fields, timeZone }), [now, fields]);
  const key = JSON.stringify(q);
  const stable = useMemo(() => q, [key]);
  const ready = engine.ready;
  const result = useMemo(
    () => (ready ? engine.query(stable, ctx) : (engine.preview(stable) ?? NOT_READY)),
    // version: the index changed; re-read even though the engine object is the same
    [engine, ready, stable, ctx, version],
  );
  const matchingIds = useCallback(() => (ready ? engine.matchingIds(stable, ctx) : []), [engine, ready, stable, ctx]);
  const preview = !ready && result !== NOT_READY;
  return { ready, preview, loaded: engine.loaded, total: result.total, rows: result.rows, matchingIds, error: engine.error };
}
