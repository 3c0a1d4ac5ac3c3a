// Issue 6 (P1, P3): installability (manifest, icons, service worker) and updating to a new build
// with the "Update available" prompt, in real Chromium against the real server process.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { freePort, launchBrowser, newDevice, signInToDemo, startAppServer, type AppServer } from './harness';
import { buildInto, waitForServiceWorker } from './pwa-helpers';

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('PWA', () => {
  let browser: Browser;
  let buildA: string;
  let buildB: string;
  const servers: AppServer[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'contacts-pwa-'));

  beforeAll(async () => {
    buildA = buildInto('e2e-A');
    buildB = buildInto('e2e-B');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    for (const s of servers) await s.stop();
    for (const dir of [buildA, buildB, dataDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('[P1] the manifest parses with every field, icons load at their sizes, the service worker controls the page', async () => {
    const server = await startAppServer({ env: { DIST_DIR: buildA } });
    servers.push(server);
    const { context, page } = await newDevice(browser);
    await page.goto(`${server.url}/contacts`);
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBeTruthy();

    const http = context.request; // Chromium's network stack, like the browser's own requests
    const response = await http.get(new URL(href!, server.url).href);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^application\/manifest\+json/);
    const manifest = (await response.json()) as Record<string, unknown> & { icons: { src: string; sizes: string; type: string; purpose?: string }[] };
    expect(manifest).toMatchObject({
      name: 'All Contacts',
      short_name: 'Contacts',
      start_url: '/contacts',
      scope: '/',
      display: 'standalone',
    });
    expect(String(manifest.description)).toMatch(/contact/i);
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
    const sizes = manifest.icons.map((i) => i.sizes);
    expect(sizes).toContain('192x192');
    expect(sizes).toContain('512x512');
    expect(manifest.icons.some((i) => i.purpose?.split(' ').includes('maskable'))).toBe(true);
    for (const icon of manifest.icons) {
      const res = await http.get(new URL(icon.src, server.url).href);
      expect(res.status()).toBe(200);
      expect(res.headers()['content-type']).toBe('image/png');
      const [w, h] = icon.sizes.split('x').map(Number);
      expect(pngSize(await res.body())).toEqual({ width: w, height: h });
    }

    // The shell files revalidate on every load (a deploy is seen); hashed assets are immutable.
    for (const file of ['/sw.js', '/index.html']) {
      const res = await http.get(`${server.url}${file}`);
      expect(res.headers()['cache-control']).toBe('no-cache');
    }

    await waitForServiceWorker(page);
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${server.url}/sw.js`);
    await context.close();
    await server.stop();
  });

  it('[P3] a new build shows "Update available"; Reload loads it; no request for a missing asset', async () => {
    const port = await freePort();
    const serverA = await startAppServer({ dataDir, port, env: { DIST_DIR: buildA } });
    servers.push(serverA);
    const { context, page } = await newDevice(browser);
    const missing: string[] = [];
    context.on('response', (r) => r.status() === 404 && missing.push(r.url()));
    context.on('requestfailed', (r) => r.url().includes('/assets/') && missing.push(`failed ${r.url()}`));

    await signInToDemo(page, serverA.url);
    await page.getByText('Version e2e-A').waitFor();
    await waitForServiceWorker(page);
    const assetsA = readdirSync(join(buildA, 'assets'));

    // Deploy: the same origin now serves build B.
    await serverA.stop();
    const serverB = await startAppServer({ dataDir, port, env: { DIST_DIR: buildB } });
    servers.push(serverB);

    // The app checks for updates when the window regains focus (and every 30 min).
    const prompt = page.getByText('Update available');
    await expect
      .poll(
        async () => {
          await page.evaluate(() => window.dispatchEvent(new Event('focus')));
          return prompt.isVisible();
        },
        { timeout: 40_000, interval: 2_000 },
      )
      .toBe(true);
    // The old version keeps running until the user chooses to reload.
    expect(await page.getByText('Version e2e-A').isVisible()).toBe(true);

    await page.getByRole('button', { name: 'Reload' }).click();
    await page.getByText('Version e2e-B').waitFor({ timeout: 20_000 });
    await page.getByRole('table', { name: 'Contacts' }).locator('tbody tr').first().waitFor();
    expect(await page.getByText('Update available').count()).toBe(0);

    // A tab still on build A that asks for one of its hashed files later gets it (no 404).
    for (const name of assetsA) {
      const res = await context.request.get(`${serverB.url}/assets/${name}`);
      expect(res.status(), name).toBe(200);
    }
    expect(missing).toEqual([]);

    // Settings: the running version, storage use and persistence (P4), the Live interval (S7).
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByText('App version e2e-B').waitFor();
    await expect.poll(() => page.getByLabel('Storage used', { exact: true }).textContent()).toMatch(/used of .+ available/);
    expect(await page.getByText(/^(Persistent|Not persistent)$/).count()).toBe(1);
    const interval = page.getByRole('textbox', { name: 'Sync interval (seconds)' });
    expect(await interval.inputValue()).toBe('5');
    await interval.fill('9');
    await page.reload();
    expect(await page.getByRole('textbox', { name: 'Sync interval (seconds)' }).inputValue()).toBe('9');
    await context.close();
  });
});
