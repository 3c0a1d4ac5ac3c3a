import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../shared/limits';
import { newId } from '../shared/ids';
import { startServer, type RunningServer } from './index';
import { tempDataDir } from './test-helpers';

let server: RunningServer;
let dataDir: string;
let distDir: string;

function writeDist(dir: string) {
  fs.mkdirSync(path.join(dir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>All Contacts</title>');
  fs.writeFileSync(path.join(dir, 'sw.js'), 'self.x=1');
  fs.writeFileSync(path.join(dir, 'manifest.webmanifest'), '{}');
  fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.css'), 'body{}');
  fs.writeFileSync(path.join(dir, 'icon-192.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
}

async function rpc(pathName: string, opts: { token?: string; body?: unknown; input?: unknown } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const query = opts.input !== undefined ? `?input=${encodeURIComponent(JSON.stringify(opts.input))}` : '';
  const res = await fetch(`${server.url}/trpc/${pathName}${query}`, {
    method: opts.body !== undefined ? 'POST' : 'GET',
    headers,
    body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
  });
  return { status: res.status, json: (await res.json()) as { result?: { data: any }; error?: { message: string } } };
}

beforeAll(async () => {
  dataDir = tempDataDir();
  distDir = tempDataDir('contacts-dist-');
  writeDist(distDir);
  server = await startServer({ port: 0, dataDir, distDir, demo: true, quiet: true });
});
afterAll(() => server.close());

describe('[R1] HTTP server', () => {
  it('[R6] /healthz reports ok and the database status', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, db: 'ok' });
  });

  it('[P3] hashed assets are immutable, shell files are no-cache, content types are right', async () => {
    const cases: [string, string, RegExp][] = [
      ['/assets/index-abc123.js', 'text/javascript; charset=utf-8', /immutable/],
      ['/assets/index-abc123.css', 'text/css; charset=utf-8', /max-age=31536000/],
      ['/index.html', 'text/html; charset=utf-8', /^no-cache$/],
      ['/sw.js', 'text/javascript; charset=utf-8', /^no-cache$/],
      ['/manifest.webmanifest', 'application/manifest+json', /^no-cache$/],
      ['/icon-192.png', 'image/png', /^no-cache$/],
    ];
    for (const [url, type, cache] of cases) {
      const res = await fetch(server.url + url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type'), url).toBe(type);
      expect(res.headers.get('cache-control'), url).toMatch(cache);
    }
  });

  it('[R1] SPA routes fall back to index.html; missing assets, /trpc paths and traversal do not', async () => {
    for (const route of ['/', '/contacts', '/contacts/segment/x', '/settings/fields']) {
      const res = await fetch(server.url + route);
      expect(res.status, route).toBe(200);
      expect(await res.text()).toContain('All Contacts');
      expect(res.headers.get('cache-control')).toBe('no-cache');
    }
    expect((await fetch(`${server.url}/assets/missing-123.js`)).status).toBe(404);
    const trpc = await fetch(`${server.url}/trpc/nope.nothing`);
    expect(trpc.status).toBe(404);
    expect(trpc.headers.get('content-type')).toMatch(/json/);
    expect((await fetch(`${server.url}/..%2f..%2fetc%2fpasswd`)).status).toBe(400);
  });

  it('[R3] a request body over the limit gets 413', async () => {
    const big = 'x'.repeat(LIMITS.requestBodyMaxBytes + 10);
    const res = await fetch(`${server.url}/trpc/sync.push`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
    expect(res.status).toBe(413);
  });

  it('[S3][S4] sign in, push and pull over real HTTP; errors carry clear messages', async () => {
    const signIn = await rpc('auth.demoSignIn', { body: { deviceName: 'http test' } });
    expect(signIn.status).toBe(200);
    const token = signIn.json.result!.data.token as string;
    const clientId = newId();

    expect((await rpc('sync.pull', { input: { clientId, cursor: 0 } })).status).toBe(401);
    const bad = await rpc('sync.pull', { token, input: { clientId, cursor: 'abc', limit: -1 } });
    expect(bad.status).toBe(400);
    expect(bad.json.error!.message).toMatch(/cursor: cursor must be a number/);
    expect(bad.json.error!.message).toMatch(/limit/);

    const first = await rpc('sync.pull', { token, input: { clientId, cursor: 0, limit: 100 } });
    expect(first.status).toBe(200);
    const page = first.json.result!.data;
    expect(page.changes).toHaveLength(100);
    expect(page.hasMore).toBe(true);

    const contact = page.changes.find((c: { kind: string }) => c.kind === 'contact');
    const mutation = { id: 1, clientTime: Date.now(), name: 'contact.patch', args: { id: contact.id, set: { name: 'Renamed over HTTP' } } };
    const pushed = await rpc('sync.push', { token, body: { clientId, mutations: [mutation] } });
    expect(pushed.json.result!.data).toEqual({ results: [{ id: 1, status: 'applied' }], lastMutationId: 1 });
    const replay = await rpc('sync.push', { token, body: { clientId, mutations: [mutation] } });
    expect(replay.json.result!.data).toEqual(pushed.json.result!.data);

    const tail = await rpc('sync.pull', { token, input: { clientId, cursor: page.headSeq } });
    expect(tail.json.result!.data.changes).toMatchObject([{ id: contact.id, data: { name: 'Renamed over HTTP' } }]);
    expect(tail.json.result!.data.lastMutationId).toBe(1);
  });

  it('[R1] restarting on the same data dir keeps the data and does not seed again', async () => {
    const dir = tempDataDir();
    const a = await startServer({ port: 0, dataDir: dir, demo: true, quiet: true });
    const signIn = async (url: string) => {
      const res = await fetch(`${url}/trpc/auth.demoSignIn`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"deviceName":"d"}' });
      return ((await res.json()) as { result: { data: { token: string; workspace: { id: string } } } }).result.data;
    };
    const before = await signIn(a.url);
    await a.close();
    const b = await startServer({ port: 0, dataDir: dir, demo: true, quiet: true });
    const after = await signIn(b.url);
    expect(after.workspace.id).toBe(before.workspace.id);
    // The old token still works after the restart.
    const input = encodeURIComponent(JSON.stringify({ clientId: newId(), cursor: 0, limit: 1 }));
    const res = await fetch(`${b.url}/trpc/sync.pull?input=${input}`, { headers: { authorization: `Bearer ${before.token}` } });
    expect(res.status).toBe(200);
    await b.close();
    expect(b.dataFile).toBe(path.join(dir, 'contacts.sqlite'));
  });
});
