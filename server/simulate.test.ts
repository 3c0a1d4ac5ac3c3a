// The simulator as its own process against a real server (startServer on port 0, real SQLite).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './index';
import { openSqliteStorage } from './storage/sqlite';
import { tempDataDir } from './test-helpers';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function simulate(
  args: string[],
  env: Record<string, string> = {},
  onOutput?: (out: string, child: ChildProcess) => void,
): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'server/simulate.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, INGEST_KEY: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
    onOutput?.(out, child);
  });
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out })));
}

let server: RunningServer;
let dataDir: string;
beforeAll(async () => {
  dataDir = tempDataDir();
  server = await startServer({ port: 0, dataDir, demo: true, quiet: true });
});
afterAll(() => server.close());

async function headSeq(): Promise<number> {
  const storage = openSqliteStorage(dataDir);
  try {
    return await storage.headSeq(server.ingest!.workspaceId);
  } finally {
    await storage.close();
  }
}

describe('[R2] npm run simulate', () => {
  it('[R2] --count 5 sends five events, prints one line each, exits 0, and the server has the data', async () => {
    const before = await headSeq();
    const { code, out } = await simulate(['--count', '5', '--rate', '20', '--seed', '42', '--url', server.url, '--data-dir', dataDir]);
    expect(code, out).toBe(0);
    const lines = out.split('\n').filter((l) => /^\[\s*\d+\]/.test(l));
    expect(lines, out).toHaveLength(5);
    for (const line of lines) expect(line).toMatch(/-> 20[01] /);
    expect(out).toMatch(/5 accepted, 0 failed/);
    // Every event writes at least one record with a new seq (a message writes contact + conversation).
    expect(await headSeq()).toBeGreaterThanOrEqual(before + 5);
  });

  it('[R2] without --count it runs until Ctrl-C, then prints a summary and exits 0', async () => {
    let interrupted = false;
    const { code, out } = await simulate(['--rate', '20', '--url', server.url], { INGEST_KEY: server.ingest!.key }, (text, child) => {
      if (!interrupted && (text.match(/-> 20[01] /g) ?? []).length >= 3) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    expect(code, out).toBe(0);
    expect(out).toMatch(/Ctrl-C to stop/);
    expect(out).toMatch(/Sent \d+ events in [\d.]+ s: \d+ accepted, 0 failed/);
  });

  it('[R2] a wrong key stops it at once with a clear message and exit code 1', async () => {
    const { code, out } = await simulate(['--count', '3', '--rate', '50', '--url', server.url, '--key', 'ik_not-the-right-key-at-all', '--own-contacts-only']);
    expect(code).toBe(1);
    expect(out).toMatch(/-> 401 a valid ingest key is required/);
    expect(out).toMatch(/refused the ingest key/);
  });
});
