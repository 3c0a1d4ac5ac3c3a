// The real entry point as its own process: start-up message (R6), crash safety of an acknowledged
// push under SIGKILL (R4), graceful SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../shared/ids';
import type { Contact } from '../shared/schema';
import { openSqliteStorage } from './storage/sqlite';
import { tempDataDir } from './test-helpers';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
});

/** Starts `tsx server/index.ts` in its own process group; resolves with its URL once it prints it. */
function startProcess(dataDir: string): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'server/index.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, DIST_DIR: path.join(dataDir, 'no-dist'), DEMO: '1' },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 20_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m && out.includes('click')) {
        clearTimeout(timer);
        resolve({ child, url: m[1], output: () => out });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (c) => resolve(c))));
}

describe('[R1] server process', () => {
  it('[R6][R4] prints URL, data file and sign-in hint; an acknowledged push survives SIGKILL', async () => {
    const dataDir = tempDataDir();
    const { child, url, output } = await startProcess(dataDir);
    expect(output()).toContain(`Data file: ${path.join(dataDir, 'contacts.sqlite')}`);
    expect(output()).toContain(`Open ${url} and click 'Open demo workspace'`);
    // [R2] the demo ingest key, saved beside the database, and how to feed traffic with it.
    expect(output()).toMatch(new RegExp(`Ingest key for "Demo workspace" \\(saved in ${path.join(dataDir, 'ingest-key')}\\): ik_[\\w-]{43}`));
    expect(output()).toContain(`npm run simulate -- --rate 2 --url ${url} --key ik_`);

    const post = (p: string, body: unknown, token?: string) =>
      fetch(`${url}/trpc/${p}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      }).then((r) => r.json() as Promise<{ result: { data: any } }>);
    const { token } = (await post('auth.demoSignIn', { deviceName: 'crash test' })).result.data;
    const clientId = newId();
    const contactId = newId();
    const mutation = {
      id: 1,
      clientTime: Date.now(),
      name: 'contact.create',
      args: { id: contactId, createdAt: Date.now(), name: 'Durable Dora', email: '', phone: '', avatarUrl: '', campaignOptIn: true, customFields: {} },
    };
    const ack = await post('sync.push', { clientId, mutations: [mutation] }, token);
    expect(ack.result.data.results).toEqual([{ id: 1, status: 'applied' }]);
    // The structured log line names the procedure and counts but never the token.
    await new Promise((r) => setTimeout(r, 100));
    expect(output()).toMatch(/"procedure":"sync.push".*"applied":1/);
    expect(output()).not.toContain(token);

    process.kill(-child.pid!, 'SIGKILL');
    await exited(child);
    const storage = openSqliteStorage(dataDir);
    const [workspace] = await storage.listWorkspaces();
    const { records } = await storage.changesSince(workspace.id, 0, 100_000);
    expect((records.find((r) => r.id === contactId)?.data as Contact).name).toBe('Durable Dora');
    expect(await storage.getClient(clientId)).toMatchObject({ lastMutationId: 1 });
    await storage.close();
  }, 40_000);

  it('[R1] shuts down cleanly on SIGTERM', async () => {
    const { child } = await startProcess(tempDataDir());
    process.kill(child.pid!, 'SIGTERM');
    expect(await exited(child)).toBe(0);
  }, 40_000);
});
