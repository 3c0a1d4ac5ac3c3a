// Helpers for the PWA / offline / Live browser tests: separate production builds, service worker
// readiness, table cells by column header, and the ingest API.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { INGEST_PATHS } from '../shared/ingest';
import { INGEST_KEY_FILE } from '../server/ingest/key-file';

/** A production build in its own dir (never the shared dist/, which other tests may be serving). */
export function buildInto(version: string): string {
  const outDir = mkdtempSync(join(tmpdir(), `contacts-build-${version}-`));
  execFileSync('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    // NODE_ENV must be production: vitest sets 'test', which would build a dev bundle (no service worker).
    env: { ...process.env, NODE_ENV: 'production', APP_VERSION: version },
    stdio: 'pipe',
  });
  return outDir;
}

/**
 * Waits until a service worker is 'activated' AND controls this page (ready alone is too early).
 * A string script: transpilers add helpers (__name) to named inner functions that the page lacks.
 */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(`(async () => {
    const registration = await navigator.serviceWorker.ready;
    const worker = registration.active;
    if (worker && worker.state !== 'activated') {
      await new Promise((resolve) => {
        worker.addEventListener('statechange', () => worker.state === 'activated' && resolve());
        if (worker.state === 'activated') resolve();
      });
    }
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }));
    }
  })()`);
}

/** The body cell of `row` under the column header named `column` (by the th's aria-label). */
export async function cell(page: Page, row: Locator, column: string): Promise<Locator> {
  const labels = await page.getByRole('table', { name: 'Contacts' }).locator('thead th').evaluateAll((ths) => ths.map((th) => th.getAttribute('aria-label')));
  const index = labels.indexOf(column);
  if (index < 0) throw new Error(`no column ${column} in ${labels.join(', ')}`);
  return row.locator('td').nth(index);
}

/** The table row whose checkbox is "Select <name>". */
export function rowByName(page: Page, name: string): Locator {
  return page.getByRole('table', { name: 'Contacts' }).locator('tbody tr').filter({ has: page.getByRole('checkbox', { name: `Select ${name}`, exact: true }) });
}

export function ingestKey(dataDir: string): string {
  return readFileSync(join(dataDir, INGEST_KEY_FILE), 'utf8').trim();
}

export async function ingest(baseUrl: string, key: string, kind: keyof typeof INGEST_PATHS, body: unknown): Promise<unknown> {
  const response = await fetch(`${baseUrl}${INGEST_PATHS[kind]}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
  const json: unknown = await response.json();
  if (!response.ok) throw new Error(`ingest ${kind} failed ${response.status}: ${JSON.stringify(json)}`);
  return json;
}

/** The header's sync status text ("Offline · 2 pending", "Snapshot from …", …). */
export async function statusText(page: Page): Promise<string> {
  return (await page.getByRole('status', { name: 'Sync status' }).textContent()) ?? '';
}
