// [R5][S4] Two real server processes on one PostgreSQL database. Many clients push at once, each
// push to either process, while ingest requests hit the second process and a device pulls
// continuously (small pages) through a proxy that picks a process per request. A pull scheme that
// could pass over a row committing late with a smaller seq would leave the device missing it
// for good; here, at the end, the device must equal the database.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import type { MutationBody } from '../../shared/mutations';
import { hashToken, newDeviceToken } from '../../server/auth';
import { readIngestKeyFile } from '../../server/ingest/key-file';
import { openPostgresStorage, type PostgresStorage } from '../../server/storage/postgres';
import {
  createTestDatabase,
  startRandomProxy,
  startServerProcesses,
  type RandomProxy,
} from '../../server/storage/postgres-cluster-testing';
import { createSyncApi } from '../trpc';
import { makeDevice, snapshot, type TestServer } from './testing/harness';

const WRITERS = 6;
const ROUNDS = 12;
const MESSAGES = 30;

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let storage: PostgresStorage;
let cluster: Awaited<ReturnType<typeof startServerProcesses>>;
let proxy: RandomProxy;
let workspaceId: string;

// Writers wait for the reader's next completed pull between rounds, so pulls and pushes always
// interleave, however fast or slow the machine is.
let pullWaiters: Array<() => void> = [];
const nextPull = () => new Promise<void>((resolve) => pullWaiters.push(resolve));
function pullDone(): void {
  const waiting = pullWaiters;
  pullWaiters = [];
  for (const resolve of waiting) resolve();
}

beforeAll(async () => {
  db = await createTestDatabase();
  storage = await openPostgresStorage({ connectionString: db.url, max: 4 });
  workspaceId = newId();
  await storage.createWorkspace({ id: workspaceId, name: 'Cluster', createdAt: Date.now() });
  cluster = await startServerProcesses(db.url, 2);
  proxy = await startRandomProxy(cluster.servers.map((s) => s.url));
}, 60_000);

afterAll(async () => {
  await proxy?.close();
  await cluster?.stop();
  await storage?.close();
  await db?.drop();
});

async function writer(w: number): Promise<void> {
  const token = newDeviceToken();
  await storage.createDevice(hashToken(token), { workspaceId, name: `writer ${w}`, createdAt: Date.now() });
  const apis = cluster.servers.map((s) => createSyncApi({ baseUrl: s.url, getToken: () => token }));
  const clientId = newId();
  const mine: string[] = [];
  let next = 1;
  for (let r = 0; r < ROUNDS; r++) {
    const id = newId();
    const bodies: MutationBody[] = [
      {
        name: 'contact.create',
        args: { id, createdAt: Date.now(), name: `W${w} R${r}`, email: '', phone: '', avatarUrl: '', campaignOptIn: false, customFields: {} },
      },
    ];
    if (mine.length > 0) bodies.push({ name: 'contact.patch', args: { id: mine[r % mine.length], set: { name: `W${w} edit ${r}` } } });
    if (r % 5 === 4) bodies.push({ name: 'contact.delete', args: { ids: [mine.shift()!] } });
    mine.push(id);
    const mutations = bodies.map((b) => ({ ...b, id: next++, clientTime: Date.now() }));
    const res = await apis[(w + r) % apis.length].sync.push.mutate({ clientId, mutations: mutations as never });
    expect(res.results.every((x) => x.status === 'applied')).toBe(true);
    await nextPull();
  }
}

async function ingest(i: number, key: string): Promise<void> {
  const res = await fetch(`${cluster.servers[1].url}/api/ingest/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ contact: { email: `caller${i % 10}@example.com`, name: `Caller ${i % 10}` }, channel: 'email', text: `hello ${i}` }),
  });
  expect(res.ok, `ingest answered ${res.status}`).toBe(true);
}

it('[R5][S4] concurrent pushes on two processes and ingest on the second while a device pulls continuously: the device ends equal to the database', async () => {
  const server: TestServer = { url: proxy.url, storage, newWorkspace: async () => workspaceId, close: async () => undefined };
  const device = await makeDevice(server, workspaceId, 'reader');
  const key = readIngestKeyFile(cluster.dataDir);
  expect(key).not.toBeNull();
  let done = false;
  let pulls = 0;
  const reading = (async () => {
    while (!done) {
      await device.pull(7);
      pulls += 1;
      pullDone();
    }
  })();
  try {
    await Promise.all([
      ...Array.from({ length: WRITERS }, (_, w) => writer(w)),
      (async () => {
        for (let i = 0; i < MESSAGES; i++) await ingest(i, key!);
      })(),
    ]);
  } finally {
    done = true;
    await reading;
    pullDone();
  }
  await device.pull(7);
  expect(pulls).toBeGreaterThanOrEqual(ROUNDS);

  const { records } = await storage.changesSince(workspaceId, 0, 1_000_000);
  const live = (kind: string) =>
    records
      .filter((r) => r.kind === kind && !r.deleted)
      .map((r) => r.data as { id: string })
      .sort((a, b) => a.id.localeCompare(b.id));
  const seen = await snapshot(device.db);
  expect(seen.contacts.length).toBe(WRITERS * ROUNDS - WRITERS * Math.floor(ROUNDS / 5) + 10);
  expect(seen.contacts).toEqual(live('contact'));
  expect(seen.conversations).toEqual(live('conversation'));
  expect(seen.conversations.length).toBe(MESSAGES);
  expect(proxy.hits.every((n) => n > 0)).toBe(true);
  await device.close();
}, 120_000);
