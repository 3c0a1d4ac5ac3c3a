// `npm run start:cluster` (R5): node:cluster workers on one port sharing PostgreSQL. Starts the real
// primary, signs in, pushes through one connection and pulls through others, replaces a killed
// worker, and stops every worker on SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { newId } from '../shared/ids';
import { createTestDatabase } from './storage/postgres-cluster-testing';
import { tempDataDir } from './test-helpers';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const children: ChildProcess[] = [];
let db: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
});
afterAll(async () => {
  await db?.drop();
});

function startCluster(env: Record<string, string>) {
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'server/cluster.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', DEMO: '1', ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitFor = async (re: RegExp, ms = 30_000) => {
    const until = Date.now() + ms;
    while (!re.test(out)) {
      if (Date.now() > until || child.exitCode !== null) throw new Error(`no ${re} in:\n${out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return re.exec(out)!;
  };
  return { child, exited, waitFor, output: () => out };
}

it('[R5] start:cluster refuses to run without DATABASE_URL', async () => {
  const c = startCluster({ DATABASE_URL: '', DATA_DIR: tempDataDir() });
  expect(await c.exited).toBe(1);
  expect(c.output()).toContain('needs DATABASE_URL');
});

it('[R5] start:cluster: WORKERS processes share one port and one database; a dead worker is replaced; SIGTERM stops all', async () => {
  const dataDir = tempDataDir();
  const c = startCluster({ DATABASE_URL: db.url, WORKERS: '2', DATA_DIR: dataDir, DIST_DIR: path.join(dataDir, 'no-dist') });
  await c.waitFor(/2 workers ready/);
  const listening = [...c.output().matchAll(/worker (\d+) listening on port (\d+)/g)];
  expect(listening).toHaveLength(2);
  expect(new Set(listening.map((m) => m[2])).size).toBe(1);
  const url = `http://127.0.0.1:${listening[0][2]}`;

  // Fresh connections each time (no keep-alive), so requests are spread over the workers.
  const call = async (p: string, body: unknown, token?: string) => {
    const res = await fetch(`${url}/trpc/${p}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', connection: 'close', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return ((await res.json()) as { result: { data: any } }).result.data;
  };
  const { token } = await call('auth.demoSignIn', { deviceName: 'cluster test' });
  const clientId = newId();
  const id = newId();
  const args = { id, createdAt: Date.now(), name: 'Clustered Clara', email: '', phone: '', avatarUrl: '', campaignOptIn: false, customFields: {} };
  const ack = await call('sync.push', { clientId, mutations: [{ id: 1, clientTime: Date.now(), name: 'contact.create', args }] }, token);
  expect(ack.results).toEqual([{ id: 1, status: 'applied' }]);
  type Page = { changes: { id: string }[]; cursor: number; hasMore: boolean };
  const pull = async (cursor: number): Promise<Page> => {
    const query = encodeURIComponent(JSON.stringify({ clientId, cursor, limit: 5000 }));
    const res = await fetch(`${url}/trpc/sync.pull?input=${query}`, { headers: { authorization: `Bearer ${token}`, connection: 'close' } });
    return ((await res.json()) as { result: { data: Page } }).result.data;
  };
  // Every page may come from another worker; the pushed contact is in the last one.
  let page = await pull(0);
  while (page.hasMore) page = await pull(page.cursor);
  expect(page.changes.some((ch) => ch.id === id)).toBe(true);

  process.kill(Number(listening[1][1]), 'SIGKILL');
  await c.waitFor(/worker \d+ exited .*starting a new one[\s\S]*worker \d+ listening/);
  expect((await fetch(`${url}/healthz`, { headers: { connection: 'close' } })).status).toBe(200);

  process.kill(c.child.pid!, 'SIGTERM');
  expect(await c.exited).toBe(0);
  // Every worker that ever listened (the replacement too) is gone.
  for (const m of c.output().matchAll(/worker (\d+) listening/g)) expect(() => process.kill(Number(m[1]), 0)).toThrow();
}, 90_000);
