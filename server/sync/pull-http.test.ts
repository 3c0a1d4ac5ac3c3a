import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import { createAppServer } from '../http';
import { silentLogger } from '../log';
import type { Storage } from '../storage/types';
import { callerFor, createEmptyWorkspace, issueToken, numbered, openTempStorage, seedWorkspace } from '../test-helpers';
import { pullInput } from './pull-http';

let storage: Storage;
let url: string;
let token: string;
let close: () => Promise<void>;

beforeAll(async () => {
  storage = openTempStorage().storage;
  const w = await seedWorkspace(storage, { contacts: 40 });
  token = await issueToken(storage, w.workspace.id);
  // Tombstones in the log too: a deleted contact (and its conversations) and a deleted segment.
  const caller = await callerFor(storage, token);
  await caller.sync.push({
    clientId: newId(),
    mutations: numbered([
      { name: 'contact.delete', args: { ids: [w.contacts[0].id] } },
      { name: 'segment.delete', args: { id: w.segments[0].id } },
      { name: 'contact.patch', args: { id: w.contacts[1].id, set: { name: 'Zoë "quoted" \\ back' } } },
    ]),
  });
  const server = createAppServer({ storage, log: silentLogger, demo: false });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = async () => {
    await new Promise((resolve) => server.close(resolve));
    await storage.close();
  };
});
afterAll(() => close());

const pullUrl = (input: unknown) => `${url}/trpc/sync.pull?input=${encodeURIComponent(JSON.stringify(input))}`;
const get = (input: unknown, auth: string | null = token) =>
  fetch(pullUrl(input), { headers: auth ? { authorization: `Bearer ${auth}` } : {} });

function serverTiming(res: Response, metric: string): number | null {
  const m = new RegExp(`(?:^|,)\\s*${metric};dur=([0-9.]+)`).exec(res.headers.get('server-timing') ?? '');
  return m ? Number(m[1]) : null;
}

describe('[S4] pull over HTTP (fast path)', () => {
  it('[S4] every page of a full pull equals the tRPC procedure answer for the same input, with its Server-Timing', async () => {
    const caller = await callerFor(storage, token);
    const clientId = newId();
    let cursor = 0;
    let pages = 0;
    for (;;) {
      const input = { clientId, cursor, limit: 37 };
      const res = await get(input);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(res.headers.get('vary')).toBe('trpc-accept, accept');
      // Answered by the fast path: it knows its length up front (tRPC's answers are chunked).
      expect(Number(res.headers.get('content-length'))).toBeGreaterThan(0);
      expect(serverTiming(res, 'pull')).toBeGreaterThanOrEqual(0);
      const body = (await res.json()) as { result: { data: { cursor: number; hasMore: boolean } } };
      expect(body).toEqual({ result: { data: await caller.sync.pull(input) } });
      pages += 1;
      cursor = body.result.data.cursor;
      if (!body.result.data.hasMore) break;
    }
    expect(pages).toBeGreaterThan(3);
    // Past the head: an empty page that keeps the cursor.
    const last = (await (await get({ clientId, cursor, limit: 5 })).json()) as { result: { data: unknown } };
    expect(last.result.data).toEqual(await caller.sync.pull({ clientId, cursor, limit: 5 }));
    expect(last.result.data).toMatchObject({ changes: [], cursor, hasMore: false });
  });

  it('[S4][S9] refusals keep tRPC error answers: bad input, no or unknown token, cursor ahead, clientId of another workspace', async () => {
    const bad = await get({ clientId: newId(), cursor: 0, limit: 0 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/^limit: /);

    expect((await get({ clientId: newId(), cursor: 0, limit: 5 }, null)).status).toBe(401);
    expect((await get({ clientId: newId(), cursor: 0, limit: 5 }, 'x'.repeat(43))).status).toBe(401);

    const ahead = await get({ clientId: newId(), cursor: 1e9, limit: 5 });
    expect(ahead.status).toBe(400);
    expect(((await ahead.json()) as { error: { message: string } }).error.message).toMatch(/ahead of the server/);

    const other = await createEmptyWorkspace(storage);
    const otherClient = newId();
    // The client is registered in the other workspace by its first push there.
    await (await callerFor(storage, await issueToken(storage, other.id))).sync.push({
      clientId: otherClient,
      mutations: numbered([{ name: 'segment.delete', args: { id: newId() } }]),
    });
    const forbidden = await get({ clientId: otherClient, cursor: 0, limit: 5 });
    expect(forbidden.status).toBe(403);
    expect(serverTiming(forbidden, 'pull')).toBeGreaterThanOrEqual(0);
  });

  it('[S4] only a plain tRPC GET query is taken by the fast path', () => {
    expect(pullInput(`/trpc/sync.pull?input=${encodeURIComponent('{"clientId":"c","cursor":0}')}`)).toBeNull();
    const clientId = newId();
    const input = encodeURIComponent(JSON.stringify({ clientId, cursor: 3 }));
    expect(pullInput(`/trpc/sync.pull?input=${input}`)).toEqual({ clientId, cursor: 3, limit: 2000 });
    expect(pullInput(`/trpc/sync.pull?batch=1&input=${input}`)).toBeNull();
    expect(pullInput('/trpc/sync.pull?input=%7B')).toBeNull();
    expect(pullInput('/trpc/sync.pull')).toBeNull();
  });

  it('[S3] a push answer carries its Server-Timing too', async () => {
    const res = await fetch(`${url}/trpc/sync.push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: newId(), mutations: numbered([{ name: 'segment.delete', args: { id: newId() } }]) }),
    });
    expect(res.status).toBe(200);
    expect(serverTiming(res, 'push')).toBeGreaterThanOrEqual(0);
  });
});
