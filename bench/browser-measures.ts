// The in-browser measures of issue 9: each from a user action (event.timeStamp or the moment the
// bench changed the URL) to the app's performance mark saying the result is on screen.
import type { BrowserContext, Page } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/harness';
import { DEFAULT_VIEW, serializeViewState, type ViewState } from '../client/features/contacts/view-state';
import { CSV_READY_MARK, DELETE_COUNTS_MARK, DELETE_STORED_MARK, EDIT_STORED_MARK, RENDERED_MARK, SEARCH_COMMIT_MARK } from '../client/features/contacts/perf-marks';
import { FIRST_SYNC_STORED_MARK } from '../client/sync/pull';
import type { FilterGroup } from '../shared/schema';
import { clearMarks, lastEvent, longTasksSince, pageNow, PROBE_SCRIPT, queryMsBetween, waitMark, type MarkHit } from './page-probe';

export type Samples = Record<string, number[]>;
export type Ctx = {
  url: string;
  contacts: number;
  runs: number;
  syncRuns: number;
  log: (s: string) => void;
  /** Go on once all contacts are searchable; storing continues behind the later measures. */
  skipStored?: boolean;
};

export const SEARCHES: { name: string; q: string }[] = [
  { name: 'name fragment', q: 'ande' },
  { name: 'accented, typed plain', q: 'nunez' },
  { name: 'email domain', q: 'proton.me' },
  { name: 'phone digits', q: '4155' },
  { name: 'rare keyword', q: 'kilimanjaro' },
];
export const FILTER_AND: FilterGroup = {
  match: 'all',
  conditions: [
    { field: 'campaignOptIn', operator: 'is_on', value: null },
    { field: 'cf:plan', operator: 'is', value: 'Pro' },
    { field: 'lastInteractionAt', operator: 'within_last_days', value: 90 },
  ],
};
export const FILTER_ANY: FilterGroup = { ...FILTER_AND, match: 'any' };
const TYPED = 'maria silv'; // 10 characters

const viewOf = (patch: Partial<ViewState>): string => serializeViewState({ ...DEFAULT_VIEW, ...patch });
const add = (s: Samples, name: string, value: number): void => void (s[name] ??= []).push(value);

/** Action -> on screen, and the query index's share of it. */
async function addTimed(page: Page, s: Samples, name: string, from: number, hit: MarkHit): Promise<void> {
  add(s, name, hit.t - from);
  add(s, `${name} [index only]`, await queryMsBetween(page, from, hit.t));
}

/** Changes the URL the way back/forward does (the router listens to popstate); returns the time. */
async function goView(page: Page, view: string): Promise<number> {
  return page.evaluate((search) => {
    const t = performance.now();
    history.pushState(null, '', `/contacts${search}`);
    dispatchEvent(new PopStateEvent('popstate'));
    return t;
  }, view);
}

async function toView(page: Page, view: string): Promise<number> {
  const t = await goView(page, view);
  const hit = await waitMark(page, RENDERED_MARK, { after: t, view });
  return hit.t - t;
}

const profiles: string[] = [];

/**
 * A new device with an on-disk profile (as a user's browser, and as PERFORMANCE.md measured):
 * a context of a launched browser keeps IndexedDB in memory, which is faster than any real device
 * and has a 10 GiB quota that a 1M-contact workspace exceeds.
 */
export async function openDevice(): Promise<{ context: BrowserContext; page: Page }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-profile-'));
  profiles.push(dir);
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.addInitScript(PROBE_SCRIPT);
  return { context, page };
}

