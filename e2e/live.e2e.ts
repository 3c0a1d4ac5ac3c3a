// Issue 7 (V4, S7): Live mode refreshes the table in place when traffic arrives through the ingest
// API (same page, same selection); with Live off the snapshot stays until "Sync now".
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { bodyRows, footerTotal, launchBrowser, newDevice, rowName, signInToDemo, startAppServer, waitForSynced, type AppServer } from './harness';
import { buildInto, cell, ingest, ingestKey, rowByName, statusText } from './pwa-helpers';

const INTERVAL_MS = 5_000; // the default Live interval (Settings > Sync)
const WITHIN_MS = INTERVAL_MS + 2_000;

async function selected(page: Page, name: string): Promise<boolean> {
  return page.getByRole('checkbox', { name: `Select ${name}`, exact: true }).isChecked();
}

describe('Live mode', () => {
  let server: AppServer;
  let browser: Browser;
  let build: string;
  let key: string;

  beforeAll(async () => {
    build = buildInto('live');
    server = await startAppServer({ env: { DIST_DIR: build } });
    key = ingestKey(server.dataDir);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (build) rmSync(build, { recursive: true, force: true });
  });

  it('[V4][S7] Live on: ingested contact and message show within interval + 2 s; page, selection and an open editor unchanged. Live off: only after Sync now', async () => {
    const { context, page } = await newDevice(browser);
    await signInToDemo(page, server.url);
    await waitForSynced(page);
    expect(await page.getByRole('switch', { name: 'Live' }).isChecked()).toBe(true);

    await page.getByRole('button', { name: 'Next page' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('page')).toBe('2');
    await bodyRows(page).nth(9).waitFor();
    const picked = [await rowName(page, 0), await rowName(page, 1)];
    for (const name of picked) {
      await page.getByRole('checkbox', { name: `Select ${name}`, exact: true }).click({ force: true });
      await expect.poll(() => selected(page, name)).toBe(true);
    }

    // A visible contact with an email that has not just had a message (rows 2..8 stay on this
    // page even when the new contact, newest first, pushes every row down by one).
    let target = '';
    let targetEmail = '';
    let lastBefore = '';
    for (let i = 2; i <= 8 && !target; i++) {
      const row = bodyRows(page).nth(i);
      const email = ((await (await cell(page, row, 'Email')).innerText()) ?? '').trim();
      const last = ((await (await cell(page, row, 'Last Interaction')).innerText()) ?? '').trim();
      if (email.includes('@') && last !== 'just now') [target, targetEmail, lastBefore] = [await rowName(page, i), email, last];
    }
    expect(target).not.toBe('');
    const total = await footerTotal(page);

    // An inline editor open with unsaved text on another row that stays on this page.
    let editing = '';
    for (let i = 2; i <= 8 && !editing; i++) {
      const name = await rowName(page, i);
      if (name !== target) editing = name;
    }
    await page.getByRole('button', { name: `Edit email of ${editing}` }).first().click();
    const editor = page.getByRole('textbox', { name: `Email for ${editing}` });
    await editor.fill('typing.in.progress@exam');
    expect(await editor.evaluate((el) => el === document.activeElement)).toBe(true);

    await ingest(server.url, key, 'contacts', { name: 'Live Newcomer', email: 'live.newcomer@example.com' });
    await ingest(server.url, key, 'messages', { contact: { email: targetEmail }, channel: 'email', text: 'Hello from the live test' });
    const started = Date.now();
    const lastCell = async () => ((await (await cell(page, rowByName(page, target), 'Last Interaction')).innerText()) ?? '').trim();
    await expect.poll(() => footerTotal(page), { timeout: WITHIN_MS, interval: 250 }).toBe(total + 1);
    await expect.poll(lastCell, { timeout: Math.max(500, WITHIN_MS - (Date.now() - started)), interval: 250 }).not.toBe(lastBefore);
    expect(await lastCell()).toBe('just now');
    // In place: same page, same selection, the open editor keeps its text and focus.
    expect(new URL(page.url()).searchParams.get('page')).toBe('2');
    for (const name of picked) expect(await selected(page, name), name).toBe(true);
    expect(await editor.inputValue()).toBe('typing.in.progress@exam');
    expect(await editor.evaluate((el) => el === document.activeElement)).toBe(true);
    await editor.press('Escape');

    // Live off: a stable snapshot, its age shown next to "Sync now".
    await page.getByRole('switch', { name: 'Live' }).click({ force: true });
    await expect.poll(() => page.getByRole('switch', { name: 'Live' }).isChecked()).toBe(false);
    await expect.poll(() => statusText(page)).toMatch(/Snapshot from/);
    await ingest(server.url, key, 'contacts', { name: 'Snapshot Latecomer', email: 'snapshot.latecomer@example.com' });
    await page.waitForTimeout(WITHIN_MS + 1_000);
    expect(await footerTotal(page)).toBe(total + 1);

    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => footerTotal(page), { timeout: 10_000 }).toBe(total + 2);
    expect(new URL(page.url()).searchParams.get('page')).toBe('2');
    for (const name of picked) expect(await selected(page, name), name).toBe(true);

    // The Live choice is this device's: it survives a reload.
    await page.reload();
    await bodyRows(page).first().waitFor();
    expect(await page.getByRole('switch', { name: 'Live' }).isChecked()).toBe(false);
    await context.close();
  });
});
