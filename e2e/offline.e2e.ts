// Issue 6 (P2, S8): the app starts with the network off (service worker + local data), edits made
// offline wait in the outbox (the header says how many), and reach another device once online.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { bodyRows, footerTotal, launchBrowser, newDevice, rowName, signInToDemo, startAppServer, waitForSynced, type AppServer } from './harness';
import { loadWorkspace } from './data';
import { buildInto, statusText, waitForServiceWorker } from './pwa-helpers';

describe('offline', () => {
  let server: AppServer;
  let browser: Browser;
  let build: string;

  beforeAll(async () => {
    build = buildInto('offline'); // this tree's build, not whatever dist/ holds
    server = await startAppServer({ env: { DIST_DIR: build } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (build) rmSync(build, { recursive: true, force: true });
  });

  it('[P2][S8] cold start offline of a deep link shows the same rows; an offline edit and delete count as pending and sync when back online', async () => {
    const a = await newDevice(browser);
    await signInToDemo(a.page, server.url);
    await waitForSynced(a.page);
    await waitForServiceWorker(a.page);

    // A deep link with view state in the URL (search, sort, page size).
    const deepLink = `${server.url}/contacts?q=a&sort=name&dir=asc&size=25`;
    await a.page.goto(deepLink);
    await bodyRows(a.page).nth(24).waitFor();
    const rowsOnline = await bodyRows(a.page).allInnerTexts();
    const totalOnline = await footerTotal(a.page);

    await a.context.setOffline(true);
    await a.page.reload(); // served by the service worker: the network is off
    await bodyRows(a.page).nth(24).waitFor();
    expect(await bodyRows(a.page).allInnerTexts()).toEqual(rowsOnline);
    expect(await footerTotal(a.page)).toBe(totalOnline);
    expect(await statusText(a.page)).toMatch(/Offline/);

    // Offline: edit one contact inline (opt-in switch) and delete another.
    const edited = await rowName(a.page, 0);
    const deleted = await rowName(a.page, 1);
    const namedOnServer = async (name: string) => (await loadWorkspace(server.url)).contacts.filter((c) => c.name === name).length;
    const deletedCountBefore = await namedOnServer(deleted);
    const toggle = a.page.getByRole('switch', { name: `Campaign opt-in for ${edited}` });
    const before = await toggle.isChecked();
    await toggle.click({ force: true });
    await expect.poll(() => toggle.isChecked()).toBe(!before);

    await a.page.getByRole('checkbox', { name: `Select ${deleted}` }).first().check({ force: true });
    await a.page.getByRole('region', { name: 'Bulk actions' }).getByRole('button', { name: 'Delete' }).click();
    await a.page.getByRole('dialog', { name: 'Delete contacts' }).getByRole('button', { name: 'Delete 1 contact' }).click();
    await expect.poll(() => footerTotal(a.page)).toBe(totalOnline - 1);
    await expect.poll(() => statusText(a.page), { timeout: 10_000 }).toMatch(/Offline · 2 pending/);

    // Back online: synced at once, nothing pending, and the server has both changes.
    await a.context.setOffline(false);
    await expect.poll(async () => /Offline|pending/.test(await statusText(a.page)), { timeout: 15_000 }).toBe(false);
    expect(await namedOnServer(deleted)).toBe(deletedCountBefore - 1);

    // Another device sees both changes.
    const b = await newDevice(browser);
    await signInToDemo(b.page, server.url);
    await waitForSynced(b.page);
    await b.page.goto(`${server.url}/contacts?q=${encodeURIComponent(edited)}`);
    const toggleB = b.page.getByRole('switch', { name: `Campaign opt-in for ${edited}` }).first();
    await toggleB.waitFor({ state: 'attached' });
    expect(await toggleB.isChecked()).toBe(!before);
    await b.page.goto(`${server.url}/contacts?q=${encodeURIComponent(deleted)}`);
    await expect
      .poll(() => b.page.getByRole('checkbox', { name: `Select ${deleted}`, exact: true }).count())
      .toBe(deletedCountBefore - 1);
    await a.context.close();
    await b.context.close();
  });
});