/** Deletes the devices' profiles (call when their contexts are closed). */
export function removeProfiles(): void {
  for (const dir of profiles.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** The Chromium version a device runs ("156.0.8078.108"). */
export async function chromiumVersion(page: Page): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  const { product } = (await cdp.send('Browser.getVersion')) as { product: string };
  await cdp.detach();
  return /\/([\d.]+)/.exec(product)?.[1] ?? product; // the user agent string is reduced to 156.0.0.0
}

/** Empty device -> sign in: first page, all contacts searchable, all stored. Returns the last device. */
export async function initialSync(ctx: Ctx, s: Samples): Promise<{ context: BrowserContext; page: Page }> {
  let device: { context: BrowserContext; page: Page } | null = null;
  for (let run = 0; run < ctx.syncRuns; run++) {
    if (device) await device.context.close();
    device = await openDevice();
    const { page } = device;
    await page.goto(`${ctx.url}/contacts`);
    await page.getByRole('button', { name: 'Open demo workspace' }).click();
    const t = await lastEvent(page, 'click');
    const [first, searchable, stored] = await Promise.all([
      waitMark(page, RENDERED_MARK, { after: t, table: true, minRows: 1 }, 120_000),
      waitMark(page, RENDERED_MARK, { after: t, table: true, total: ctx.contacts }, Math.max(300_000, ctx.contacts)),
      // Storing is bound by IndexedDB writes (~0.2 ms per record, ~3.5 records per contact).
      ctx.skipStored ? null : waitMark(page, FIRST_SYNC_STORED_MARK, { after: t }, Math.max(900_000, ctx.contacts * 3)),
    ]);
    add(s, 'initial sync: first page visible', first.t - t);
    add(s, 'initial sync: all searchable', searchable.t - t);
    if (stored) add(s, 'initial sync: all stored', stored.t - t);
    ctx.log(`  initial sync run ${run + 1}: first page ${Math.round(first.t - t)} ms, searchable ${Math.round(searchable.t - t)} ms, stored ${stored ? `${Math.round(stored.t - t)} ms` : '(not waited for)'}`);
  }
  if (!device) throw new Error('no sync runs');
  await clearMarks(device.page);
  return device;
}

/** Reload with everything cached -> first page of the table (times from navigation start). */
export async function coldStart(page: Page, ctx: Ctx, s: Samples): Promise<void> {
  for (let run = 0; run < ctx.runs; run++) {
    await page.reload({ waitUntil: 'commit' });
    const [first, all] = await Promise.all([
      waitMark(page, RENDERED_MARK, { after: 0, table: true, minRows: 1 }, 60_000),
      // The first page may come from Dexie with the exact total before the index is complete.
      waitMark(page, RENDERED_MARK, { after: 0, table: true, searchable: true, total: ctx.contacts }, 60_000),
    ]);
    add(s, 'cold start: first page visible', first.t);
    add(s, 'cold start: all searchable', all.t);
  }
  await clearMarks(page);
}

/** The five searches: input -> count + first page (debounce reported on its own). */
export async function searches(page: Page, ctx: Ctx, s: Samples, totals: Record<string, number>): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Search contacts' });
  for (let run = 0; run < ctx.runs; run++) {
    for (const { name, q } of SEARCHES) {
      await box.fill(q);
      const input = await lastEvent(page, 'input');
      const commit = await waitMark(page, SEARCH_COMMIT_MARK, { after: input, search: q });
      const shown = await waitMark(page, RENDERED_MARK, { after: commit.t, view: viewOf({ search: q }) });
      await addTimed(page, s, `search: ${name}`, commit.t, shown);
      add(s, 'search: debounce', commit.t - input);
      totals[`search: ${name}`] = Number(shown.detail?.total);
      await box.fill('');
      const cleared = await lastEvent(page, 'input');
      await waitMark(page, RENDERED_MARK, { after: cleared, view: '' });
    }
    await clearMarks(page);
  }
}

/** 3-condition AND / ANY filters, a segment, a sort change, the last page. */
export async function views(page: Page, ctx: Ctx, s: Samples, totals: Record<string, number>): Promise<void> {
  const lastPage = Math.max(1, Math.ceil(ctx.contacts / DEFAULT_VIEW.pageSize));
  for (let run = 0; run < ctx.runs; run++) {
    for (const [name, filter] of [['filter: 3 conditions AND', FILTER_AND], ['filter: 3 conditions ANY', FILTER_ANY]] as const) {
      const view = viewOf({ filter });
      const t = await goView(page, view);
      const hit = await waitMark(page, RENDERED_MARK, { after: t, view });
      await addTimed(page, s, name, t, hit);
      totals[name] = Number(hit.detail?.total);
      await toView(page, '');
    }

    await page.getByRole('combobox', { name: 'Segment' }).click();
    await page.getByRole('option', { name: 'High value customers' }).click();
    const segClick = await lastEvent(page, 'click');
    const seg = await waitMark(page, RENDERED_MARK, { after: segClick, viewIncludes: 'segment=' });
    await addTimed(page, s, 'apply segment', segClick, seg);
    totals['apply segment'] = Number(seg.detail?.total);
    await toView(page, '');

    await page.getByRole('columnheader', { name: 'Name' }).getByRole('button').click();
    const sortClick = await lastEvent(page, 'click');
    const sorted = await waitMark(page, RENDERED_MARK, { after: sortClick, viewIncludes: 'sort=name' });
    await addTimed(page, s, 'sort by name', sortClick, sorted);

    await page.getByRole('button', { name: `Page ${lastPage}`, exact: true }).click();
    const pageClick = await lastEvent(page, 'click');
    const last = await waitMark(page, RENDERED_MARK, { after: pageClick, viewIncludes: `page=${lastPage}` });
    await addTimed(page, s, 'jump to last page', pageClick, last);
    await toView(page, '');
    await clearMarks(page);
  }
}

