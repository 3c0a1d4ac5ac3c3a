// Issue 3 (sync engine) in real Chromium: two browser contexts are two devices on one real server;
// two tabs of one context share one database and never push the same mutation twice (S6, S7, S10).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { bodyRows, launchBrowser, newDevice, rowName, signInToDemo, startAppServer, waitForSynced, type AppServer } from './harness';

type PushLog = { procedure: string; mutations: number; replayed: number; applied: number };

function pushLogs(logs: string): PushLog[] {
  return logs
    .split('\n')
    .filter((line) => line.includes('"sync.push"'))
    .map((line) => JSON.parse(line) as PushLog);
}

const firstRowName = (page: Page, row = 0) => rowName(page, row);

async function waitForNoPending(page: Page): Promise<void> {
  const status = page.getByRole('status', { name: 'Sync status' });
  await expect.poll(async () => /pending/.test((await status.textContent()) ?? ''), { timeout: 20_000 }).toBe(false);
}

describe('sync between devices', () => {
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

  it('[S6][S7] an inline change on one device appears on the other after its next sync', async () => {
    const a = await newDevice(browser);
    const b = await newDevice(browser);
    await signInToDemo(a.page, server.url);
    await signInToDemo(b.page, server.url);

    const name = await firstRowName(a.page);
    const switchA = a.page.getByRole('switch', { name: `Campaign opt-in for ${name}` });
    const switchB = b.page.getByRole('switch', { name: `Campaign opt-in for ${name}` });
    const before = await switchB.isChecked();
    expect(await switchA.isChecked()).toBe(before);

    await switchA.click({ force: true });
    await expect.poll(() => switchA.isChecked()).toBe(!before);
    await waitForNoPending(a.page);

    await b.page.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => switchB.isChecked(), { timeout: 15_000 }).toBe(!before);
    await a.context.close();
    await b.context.close();
  });

  it('[S10] two tabs of one browser share the database and never push the same mutation twice', async () => {
    const device = await newDevice(browser);
    await signInToDemo(device.page, server.url);
    await waitForSynced(device.page);
    const second = await device.context.newPage();
    await second.goto(`${server.url}/contacts`);
    await bodyRows(second).nth(9).waitFor();
    const logStart = server.logs().length;

    // Three edits in each tab, on different contacts.
    for (const [page, rows] of [
      [device.page, [0, 1, 2]],
      [second, [3, 4, 5]],
    ] as const) {
      for (const row of rows) {
        const name = await firstRowName(page, row);
        await page.getByRole('switch', { name: `Campaign opt-in for ${name}` }).click({ force: true });
      }
    }
    await waitForNoPending(device.page);
    await waitForNoPending(second);

    // Each tab sees the other's edits through the shared database, without a sync of its own.
    const states = async (page: Page) =>
      Promise.all([0, 1, 2, 3, 4, 5].map(async (row) => bodyRows(page).nth(row).getByRole('switch').isChecked()));
    await expect.poll(async () => JSON.stringify(await states(second))).toBe(JSON.stringify(await states(device.page)));

    // The server receives all six, once: wait for them, give both tabs time to (wrongly) push
    // again, then count. A replay would show as `replayed`, a double push as more than six.
    const pushedSoFar = () => pushLogs(server.logs().slice(logStart));
    const total = (key: 'mutations' | 'replayed') => pushedSoFar().reduce((sum, p) => sum + p[key], 0);
    await expect.poll(() => total('mutations'), { timeout: 20_000 }).toBe(6);
    await waitForNoPending(device.page);
    await waitForNoPending(second);
    await new Promise((r) => setTimeout(r, 3_000));
    expect(total('mutations')).toBe(6);
    expect(total('replayed')).toBe(0);
    await device.context.close();
  });
});
