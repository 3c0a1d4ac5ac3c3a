// Test harness for browser flows: starts the real production server (tsx server/index.ts) in its own
// process group on a free port with a fresh data dir, and Debian Chromium with a fresh profile.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export type AppServer = {
  url: string;
  port: number;
  dataDir: string;
  logs: () => string;
  stop: () => Promise<void>;
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Starts `tsx server/index.ts` with a fresh DATA_DIR (or the given one) and waits for /healthz. */
export async function startAppServer(opts: { dataDir?: string; env?: Record<string, string>; port?: number } = {}): Promise<AppServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'contacts-e2e-'));
  // A fixed port restarts "the same origin" (service workers and IndexedDB are per origin).
  const port = opts.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, NODE_ENV: 'production', ...opts.env },
    detached: true, // own process group, so stop() kills every child and frees the port
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early (${child.exitCode}):\n${output}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not become healthy:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }

  return {
    url,
    port,
    dataDir,
    logs: () => output,
    stop: async () => {
      if (child.exitCode === null && child.pid) {
        const exited = new Promise((r) => child.once('exit', r));
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // already gone
        }
        const timer = setTimeout(() => child.pid && tryKill(-child.pid), 5000);
        await exited;
        clearTimeout(timer);
      }
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function tryKill(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** A new "device": a fresh browser context (own IndexedDB, service workers, storage). */
export async function newDevice(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  return { context, page };
}

/** Opens /contacts, signs in to the demo workspace and waits for the first page of the table. */
export async function signInToDemo(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/contacts`);
  await page.getByRole('button', { name: 'Open demo workspace' }).click();
  await page.getByRole('table').getByRole('row').nth(1).waitFor();
}

/** Reads the footer total ("2,000 contacts") as a number. */
export async function footerTotal(page: Page): Promise<number> {
  const text = await page.getByText(/^[\d,.\s]+ contacts?$/).first().textContent();
  return Number((text ?? '').replace(/[^\d]/g, ''));
}

/** Body rows of the contacts table (excludes the header row). */
export function bodyRows(page: Page) {
  return page.getByRole('table').locator('tbody tr');
}

/** Polls `read` until `accept` holds (for hooks, where expect.poll is not available). */
export async function waitUntil<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read().catch(() => undefined as T);
    if (value !== undefined && accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms (last value: ${String(value)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The contact name of a body row, read from its "Select <name>" checkbox label. */
export async function rowName(page: Page, row: number): Promise<string> {
  const checkbox = bodyRows(page).nth(row).getByRole('checkbox');
  const label = (await checkbox.getAttribute('aria-label')) ?? '';
  return label.replace(/^Select /, '');
}

/** Waits until the device has finished a whole sync (first sync stored, nothing pending). */
export async function waitForSynced(page: Page, timeoutMs = 60_000): Promise<void> {
  const status = page.getByRole('status', { name: 'Sync status' });
  await waitUntil(
    async () => (await status.textContent()) ?? '',
    (text) => /Synced/.test(text) && !/Syncing|pending/.test(text),
    timeoutMs,
  );
}