/** Opt-in switch -> the patch stored in Dexie with its outbox entry (one transaction). */
export async function inlineEdit(page: Page, ctx: Ctx, s: Samples): Promise<void> {
  const toggle = page.getByRole('switch', { name: /^Campaign opt-in for / }).first();
  for (let run = 0; run < ctx.runs; run++) {
    await toggle.click({ force: true });
    const t = await lastEvent(page, 'click');
    const hit = await waitMark(page, EDIT_STORED_MARK, { after: t });
    add(s, 'edit opt-in: stored with outbox entry', hit.t - t);
  }
  await clearMarks(page);
}

/** Long tasks on the main thread while typing a 10-character query. */
export async function typing(page: Page, ctx: Ctx, s: Samples): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Search contacts' });
  for (let run = 0; run < ctx.runs; run++) {
    await box.click();
    const t = await pageNow(page);
    await box.pressSequentially(TYPED, { delay: 60 }); // a fast typist's pace
    await waitMark(page, RENDERED_MARK, { after: t, view: viewOf({ search: TYPED }) });
    const tasks = await longTasksSince(page, t);
    add(s, 'typing: long tasks > 50 ms', tasks.length);
    add(s, 'typing: longest task', tasks.reduce((m, x) => Math.max(m, x.duration), 0));
    await box.fill('');
    const cleared = await lastEvent(page, 'input');
    await waitMark(page, RENDERED_MARK, { after: cleared, view: '' });
    await clearMarks(page);
  }
}

/** JS heap after a garbage collection, and what IndexedDB uses. */
export async function memory(page: Page, s: Samples): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  add(s, 'JS heap after load (MB)', heap.usedSize / 1e6);
  const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? NaN);
  add(s, 'storage.estimate usage (MB)', usage / 1e6);
  await cdp.detach();
}

/** Select all on page -> "Select all N matching" -> Delete: the confirmation's counts on screen. */
export async function deleteCountsMeasure(page: Page, ctx: Ctx, s: Samples, totals: Record<string, number>): Promise<void> {
  const bar = page.getByRole('region', { name: 'Bulk actions' });
  for (let run = 0; run < ctx.runs; run++) {
    await page.getByRole('checkbox', { name: 'Select all on page' }).click({ force: true });
    await bar.getByRole('button', { name: /^Select all [\d,.\s]+ matching$/ }).click();
    await bar.getByRole('button', { name: /^Delete/ }).click();
    const t = await lastEvent(page, 'click');
    const hit = await waitMark(page, DELETE_COUNTS_MARK, { after: t }, 60_000);
    add(s, 'select all matching -> delete counts shown', hit.t - t);
    totals['select all matching -> delete counts shown'] = Number(hit.detail?.total);
    await page.getByRole('dialog', { name: 'Delete contacts' }).getByRole('button', { name: 'Cancel' }).click();
    await bar.getByRole('button', { name: 'Clear selection' }).click();
    await clearMarks(page);
  }
}

/** Download CSV of every contact with both extras -> file handed to the download. */
export async function csvExport(page: Page, ctx: Ctx, s: Samples): Promise<void> {
  page.on('download', (d) => void d.delete().catch(() => {}));
  for (let run = 0; run < ctx.runs; run++) {
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const dialog = page.getByRole('dialog', { name: 'Download CSV' });
    await dialog.getByRole('checkbox', { name: 'Labels from recent sessions' }).check({ force: true });
    await dialog.getByRole('checkbox', { name: 'Custom fields from recent sessions' }).check({ force: true });
    await dialog.getByRole('button', { name: 'Download', exact: true }).click();
    const t = await lastEvent(page, 'click');
    const hit = await waitMark(page, CSV_READY_MARK, { after: t }, 120_000);
    add(s, 'CSV export of all, both extras -> file ready', hit.t - t);
    add(s, 'CSV export: longest main-thread task', (await longTasksSince(page, t)).reduce((m, x) => Math.max(m, x.duration), 0));
    add(s, 'CSV size (MB)', Number(hit.detail?.bytes) / 1e6);
    await clearMarks(page);
  }
}

export const DELETE_MEASURE = 'delete 10k selected -> gone from the table';

/** Lifetime value above `min`: a filter whose size the bench can tune (a numeric threshold). */
const valueAbove = (min: number): string =>
  viewOf({ filter: { match: 'all', conditions: [{ field: 'cf:lifetime_value', operator: 'gt', value: min }] } });

