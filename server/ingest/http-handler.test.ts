// The plain HTTP ingest endpoints against the real server (startServer on port 0, real SQLite file).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INGEST_BODY_MAX_BYTES, INGEST_PATHS, type IngestErrorBody } from '../../shared/ingest';
import { newId } from '../../shared/ids';
import type { Contact } from '../../shared/schema';
import { startServer, type RunningServer } from '../index';
import { openSqliteStorage } from '../storage/sqlite';
import { createEmptyWorkspace, tempDataDir } from '../test-helpers';
import { hashIngestKey, newIngestKey } from './key';
import { databaseChecksum } from './test-helpers';

let server: RunningServer;
let dataDir: string;
let key: string;

beforeAll(async () => {
  dataDir = tempDataDir();
  server = await startServer({ port: 0, dataDir, demo: true, quiet: true });
  key = server.ingest!.key;
});
afterAll(() => server.close());

type Reply = { status: number; json: any; headers: Headers };

async function post(path: string, body: unknown, opts: { key?: string | null; raw?: string; method?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...opts.headers };
  const k = opts.key === undefined ? key : opts.key;
  if (k) headers.authorization = `Bearer ${k}`;
  const res = await fetch(server.url + path, {
    method: opts.method ?? 'POST',
    headers,
    body: opts.method === 'GET' ? undefined : (opts.raw ?? JSON.stringify(body)),
  });
  return { status: res.status, json: await res.json(), headers: res.headers };
}

/** A second connection to the server's database file, for reading what the requests did. */
async function withStorage<T>(fn: (s: ReturnType<typeof openSqliteStorage>) => Promise<T>): Promise<T> {
  const storage = openSqliteStorage(dataDir);
  try {
    return await fn(storage);
  } finally {
    await storage.close();
  }
}

