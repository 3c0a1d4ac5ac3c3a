// Issue 2 (foundation): the whole stack end to end in real Chromium against the real server process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { bodyRows, footerTotal, launchBrowser, newDevice, signInToDemo, startAppServer, waitForSynced, type AppServer } from './harness';
import { serverContactCount } from './api';

/** Parts of the complete contacts snapshot stored in the page's IndexedDB (0 when none). */
function snapshotParts(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('all-contacts');
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('snapshot')) return resolve(0), db.close();
          const get = db.transaction('snapshot').objectStore('snapshot').get('header');
          get.onsuccess = () => (resolve((get.result as { parts?: number } | undefined)?.parts ?? 0), db.close());
          get.onerror = () => (resolve(0), db.close());
        };
        open.onerror = () => resolve(0);
      }),
  );
}

/** Waits for a table render answered by the full index (not the cold-start preview). */
async function waitForSearchable(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    performance.getEntriesByName('contacts:rendered').some((e) => (e as PerformanceMark).detail?.searchable === true),
  );
}

/** Where this page's loads of the index came from ('snapshot' or 'contacts'). */
function loadSources(page: Page): Promise<string[]> {
  return page.evaluate(() => performance.getEntriesByName('contacts:load').map((e) => String((e as PerformanceMeasure).detail?.source)));
}

describe('foundation', () => {
  let server: AppServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startAppServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('[V0][S4] signs in to the demo and shows 10 rows and the seeded total', async () => {
    const seeded = await serverContactCount(server.url);
    expect(seeded).toBe(2000);
    const { context, page } = await newDevice(browser);
    await signInToDemo(page, server.url);
    await expect.poll(() => footerTotal(page), { timeout: 30_000 }).toBe(seeded);
    expect(await bodyRows(page).count()).toBe(10);
    expect(await page.getByRole('heading', { name: 'All Contacts' }).isVisible()).toBe(true);
    await context.close();
  });

  it('[S1] renders from IndexedDB only: with every /trpc request aborted, a reload shows the same rows', async () => {
    const { context, page } = await newDevice(browser);
    await signInToDemo(page, server.url);
    await expect.poll(() => footerTotal(page), { timeout: 30_000 }).toBe(2000);
    await waitForSynced(page);
    const before = await bodyRows(page).allInnerTexts();

    await page.route('**/trpc/**', (route) => route.abort());
    await page.reload();
    await bodyRows(page).nth(9).waitFor();
    expect(await footerTotal(page)).toBe(2000);
    expect(await bodyRows(page).allInnerTexts()).toEqual(before);
    await context.close();
  });

  it('[S1] reload: the first page shows before the index is ready; an edit made before it shows after it, from the packed snapshot too (issue 9)', async () => {
    const { context, page } = await newDevice(browser);
    await signInToDemo(page, server.url);
    await expect.poll(() => footerTotal(page), { timeout: 30_000 }).toBe(2000);
    await waitForSynced(page);
    // Reload 1 reads every contact and writes the snapshot behind; wait until it is stored.
    await page.reload();
    await expect.poll(() => snapshotParts(page), { timeout: 30_000 }).toBeGreaterThan(0);
    await waitForSearchable(page);

    const toggle = bodyRows(page).first().getByRole('switch');
    const name = (await toggle.getAttribute('aria-label')) ?? '';
    const was = await toggle.isChecked();
    await toggle.click();
    await expect.poll(() => toggle.isChecked()).toBe(!was);
    await waitForSynced(page);

    await page.reload();
    // The page as first shown (maybe read straight from Dexie before the index is ready) has the edit.
    const row = page.getByRole('switch', { name });
    await row.waitFor();
    expect(await row.isChecked()).toBe(!was);
    expect(await footerTotal(page)).toBe(2000);
    await waitForSearchable(page);
    expect(await loadSources(page)).toEqual(['snapshot']);
    expect(await page.getByRole('switch', { name }).isChecked()).toBe(!was);
    await context.close();
  });
});
