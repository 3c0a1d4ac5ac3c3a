// In-page probe: records when the user's events happened (event.timeStamp, the same clock as
// performance marks) and waits for the app's performance marks (client/features/contacts/perf-marks.ts).
// Waiting uses a PerformanceObserver, never a sleep; the timeout only turns a hang into an error.
import type { Page } from 'playwright-core';

export type MarkMatch = {
  after: number;
  view?: string;
  viewIncludes?: string;
  total?: number;
  table?: boolean;
  /** The view answered from the full index (not a cold-start preview read from Dexie). */
  searchable?: boolean;
  minRows?: number;
  search?: string;
  id?: string;
};
export type MarkHit = { t: number; detail: Record<string, unknown> | null };

type Probe = {
  lastClick: number;
  lastInput: number;
  longTasks: { start: number; duration: number }[];
  wait(name: string, m: MarkMatch, timeoutMs: number): Promise<MarkHit>;
};

/**
 * Installed before any page script runs, on every navigation. Plain JavaScript text: a function
 * compiled by tsx would carry helper calls (__name) that do not exist in the page.
 */
export const PROBE_SCRIPT = `(() => {
  const matches = (d, m) => {
    const v = d || {};
    if (m.view !== undefined && v.view !== m.view) return false;
    if (m.viewIncludes !== undefined && !String(v.view ?? '').includes(m.viewIncludes)) return false;
    if (m.total !== undefined && v.total !== m.total) return false;
    if (m.table !== undefined && v.table !== m.table) return false;
    if (m.searchable !== undefined && v.searchable !== m.searchable) return false;
    if (m.minRows !== undefined && !(Number(v.rows) >= m.minRows)) return false;
    if (m.search !== undefined && v.search !== m.search) return false;
    if (m.id !== undefined && v.id !== m.id) return false;
    return true;
  };
  const find = (name, m) => {
    for (const e of performance.getEntriesByName(name, 'mark')) {
      if (e.startTime >= m.after && matches(e.detail, m)) return { t: e.startTime, detail: e.detail };
    }
    return null;
  };
  const probe = { lastClick: 0, lastInput: 0, longTasks: [] };
  probe.wait = (name, m, timeoutMs) => new Promise((resolve, reject) => {
    const now = find(name, m);
    if (now) return resolve(now);
    const observer = new PerformanceObserver(() => {
      const hit = find(name, m);
      if (!hit) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve(hit);
    });
    observer.observe({ type: 'mark' });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error('timed out waiting for ' + name + ' ' + JSON.stringify(m)));
    }, timeoutMs);
  });
  window.__bench = probe;
  // Trusted events only: the app's own element.click() (e.g. the CSV download link) is no user action.
  addEventListener('click', (e) => { if (e.isTrusted) probe.lastClick = e.timeStamp; }, true);
  addEventListener('input', (e) => { if (e.isTrusted) probe.lastInput = e.timeStamp; }, true);
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) probe.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
})();`;

export async function waitMark(page: Page, name: string, m: MarkMatch, timeoutMs = 30_000): Promise<MarkHit> {
  return page.evaluate(
    ([n, match, timeout]) => (window as unknown as { __bench: Probe }).__bench.wait(n, match, timeout),
    [name, m, timeoutMs] as const,
  );
}

export async function pageNow(page: Page): Promise<number> {
  return page.evaluate(() => performance.now());
}

export async function lastEvent(page: Page, kind: 'click' | 'input'): Promise<number> {
  return page.evaluate((k) => {
    const p = (window as unknown as { __bench: Probe }).__bench;
    return k === 'click' ? p.lastClick : p.lastInput;
  }, kind);
}

export async function longTasksSince(page: Page, t: number): Promise<{ start: number; duration: number }[]> {
  return page.evaluate((after) => (window as unknown as { __bench: Probe }).__bench.longTasks.filter((x) => x.start >= after), t);
}

/** Drops old marks so each wait scans little (a first sync writes thousands). */
export async function clearMarks(page: Page): Promise<void> {
  await page.evaluate(() => {
    performance.clearMarks();
    performance.clearMeasures();
  });
}

/** Time the query index spent in [from, to] (the engine's 'contacts:query' measures). */
export async function queryMsBetween(page: Page, from: number, to: number): Promise<number> {
  return page.evaluate(
    ([a, b]) =>
      performance
        .getEntriesByName('contacts:query', 'measure')
        .filter((e) => e.startTime >= a && e.startTime <= b)
        .reduce((sum, e) => sum + e.duration, 0),
    [from, to] as const,
  );
}