/** The threshold whose filter matches the fewest contacts >= target (binary search on the rendered totals). */
async function filterMatching(page: Page, target: number): Promise<{ view: string; total: number }> {
  let lo = 0; // matches >= target (checked below)
  let hi = 10_000_000; // matches < target
  let best = { view: valueAbove(lo), total: Number((await waitMark(page, RENDERED_MARK, { after: await goView(page, valueAbove(lo)), view: valueAbove(lo) })).detail?.total) };
  if (best.total < target) throw new Error(`only ${best.total} contacts have a lifetime value; need ${target}`);
  let last = best.view;
  while (hi - lo > 0.01 && best.total !== target) {
    const mid = Math.round(((lo + hi) / 2) * 100) / 100;
    if (mid === lo || mid === hi) break;
    const view = valueAbove(mid);
    const total = Number((await waitMark(page, RENDERED_MARK, { after: await goView(page, view), view })).detail?.total);
    if (total >= target) [lo, best] = [mid, { view, total }];
    else hi = mid;
    last = view;
  }
  if (last !== best.view) await waitMark(page, RENDERED_MARK, { after: await goView(page, best.view), view: best.view });
  return best;
}

/**
 * The deletes reached the server and the pull after them is stored (its tombstones; the local
 * conversation cleanup): the next run and later measures do not share IndexedDB and the CPU with it.
 */
async function waitSyncedAfterDelete(page: Page, storedAt: number, timeoutMs = 120_000): Promise<void> {
  const read = (): Promise<{ outbox: number; lastSyncedAt: number }> =>
    page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const open = indexedDB.open('all-contacts');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const idb = open.result;
            const tx = idb.transaction(['outbox', 'meta']);
            const count = tx.objectStore('outbox').count();
            const synced = tx.objectStore('meta').get('lastSyncedAt');
            tx.oncomplete = () => {
              idb.close();
              resolve({ outbox: count.result, lastSyncedAt: (synced.result as { value?: number } | undefined)?.value ?? 0 });
            };
            tx.onerror = () => (idb.close(), reject(tx.error));
          };
        }),
    );
  const deadline = Date.now() + timeoutMs;
  // Wall clock of the delete's commit (the page's clock): the cycle that pushes it starts after.
  let pendingSeen = await page.evaluate((t) => performance.timeOrigin + t, storedAt);
  for (;;) {
    const { outbox, lastSyncedAt } = await read();
    // A sync cycle pushes, then pulls, then stamps lastSyncedAt: an empty outbox and a stamp after
    // the outbox was last seen holding the delete = the cycle that pushed it has pulled too.
    if (outbox > 0) pendingSeen = Date.now();
    else if (lastSyncedAt > pendingSeen) break;
    if (Date.now() > deadline) throw new Error('the bulk delete did not sync in time');
    await page.waitForTimeout(250);
  }
  await page.waitForTimeout(1000); // the queued conversation cleanup and the index catch up
}

/**
 * Bulk delete as a user does it: a filter matching min(10k, a share of what exists), select all on
 * the page, "Select all N matching", Delete, confirm -> the deletes stored with their outbox
 * entries AND the table showing the new total. Deletes data: runs last, on distinct contacts each run.
 */
export async function deleteSelected(page: Page, ctx: Ctx, s: Samples, totals: Record<string, number>): Promise<void> {
  const bar = page.getByRole('region', { name: 'Bulk actions' });
  const runs = Math.min(ctx.runs, 3);
  const target = Math.min(10_000, Math.floor(ctx.contacts / 2 / runs));
  let left = ctx.contacts;
  for (let run = 0; run < runs; run++) {
    const { view, total } = await filterMatching(page, target);
    await page.getByRole('checkbox', { name: 'Select all on page' }).click({ force: true });
    await bar.getByRole('button', { name: /^Select all [\d,.\s]+ matching$/ }).click();
    await bar.getByRole('button', { name: /^Delete/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete contacts' });
    await dialog.getByRole('button', { name: `Delete ${total.toLocaleString('en')} contacts` }).click();
    const t = await lastEvent(page, 'click');
    const [stored, gone] = await Promise.all([
      waitMark(page, DELETE_STORED_MARK, { after: t }, 60_000),
      waitMark(page, RENDERED_MARK, { after: t, view, total: 0 }, 60_000),
    ]);
    add(s, DELETE_MEASURE, Math.max(stored.t, gone.t) - t);
    add(s, 'delete 10k selected: stored with outbox entries', stored.t - t);
    totals[DELETE_MEASURE] = total;
    left -= total;
    ctx.log(`  deleted ${total.toLocaleString('en')}: stored ${Math.round(stored.t - t)} ms, gone from the table ${Math.round(gone.t - t)} ms`);
    await waitMark(page, RENDERED_MARK, { after: await goView(page, ''), view: '', total: left }, 60_000);
    await waitSyncedAfterDelete(page, stored.t);
    await clearMarks(page);
  }
}