describe('[R2] HTTP ingest endpoints', () => {
  it('[R2] POST /api/ingest/contacts creates (201) then matches by email (200)', async () => {
    const created = await post(INGEST_PATHS.contacts, { name: 'Zoë Ångström', email: 'zoe@fjord.se', phone: '+46 70 123 45 67' });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({ contactId: expect.any(String), created: true, updated: false });
    const matched = await post(INGEST_PATHS.contacts, { email: 'ZOE@fjord.se', campaignOptIn: true });
    expect(matched.status).toBe(200);
    expect(matched.json).toEqual({ contactId: created.json.contactId, created: false, updated: true });
  });

  it('[R2] POST /api/ingest/messages adds a conversation (201), appends (200), and the contact shows it', async () => {
    const first = await post(INGEST_PATHS.messages, { contact: { email: 'zoe@fjord.se' }, channel: 'instagram', text: 'Hej!', labels: ['vip'] });
    expect(first.status).toBe(201);
    const next = await post(INGEST_PATHS.messages, { conversationId: first.json.conversationId, text: 'Tack så mycket' });
    expect(next.status).toBe(200);
    const contact = await withStorage((s) =>
      s.transaction(async (tx) => (await tx.getRecord(server.ingest!.workspaceId, 'contact', first.json.contactId))!.data as Contact),
    );
    expect(contact).toMatchObject({ conversationCount: 1, lastMessagePreview: 'Tack så mycket', lastMessageChannel: 'instagram', labels: ['vip'] });
  });

  it('[R2] tRPC ingest over HTTP takes the key in x-ingest-key', async () => {
    const call = (k?: string) =>
      fetch(`${server.url}/trpc/ingest.contactUpsert`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(k ? { 'x-ingest-key': k } : {}) },
        body: JSON.stringify({ email: 'trpc@example.com' }),
      });
    const ok = await call(key);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as any).result.data).toMatchObject({ created: true });
    expect((await call()).status).toBe(401);
  });

  it('[R3] bad input, a bad key, a wrong method or an oversize body are refused clearly and change nothing', async () => {
    const sum = databaseChecksum(server.dataFile);
    const fresh = { email: 'nobody.yet@example.com' };
    const cases: [string, Reply, number, string | null, RegExp][] = [
      ['bad email', await post(INGEST_PATHS.contacts, { email: 'nope' }), 400, 'email', /is not a valid email address/],
      ['wrong type', await post(INGEST_PATHS.contacts, { ...fresh, campaignOptIn: 'yes' }), 400, 'campaignOptIn', /boolean/],
      ['unknown field', await post(INGEST_PATHS.contacts, { ...fresh, nickname: 'x' }), 400, 'nickname', /unknown field/],
      ['bad phone', await post(INGEST_PATHS.contacts, { ...fresh, phone: 'call me' }), 400, 'phone', /invalid characters/],
      ['custom value', await post(INGEST_PATHS.contacts, { ...fresh, customFields: { lifetime_value: 'lots' } }), 400, 'customFields.lifetime_value', /must be a number/],
      ['oversize text', await post(INGEST_PATHS.messages, { contact: fresh, channel: 'email', text: 'x'.repeat(4001) }), 400, 'text', /4000/],
      ['conv field', await post(INGEST_PATHS.messages, { contact: fresh, channel: 'email', text: 'hi', customFields: { csat: 'great' } }), 400, 'customFields.csat', /must be a number/],
      ['no conversation', await post(INGEST_PATHS.messages, { conversationId: newId(), text: 'hi' }), 404, 'conversationId', /not found/],
      ['not JSON', await post(INGEST_PATHS.contacts, null, { raw: '{"email": ' }), 400, null, /not valid JSON/],
      ['no key', await post(INGEST_PATHS.contacts, fresh, { key: null }), 401, null, /ingest key is required/],
      ['wrong key', await post(INGEST_PATHS.contacts, fresh, { key: newIngestKey() }), 401, null, /ingest key is required/],
      ['GET', await post(INGEST_PATHS.contacts, null, { method: 'GET' }), 405, null, /use POST/],
      ['oversize body', await post(INGEST_PATHS.contacts, null, { raw: JSON.stringify({ name: 'x'.repeat(INGEST_BODY_MAX_BYTES) }) }), 413, null, /larger than/],
      ['unknown path', await post('/api/ingest/tickets', fresh), 404, null, /no ingest endpoint/],
    ];
    for (const [name, reply, status, path, message] of cases) {
      expect(reply.status, name).toBe(status);
      const body = reply.json as IngestErrorBody;
      expect(body.error, name).toMatch(message);
      if (path !== null) expect(body.issues, name).toContainEqual({ path, message: expect.stringMatching(message) });
    }
    expect(cases.find(([n]) => n === 'GET')![1].headers.get('allow')).toBe('POST');
    expect(databaseChecksum(server.dataFile)).toBe(sum);
  });

  it('[S9][R2] the key picks the workspace: a key of B never reads or writes A', async () => {
    const a = server.ingest!.workspaceId;
    const { b, keyB, aContact, aConv } = await withStorage(async (s) => {
      const other = await createEmptyWorkspace(s, 'Workspace B');
      const k = newIngestKey();
      await s.setIngestKeyHash(other.id, hashIngestKey(k));
      const { records } = await s.changesSince(a, 0, 5000);
      const contact = records.find((r) => r.kind === 'contact' && (r.data as Contact).email !== '')!.data as Contact;
      const conv = records.find((r) => r.kind === 'conversation')!;
      return { b: other.id, keyB: k, aContact: contact, aConv: conv.id };
    });
    const headA = await withStorage((s) => s.headSeq(a));
    expect((await post(INGEST_PATHS.messages, { contact: { contactId: aContact.id }, channel: 'email', text: 'x' }, { key: keyB })).status).toBe(404);
    expect((await post(INGEST_PATHS.messages, { conversationId: aConv, text: 'x' }, { key: keyB })).status).toBe(404);
    // The same email in B matches nothing there: a new contact of B.
    const upsert = await post(INGEST_PATHS.contacts, { email: aContact.email, name: 'Hijack' }, { key: keyB });
    expect(upsert.status).toBe(201);
    await withStorage(async (s) => {
      expect(await s.headSeq(a)).toBe(headA);
      const { records } = await s.changesSince(b, 0, 10);
      expect(records.map((r) => r.id)).toEqual([upsert.json.contactId]);
    });
  });
});
