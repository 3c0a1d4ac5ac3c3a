// Issue 2 (foundation): the whole stack end to end in real Chromium against the real server process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { bodyRows, footerTotal, launchBrowser, newDevice, signInToDemo, startAppServer, waitForSynced, type AppServer } from './harness';
import { serverContactCount } from './api';

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
});
