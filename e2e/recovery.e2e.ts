// Issue 8 item 6 in a real browser: a corrupted device database is rebuilt at start-up (full resync,
// the queued offline edit still reaches the server); a database wiped under the running app leads
// to the sign-in screen after a reload, without a crash.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { footerTotal, launchBrowser, newDevice, rowName, signInToDemo, startAppServer, waitForSynced, type AppServer } from './harness';
import { loadWorkspace } from './data';
import { buildInto, statusText } from './pwa-helpers';

/** Writes garbage straight into IndexedDB, as a broken disk or an old bug would leave it. */
function corrupt(page: Page): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('all-contacts');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const tx = req.result.transaction(['meta', 'contacts'], 'readwrite');
          tx.objectStore('meta').put({ key: 'cursor', value: 'garbage' });
          tx.objectStore('contacts').put({ id: 'junk', name: 42 });
          tx.oncomplete = () => (req.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

describe('local database recovery', () => {
  let server: AppServer;
  let browser: Browser;
  let build: string;

  beforeAll(async () => {
    build = buildInto('recovery');
    server = await startAppServer({ env: { DIST_DIR: build } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (build) rmSync(build, { recursive: true, force: true });
  });

  it('[R4] a corrupted database is rebuilt on start: the queued offline edit reaches the server, the view equals it', async () => {
    const a = await newDevice(browser);
    await signInToDemo(a.page, server.url);
    await waitForSynced(a.page);
    const total = await footerTotal(a.page);

    await a.context.setOffline(true);
    const edited = await rowName(a.page, 0);
    const toggle = a.page.getByRole('switch', { name: `Campaign opt-in for ${edited}` });
    const before = await toggle.isChecked();
    await toggle.click({ force: true });
    await expect.poll(() => statusText(a.page), { timeout: 10_000 }).toMatch(/1 pending/);
    await corrupt(a.page);

    await a.page.goto('about:blank');
    await a.context.setOffline(false);
    await a.page.goto(`${server.url}/contacts`);
    await a.page.getByText('Local data repaired').waitFor();
    await waitForSynced(a.page);
    expect(await footerTotal(a.page)).toBe(total);
    const onServer = (await loadWorkspace(server.url)).contacts.find((c) => c.name === edited);
    expect(onServer?.campaignOptIn).toBe(!before);
    await expect.poll(() => a.page.getByRole('switch', { name: `Campaign opt-in for ${edited}` }).isChecked()).toBe(!before);
    await a.context.close();
  });

  it('[R4] a database wiped under the running app: no crash, sign-in after reload', async () => {
    const a = await newDevice(browser);
    const errors: string[] = [];
    a.page.on('pageerror', (e) => errors.push(e.message));
    await signInToDemo(a.page, server.url);
    await waitForSynced(a.page);
    await a.page.evaluate(() => new Promise((resolve) => (indexedDB.deleteDatabase('all-contacts').onsuccess = resolve)));
    await a.page.reload();
    await a.page.getByRole('button', { name: 'Open demo workspace' }).waitFor();
    expect(errors).toEqual([]);
    await a.context.close();
  });
});
