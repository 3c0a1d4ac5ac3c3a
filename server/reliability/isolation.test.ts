// Isolation and auth (S9) against the real server process: two workspaces; a device token or an
// ingest key of A can neither read nor write B; missing, forged and revoked credentials are
// refused; body and batch limits; a per-token push rate limit (429 + Retry-After) that the client
// sync engine treats as an ordinary, retryable failure; and no credential ever reaches the logs.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBadRequest, isUnauthorized } from '../../client/sync/transport';
import { createSyncApi } from '../../client/trpc';
import { INGEST_PATHS } from '../../shared/ingest';
import { newId } from '../../shared/ids';
import { LIMITS } from '../../shared/limits';
import type { MutationBody } from '../../shared/mutations';
import { hashToken, newDeviceToken } from '../auth';
import { hashIngestKey, newIngestKey } from '../ingest/key';
import { INGEST_KEY_FILE } from '../ingest/key-file';
import { generateWorkspace, type GeneratedWorkspace } from '../seed/generate';
import { writeWorkspace } from '../seed/seed';
import { DB_FILE_NAME, openSqliteStorage } from '../storage/sqlite';
import { issueToken, seedWorkspace, tempDataDir, TEST_NOW } from '../test-helpers';
import { queryRows } from './db-snapshot';
import { startServerProcess, trpcCall, type ServerProcess } from './server-process';

const DAY = 86_400_000;
// A slow refill (one push per 2 s) so a loaded CI machine cannot refill the bucket mid-burst.
const RATE = { perSecond: 0.5, burst: 10 };

let server: ServerProcess;
let dbFile: string;
let a: GeneratedWorkspace;
let b: GeneratedWorkspace;
let tokenA: string;
let tokenB: string;
let ingestKeyA: string;
let ingestKeyB: string;
/** Every credential this test used; none may appear in the server's output. */
const secrets: string[] = [];
let mutationId = 1;

beforeAll(async () => {
  const dataDir = tempDataDir('contacts-isolation-');
  dbFile = path.join(dataDir, DB_FILE_NAME);
  const storage = openSqliteStorage(dataDir);
  a = await seedWorkspace(storage, { contacts: 30, seed: 7 });
  // The second workspace is made with the storage API, as an operator would.
  b = generateWorkspace({ contacts: 10, seed: 99, now: TEST_NOW + DAY });
  await writeWorkspace(storage, b);
  tokenA = await issueToken(storage, a.workspace.id);
  tokenB = await issueToken(storage, b.workspace.id);
  ingestKeyB = newIngestKey();
  await storage.setIngestKeyHash(b.workspace.id, hashIngestKey(ingestKeyB));
  await storage.close();
  server = await startServerProcess(dataDir, { PUSH_RATE_PER_SEC: String(RATE.perSecond), PUSH_RATE_BURST: String(RATE.burst) });
  // The first workspace's ingest key is made at start-up and saved beside the database.
  ingestKeyA = fs.readFileSync(path.join(dataDir, INGEST_KEY_FILE), 'utf8').trim();
  secrets.push(tokenA, tokenB, ingestKeyB);
}, 60_000);
afterAll(() => server?.kill());

const idsOf = (w: GeneratedWorkspace) => new Set([...w.fields, ...w.segments, ...w.contacts, ...w.conversations].map((r) => r.id));
const recordsOf = (workspaceId: string) =>
  queryRows(dbFile, 'SELECT kind, id, seq, deleted, contact_id, data FROM records WHERE workspace_id = ? ORDER BY seq', workspaceId);
const seqOf = (workspaceId: string) => queryRows(dbFile, 'SELECT seq FROM workspace_seq WHERE workspace_id = ?', workspaceId);

function push(token: string, clientId: string, bodies: MutationBody[]) {
  const mutations = bodies.map((m) => ({ ...m, id: mutationId++, clientTime: TEST_NOW }));
  return trpcCall(server.url, 'sync.push', { token, body: { clientId, mutations } });
}

async function pullAll(token: string): Promise<string[]> {
  const clientId = newId();
  const ids: string[] = [];
  for (let cursor = 0; ; ) {
    const res = await trpcCall(server.url, 'sync.pull', { token, input: { clientId, cursor, limit: LIMITS.pullPageMax } });
    expect(res.status).toBe(200);
    const page = res.json.result!.data;
    ids.push(...page.changes.map((c: { id: string }) => c.id));
    cursor = page.cursor;
    if (!page.hasMore) return ids;
  }
}

function ingestHttp(to: keyof typeof INGEST_PATHS, body: unknown, key: string) {
  return fetch(`${server.url}${INGEST_PATHS[to]}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('[S9] workspace isolation (real server process)', () => {
  it("[S9] a pull with A's token returns A's records only, and B's token only B's", async () => {
    const pulledA = await pullAll(tokenA);
    expect(new Set(pulledA)).toEqual(idsOf(a));
    const pulledB = await pullAll(tokenB);
    expect(new Set(pulledB)).toEqual(idsOf(b));
  });

  it("[S9] a push with B's record ids from A is rejected per mutation and leaves B untouched", async () => {
    const before = { records: recordsOf(b.workspace.id), seq: seqOf(b.workspace.id) };
    const [bc, bc2] = b.contacts;
    const res = await push(tokenA, newId(), [
      { name: 'contact.patch', args: { id: bc.id, set: { name: 'Hijacked' } } },
      { name: 'contact.patch', args: { id: bc.id, customFields: { company: 'Evil' } } },
      { name: 'contact.delete', args: { ids: [bc2.id] } },
      { name: 'contact.create', args: { id: b.conversations[0].id, createdAt: TEST_NOW, name: 'Twin', email: '', phone: '', avatarUrl: '', campaignOptIn: false, customFields: {} } },
      { name: 'field.patch', args: { id: b.fields[0].id, label: 'Mine now' } },
      { name: 'field.delete', args: { id: b.fields[1].id } },
      { name: 'segment.patch', args: { id: b.segments[0].id, name: 'Mine now' } },
      { name: 'segment.delete', args: { id: b.segments[1].id } },
    ]);
    expect(res.status).toBe(200);
    const results = res.json.result!.data.results as { status: string; reason: string }[];
    expect(results.map((r) => r.status)).toEqual(Array(8).fill('rejected'));
    for (const r of results) expect(r.reason).toMatch(/belongs to another workspace/);
    expect({ records: recordsOf(b.workspace.id), seq: seqOf(b.workspace.id) }).toEqual(before);
  });

  it("[S9] ingest with A's key cannot reach B's contacts or conversations (and B's key cannot reach A's)", async () => {
    const before = { records: recordsOf(b.workspace.id), seq: seqOf(b.workspace.id) };
    const toConversation = await ingestHttp('messages', { conversationId: b.conversations[0].id, text: 'hello' }, ingestKeyA);
    expect(toConversation.status).toBe(404);
    expect(await toConversation.json()).toMatchObject({ issues: [{ path: 'conversationId', message: 'conversation not found' }] });
    const toContact = await ingestHttp('messages', { contact: { contactId: b.contacts[0].id }, channel: 'email', text: 'hi' }, ingestKeyA);
    expect(toContact.status).toBe(404);
    // Matching by email only ever looks inside the key's own workspace: a new contact in A.
    const bEmail = b.contacts.find((c) => c.email)!.email;
    const upsert = await ingestHttp('contacts', { email: bEmail, name: 'Lookalike' }, ingestKeyA);
    expect(upsert.status).toBe(201);
    const made = (await upsert.json()) as { contactId: string; created: boolean };
    expect(made.created).toBe(true);
    expect(queryRows(dbFile, 'SELECT workspace_id FROM records WHERE id = ?', made.contactId)).toEqual([{ workspace_id: a.workspace.id }]);
    expect({ records: recordsOf(b.workspace.id), seq: seqOf(b.workspace.id) }).toEqual(before);
    // The other way round over tRPC.
    const reverse = await trpcCall(server.url, 'ingest.messageAdd', {
      body: { conversationId: a.conversations[0].id, text: 'hi' },
      headers: { 'x-ingest-key': ingestKeyB },
    });
    expect(reverse.status).toBe(404);
  });
});

describe('[S9] credentials', () => {
  it('[S9] missing, forged, malformed and revoked device tokens are refused; ingest keys and device tokens are not interchangeable', async () => {
    const signIn = await trpcCall(server.url, 'auth.demoSignIn', { body: { deviceName: 'soon revoked' } });
    const revoked = signIn.json.result!.data.token as string;
    const forged = newDeviceToken();
    secrets.push(revoked, forged);
    const input = { clientId: newId(), cursor: 0, limit: 1 };
    expect((await trpcCall(server.url, 'sync.pull', { token: revoked, input })).status).toBe(200);
    expect((await trpcCall(server.url, 'auth.signOut', { token: revoked, body: {} })).status).toBe(200);

    const refused = [
      await trpcCall(server.url, 'sync.pull', { input }),
      await trpcCall(server.url, 'sync.pull', { token: forged, input }),
      await trpcCall(server.url, 'sync.pull', { token: revoked, input }),
      await trpcCall(server.url, 'sync.pull', { input, headers: { authorization: `Token ${tokenA}` } }),
      await trpcCall(server.url, 'sync.pull', { token: `${tokenA.slice(0, -1)}${tokenA.endsWith('A') ? 'B' : 'A'}`, input }),
      await trpcCall(server.url, 'sync.pull', { token: ingestKeyA, input }),
      await trpcCall(server.url, 'sync.push', { token: revoked, body: { clientId: newId(), mutations: [{ id: 1, clientTime: TEST_NOW, name: 'segment.delete', args: { id: a.segments[0].id } }] } }),
      await trpcCall(server.url, 'auth.signOut', { token: revoked, body: {} }),
    ];
    for (const res of refused) {
      expect(res.status).toBe(401);
      expect(res.json.error!.data?.code).toBe('UNAUTHORIZED');
    }
    // A forged ingest key, and a device token used as an ingest key, on either transport.
    const forgedKey = newIngestKey();
    secrets.push(forgedKey);
    expect((await ingestHttp('contacts', { email: 'x@example.com' }, forgedKey)).status).toBe(401);
    expect((await ingestHttp('contacts', { email: 'x@example.com' }, tokenA)).status).toBe(401);
    expect((await trpcCall(server.url, 'ingest.contactUpsert', { body: { email: 'x@example.com' }, headers: { 'x-ingest-key': tokenA } })).status).toBe(401);
    // The revoked segment.delete did not happen.
    expect(queryRows(dbFile, 'SELECT deleted FROM records WHERE id = ?', a.segments[0].id)).toEqual([{ deleted: 0 }]);
  });

  it('[S9][R3] request body and batch size limits', async () => {
    const big = await fetch(`${server.url}/trpc/sync.push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenB}` },
      body: 'x'.repeat(LIMITS.requestBodyMaxBytes + 1),
    });
    expect(big.status).toBe(413);
    const tooMany = Array.from({ length: LIMITS.pushBatchMax + 1 }, (_, i) => ({ id: i + 1, clientTime: TEST_NOW, name: 'segment.delete', args: { id: newId() } }));
    const batch = await trpcCall(server.url, 'sync.push', { token: tokenB, body: { clientId: newId(), mutations: tooMany } });
    expect(batch.status).toBe(400);
    expect(batch.json.error!.message).toMatch(/mutations: Too big/);
    const ingest = await ingestHttp('contacts', JSON.stringify({ name: 'x'.repeat(300 * 1024) }), ingestKeyA);
    expect(ingest.status).toBe(413);
  });
});

describe('[S9] per-token push rate limit', () => {
  it('[S9] over the burst a token gets 429 TOO_MANY_REQUESTS with a retry hint; others are unaffected; nothing refused is recorded', async () => {
    const token = (await trpcCall(server.url, 'auth.demoSignIn', { body: { deviceName: 'eager device' } })).json.result!.data.token as string;
    secrets.push(token);
    const clientId = newId();
    const statuses: number[] = [];
    const acked: number[] = [];
    let limited: Awaited<ReturnType<typeof trpcCall>> | null = null;
    for (let i = 0; i < RATE.burst + 5; i++) {
      const id = mutationId;
      const res = await push(token, clientId, [{ name: 'segment.patch', args: { id: a.segments[2].id, name: `Burst ${i}` } }]);
      statuses.push(res.status);
      if (res.status === 200) acked.push(id);
      else limited ??= res;
    }
    expect(statuses.slice(0, RATE.burst)).toEqual(Array(RATE.burst).fill(200));
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(3);
    expect(limited!.json.error!.data?.code).toBe('TOO_MANY_REQUESTS');
    expect(limited!.json.error!.message).toMatch(/too many pushes from this device: retry in \d+ ms/);
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Refused pushes were never applied nor recorded.
    const logged = queryRows<{ mutation_id: number }>(dbFile, 'SELECT mutation_id FROM applied_mutations WHERE client_id = ? ORDER BY mutation_id', clientId);
    expect(logged.map((r) => r.mutation_id)).toEqual(acked);

    // Another device, and this device's pulls, are still served at once.
    expect((await push(tokenB, newId(), [{ name: 'segment.patch', args: { id: b.segments[2].id, name: 'Calm' } }])).status).toBe(200);
    expect((await trpcCall(server.url, 'sync.pull', { token, input: { clientId, cursor: 0, limit: 1 } })).status).toBe(200);

    // The client's sync engine sees an ordinary failure: not "signed out", not "bad request", so it
    // backs off and retries (client/sync/loop.ts).
    const api = createSyncApi({ baseUrl: server.url, getToken: () => token });
    const error = await api.sync.push
      .mutate({ clientId, mutations: [{ id: mutationId++, clientTime: TEST_NOW, name: 'segment.patch', args: { id: a.segments[2].id, name: 'x' } }] })
      .then(() => null, (e: unknown) => e);
    expect((error as { data?: { httpStatus?: number } } | null)?.data?.httpStatus).toBe(429);
    expect(isUnauthorized(error)).toBe(false);
    expect(isBadRequest(error)).toBe(false);

    // After the hinted wait the device may push again.
    await new Promise((r) => setTimeout(r, 1000 / RATE.perSecond + 50));
    expect((await push(token, clientId, [{ name: 'segment.patch', args: { id: a.segments[2].id, name: 'Later' } }])).status).toBe(200);
  });
});

describe('[S9] logs', () => {
  it('[S9] no device token, token hash or ingest key is ever logged (the first ingest key only in the start-up lines)', async () => {
    await new Promise((r) => setTimeout(r, 200)); // let the last log lines arrive
    const output = server.output();
    // The requests above were logged (so this is not vacuous) ...
    expect(output).toMatch(/"procedure":"sync.push"/);
    expect(output).toMatch(/"event":"ingest.refused"/);
    expect(output).toMatch(/"event":"auth.demoSignIn"/);
    // ... without any credential.
    expect(secrets.length).toBeGreaterThanOrEqual(7);
    for (const secret of secrets) {
      expect(output.includes(secret), 'a credential was logged').toBe(false);
      expect(output.includes(hashToken(secret)), 'a credential hash was logged').toBe(false);
    }
    const withKey = output.split('\n').filter((line) => line.includes(ingestKeyA));
    expect(withKey.length).toBeGreaterThan(0);
    for (const line of withKey) expect(line).toMatch(/^(Ingest key for |Feed it traffic with: )/);
  });
});
