// Bad input catalogue (R3): every procedure and endpoint, fed wrong types, missing/unknown fields,
// oversize values and batches, invalid enums, invalid typed custom values, ids of another workspace,
// impossible cursors and limits, malformed JSON and huge bodies, over real HTTP. Each case must get
// a clear typed error naming the field and leave the database unchanged, table by table; a bad
// mutation inside a valid push is 'rejected' on its own and only its mutation-log row is written.
// After every case another client is served normally.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { INGEST_PATHS } from '../../shared/ingest';
import { newId } from '../../shared/ids';
import { LIMITS } from '../../shared/limits';
import type { MutationBody } from '../../shared/mutations';
import { hashToken } from '../auth';
import { startServer, type RunningServer } from '../index';
import { generateWorkspace, type GeneratedWorkspace } from '../seed/generate';
import { writeWorkspace } from '../seed/seed';
import { DB_FILE_NAME, openSqliteStorage } from '../storage/sqlite';
import { issueToken, seedWorkspace, tempDataDir, TEST_NOW } from '../test-helpers';
import { changedTables, queryRows, snapshotDb } from './db-snapshot';
import { trpcCall } from './server-process';

const DAY = 86_400_000;

let server: RunningServer;
let dbFile: string;
let a: GeneratedWorkspace;
let b: GeneratedWorkspace;
let tokenA: string;
let tokenB: string;
let tokenOther: string;
let revokedToken: string;
let ingestKeyA: string;
let clientA: string;
let clientB: string;
const otherClient = newId();
let nextMutationId = 1;

beforeAll(async () => {
  const dataDir = tempDataDir('contacts-bad-input-');
  dbFile = path.join(dataDir, DB_FILE_NAME);
  const storage = openSqliteStorage(dataDir);
  a = await seedWorkspace(storage, { contacts: 40, seed: 7 });
  b = generateWorkspace({ contacts: 10, seed: 99, now: TEST_NOW + DAY });
  await writeWorkspace(storage, b);
  tokenB = await issueToken(storage, b.workspace.id);
  revokedToken = await issueToken(storage, a.workspace.id);
  await storage.revokeDevice(hashToken(revokedToken), TEST_NOW);
  await storage.close();
  // The rate limit has its own test (isolation.test.ts); here every push must reach validation.
  server = await startServer({ port: 0, dataDir, demo: true, quiet: true, pushRate: { perSecond: 1000, burst: 1000 } });
  ingestKeyA = server.ingest!.key;
  tokenA = (await trpcCall(server.url, 'auth.demoSignIn', { body: { deviceName: 'bad input A' } })).json.result!.data.token;
  tokenOther = (await trpcCall(server.url, 'auth.demoSignIn', { body: { deviceName: 'bystander' } })).json.result!.data.token;
  // Register one client in each workspace, and touch every device once so that no later request
  // in this (short) test has a reason to write devices.last_seen_at.
  clientA = newId();
  clientB = newId();
  const segA = a.segments[0].id;
  const okA = await push(tokenA, clientA, [{ name: 'segment.patch', args: { id: segA, name: 'Renamed once' } }]);
  expect(okA.json.result!.data.results).toEqual([{ id: 1, status: 'applied' }]);
  const okB = await push(tokenB, clientB, [{ name: 'segment.patch', args: { id: b.segments[0].id, name: 'B' } }]);
  expect(okB.status).toBe(200);
  expect((await pullOther()).status).toBe(200);
  expect(await workspaceOfToken(tokenA)).toBe(a.workspace.id);
}, 60_000);
afterAll(() => server.close());

async function workspaceOfToken(token: string): Promise<string> {
  return queryRows<{ workspace_id: string }>(dbFile, 'SELECT workspace_id FROM devices WHERE token_hash = ?', hashToken(token))[0].workspace_id;
}

function push(token: string, clientId: string, bodies: MutationBody[]) {
  const mutations = bodies.map((m) => ({ ...m, id: nextMutationId++, clientTime: TEST_NOW }));
  return trpcCall(server.url, 'sync.push', { token, body: { clientId, mutations } });
}

function pullOther() {
  return trpcCall(server.url, 'sync.pull', { token: tokenOther, input: { clientId: otherClient, cursor: 0, limit: 1 } });
}

type Reply = { status: number; message: string; rejectedId?: number };

async function viaTrpc(procedure: string, opts: Parameters<typeof trpcCall>[2]): Promise<Reply> {
  const res = await trpcCall(server.url, procedure, opts);
  return { status: res.status, message: res.json.error?.message ?? res.json.raw ?? JSON.stringify(res.json) };
}

async function raw(method: string, url: string, init: { headers?: Record<string, string>; body?: BodyInit } = {}): Promise<Reply> {
  const res = await fetch(`${server.url}${url}`, { method, headers: init.headers, body: init.body, duplex: 'half' } as RequestInit);
  const text = await res.text();
  try {
    const json = JSON.parse(text) as { error?: string | { message: string } };
    return { status: res.status, message: typeof json.error === 'string' ? json.error : (json.error?.message ?? text) };
  } catch {
    return { status: res.status, message: text };
  }
}

/** One mutation in an otherwise valid push by client A: must come back 'rejected'. */
async function pushOne(body: unknown): Promise<Reply> {
  const id = nextMutationId++;
  const res = await trpcCall(server.url, 'sync.push', {
    token: tokenA,
    body: { clientId: clientA, mutations: [{ id, clientTime: TEST_NOW, ...(body as object) }] },
  });
  const result = res.json.result?.data.results?.[0];
  if (res.status !== 200 || result?.status !== 'rejected') return { status: res.status, message: `not rejected: ${JSON.stringify(res.json)}` };
  return { status: res.status, message: result.reason, rejectedId: id };
}

function pushEnvelope(body: unknown, token = tokenA): Promise<Reply> {
  return viaTrpc('sync.push', { token, body });
}
function pull(input: unknown, token = tokenA): Promise<Reply> {
  return viaTrpc('sync.pull', { token, input });
}
function ingestTrpc(procedure: 'contactUpsert' | 'messageAdd', body: unknown, key: string | null = ingestKeyA): Promise<Reply> {
  return viaTrpc(`ingest.${procedure}`, { body, headers: key === null ? {} : { 'x-ingest-key': key } });
}
function ingestHttp(to: keyof typeof INGEST_PATHS, body: string, key: string | null = ingestKeyA, method = 'POST'): Promise<Reply> {
  return raw(method, INGEST_PATHS[to], {
    headers: { 'content-type': 'application/json', ...(key === null ? {} : { authorization: `Bearer ${key}` }) },
    body: method === 'GET' ? undefined : body,
  });
}

const contactA = () => a.contacts[0];
const patchCf = (customFields: Record<string, unknown>) => ({ name: 'contact.patch', args: { id: contactA().id, customFields } });
const patchSet = (set: Record<string, unknown>) => ({ name: 'contact.patch', args: { id: contactA().id, set } });
const newContact = (over: Record<string, unknown> = {}) => ({
  id: newId(),
  createdAt: TEST_NOW,
  name: 'New',
  email: '',
  phone: '',
  avatarUrl: '',
  campaignOptIn: false,
  customFields: {},
  ...over,
});
const mutations = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: i + 1, clientTime: TEST_NOW, name: 'segment.delete', args: { id: newId() } }));
/** A chunked body (no Content-Length) that grows past the limit while it is read. */
function chunkedBody(bytes: number): ReadableStream<Uint8Array> {
  const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
}

type Case = [name: string, call: () => Promise<Reply>, status: number, message: RegExp];

// Requests refused as a whole: 4xx, and not one byte of the database changes.
const REFUSED: Case[] = [
  // auth.demoSignIn
  ['demoSignIn: missing deviceName', () => viaTrpc('auth.demoSignIn', { body: {} }), 400, /deviceName/],
  ['demoSignIn: deviceName of the wrong type', () => viaTrpc('auth.demoSignIn', { body: { deviceName: 42 } }), 400, /deviceName/],
  ['demoSignIn: oversize deviceName', () => viaTrpc('auth.demoSignIn', { body: { deviceName: 'd'.repeat(121) } }), 400, /deviceName/],
  ['demoSignIn: blank deviceName', () => viaTrpc('auth.demoSignIn', { body: { deviceName: '   ' } }), 400, /deviceName/],
  ['demoSignIn: unknown field', () => viaTrpc('auth.demoSignIn', { body: { deviceName: 'x', admin: true } }), 400, /admin/],
  ['demoSignIn: an array instead of an object', () => viaTrpc('auth.demoSignIn', { body: ['x'] }), 400, /object/],
  ['demoSignIn: malformed JSON', () => raw('POST', '/trpc/auth.demoSignIn', { headers: { 'content-type': 'application/json' }, body: '{"deviceName":' }), 400, /JSON|parse|Unexpected/i],
  // auth.signOut
  ['signOut: no token', () => viaTrpc('auth.signOut', { body: {} }), 401, /device token/],
  ['signOut: forged token', () => viaTrpc('auth.signOut', { body: {}, token: 'A'.repeat(43) }), 401, /device token/],
  ['signOut: revoked token', () => viaTrpc('auth.signOut', { body: {}, token: revokedToken }), 401, /device token/],
  ['signOut: not a Bearer header', () => viaTrpc('auth.signOut', { body: {}, headers: { authorization: `Basic ${tokenA}` } }), 401, /device token/],
  ['signOut: an ingest key is not a device token', () => viaTrpc('auth.signOut', { body: {}, token: ingestKeyA }), 401, /device token/],
  // sync.pull
  ['pull: cursor of the wrong type', () => pull({ clientId: clientA, cursor: 'abc' }), 400, /cursor: cursor must be a number/],
  ['pull: negative cursor', () => pull({ clientId: clientA, cursor: -1 }), 400, /cursor: Too small: expected number to be >=0/],
  ['pull: fractional cursor', () => pull({ clientId: clientA, cursor: 2.5 }), 400, /cursor: .*int/],
  ['pull: cursor beyond a safe integer', () => pull({ clientId: clientA, cursor: 2 ** 60 }), 400, /cursor: Too big/],
  ['pull: cursor past the head', () => pull({ clientId: clientA, cursor: 10_000_000 }), 400, /cursor: 10000000 is ahead of the server/],
  ['pull: limit 0', () => pull({ clientId: clientA, cursor: 0, limit: 0 }), 400, /limit/],
  ['pull: negative limit', () => pull({ clientId: clientA, cursor: 0, limit: -5 }), 400, /limit/],
  ['pull: huge limit', () => pull({ clientId: clientA, cursor: 0, limit: 1e9 }), 400, /limit/],
  ['pull: fractional limit', () => pull({ clientId: clientA, cursor: 0, limit: 1.5 }), 400, /limit/],
  ['pull: clientId not a UUID', () => pull({ clientId: 'me', cursor: 0 }), 400, /clientId/],
  ['pull: missing clientId', () => pull({ cursor: 0 }), 400, /clientId/],
  ['pull: unknown field', () => pull({ clientId: clientA, cursor: 0, since: 5 }), 400, /since/],
  ["pull: another workspace's clientId", () => pull({ clientId: clientB, cursor: 0 }), 403, /clientId belongs to another workspace/],
  ['pull: malformed JSON input', () => raw('GET', `/trpc/sync.pull?input=${encodeURIComponent('{"clientId":')}`, { headers: { authorization: `Bearer ${tokenA}` } }), 400, /JSON|parse|Unexpected/i],
  ['pull: no token', () => pull({ clientId: clientA, cursor: 0 }, ''), 401, /device token/],
  // sync.push envelope
  ['push: empty mutation list', () => pushEnvelope({ clientId: clientA, mutations: [] }), 400, /mutations/],
  ['push: oversize batch', () => pushEnvelope({ clientId: clientA, mutations: mutations(LIMITS.pushBatchMax + 1) }), 400, /mutations/],
  ['push: mutations not a list', () => pushEnvelope({ clientId: clientA, mutations: { id: 1 } }), 400, /mutations/],
  ['push: clientId of the wrong type', () => pushEnvelope({ clientId: 7, mutations: mutations(1) }), 400, /clientId/],
  ['push: unknown top-level field', () => pushEnvelope({ clientId: clientA, mutations: mutations(1), force: true }), 400, /force/],
  ['push: fractional mutation id', () => pushEnvelope({ clientId: clientA, mutations: [{ ...mutations(1)[0], id: 1.5 }] }), 400, /mutations\.0\.id/],
  ['push: negative mutation id', () => pushEnvelope({ clientId: clientA, mutations: [{ ...mutations(1)[0], id: -3 }] }), 400, /mutations\.0\.id/],
  ["push: another workspace's clientId", () => pushEnvelope({ clientId: clientB, mutations: mutations(1) }), 403, /clientId belongs to another workspace/],
  ['push: revoked token', () => pushEnvelope({ clientId: clientA, mutations: mutations(1) }, revokedToken), 401, /device token/],
  ['push: malformed JSON', () => raw('POST', '/trpc/sync.push', { headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenA}` }, body: '{"clientId": "x", "mutations": [' }), 400, /JSON|parse|Unexpected/i],
  ['push: huge body (Content-Length)', () => raw('POST', '/trpc/sync.push', { headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenA}` }, body: 'x'.repeat(LIMITS.requestBodyMaxBytes + 1) }), 413, /larger than/],
  ['push: huge chunked body', () => raw('POST', '/trpc/sync.push', { headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenA}` }, body: chunkedBody(LIMITS.requestBodyMaxBytes + 128 * 1024) }), 413, /large|size/i],
  // ingest over tRPC
  ['ingest.contactUpsert: no ingest key', () => ingestTrpc('contactUpsert', { email: 'x@example.com' }, null), 401, /x-ingest-key/],
  ['ingest.contactUpsert: a device token is not an ingest key', () => ingestTrpc('contactUpsert', { email: 'x@example.com' }, tokenA), 401, /ingest key/],
  ['ingest.contactUpsert: invalid email', () => ingestTrpc('contactUpsert', { email: 'not-an-email' }), 400, /email/],
  ['ingest.contactUpsert: invalid phone', () => ingestTrpc('contactUpsert', { phone: '12' }), 400, /phone/],
  ['ingest.contactUpsert: javascript: avatar URL', () => ingestTrpc('contactUpsert', { name: 'X', avatarUrl: 'javascript:alert(1)' }), 400, /avatarUrl/],
  ['ingest.contactUpsert: unknown field', () => ingestTrpc('contactUpsert', { email: 'x@example.com', role: 'admin' }), 400, /role/],
  ['ingest.contactUpsert: oversize name', () => ingestTrpc('contactUpsert', { name: 'n'.repeat(LIMITS.nameMax + 1) }), 400, /name/],
  ['ingest.contactUpsert: multiselect value outside the options', () => ingestTrpc('contactUpsert', { email: 'x@example.com', customFields: { interests: ['time travel'] } }), 400, /customFields\.interests/],
  ['ingest.contactUpsert: number field given text', () => ingestTrpc('contactUpsert', { email: 'x@example.com', customFields: { lifetime_value: 'lots' } }), 400, /customFields\.lifetime_value/],
  ['ingest.contactUpsert: no identity at all', () => ingestTrpc('contactUpsert', { campaignOptIn: true }), 400, /email, phone or name/],
  ['ingest.messageAdd: empty text', () => ingestTrpc('messageAdd', { contact: { email: 'x@example.com' }, channel: 'email', text: '  ' }), 400, /text/],
  ['ingest.messageAdd: missing channel for a new conversation', () => ingestTrpc('messageAdd', { contact: { email: 'x@example.com' }, text: 'hi' }), 400, /channel/],
  ['ingest.messageAdd: negative timestamp', () => ingestTrpc('messageAdd', { contact: { email: 'x@example.com' }, channel: 'email', text: 'hi', at: -1 }), 400, /at/],
  ['ingest.messageAdd: too many labels', () => ingestTrpc('messageAdd', { contact: { email: 'x@example.com' }, channel: 'email', text: 'hi', labels: Array.from({ length: 21 }, (_, i) => `l${i}`) }), 400, /labels/],
  ["ingest.messageAdd: another workspace's conversation", () => ingestTrpc('messageAdd', { conversationId: b.conversations[0].id, text: 'hi' }), 404, /conversationId: conversation not found/],
  ["ingest.messageAdd: another workspace's contact", () => ingestTrpc('messageAdd', { contact: { contactId: b.contacts[0].id }, channel: 'email', text: 'hi' }), 404, /contact\.contactId: contact not found/],
  ['ingest.messageAdd: conversation field outside the options', () => ingestTrpc('messageAdd', { contact: { email: 'x@example.com' }, channel: 'email', text: 'hi', customFields: { priority: 'whenever' } }), 400, /customFields\.priority/],
  // ingest over plain HTTP
  ['POST /api/ingest/contacts: malformed JSON', () => ingestHttp('contacts', '{"email":'), 400, /not valid JSON/],
  ['POST /api/ingest/contacts: no key', () => ingestHttp('contacts', '{"email":"x@example.com"}', null), 401, /ingest key/],
  ['POST /api/ingest/contacts: huge body', () => ingestHttp('contacts', JSON.stringify({ name: 'x'.repeat(300 * 1024) })), 413, /larger than/],
  ['POST /api/ingest/contacts: date field not a real date', () => ingestHttp('contacts', JSON.stringify({ email: 'x@example.com', customFields: { renewal_date: '2025-02-30' } })), 400, /customFields\.renewal_date/],
  ['POST /api/ingest/messages: wrong type for text', () => ingestHttp('messages', JSON.stringify({ contact: { email: 'x@example.com' }, channel: 'email', text: 5 })), 400, /text/],
  ['GET /api/ingest/contacts: wrong method', () => ingestHttp('contacts', '', ingestKeyA, 'GET'), 405, /POST/],
  ['POST /api/ingest/nothing: unknown endpoint', () => raw('POST', '/api/ingest/nothing', { headers: { authorization: `Bearer ${ingestKeyA}` }, body: '{}' }), 404, /no ingest endpoint/],
  // raw /trpc
  ['/trpc: unknown procedure', () => raw('POST', '/trpc/admin.dropAll', { headers: { 'content-type': 'application/json' }, body: '{}' }), 404, /admin\.dropAll/],
  ['/trpc: a mutation over GET', () => raw('GET', `/trpc/sync.push?input=${encodeURIComponent('{}')}`, { headers: { authorization: `Bearer ${tokenA}` } }), 405, /sync\.push|method|GET/i],
  ['/trpc: a batch call with a bad member', () => raw('GET', `/trpc/sync.pull,sync.pull?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { clientId: clientA, cursor: -1 }, 1: { clientId: clientA, cursor: -1 } }))}`, { headers: { authorization: `Bearer ${tokenA}` } }), 400, /cursor/],
];

// One bad mutation in a valid push: answered 'rejected' naming the field; only its log row is new.
const REJECTED: Case[] = [
  ['mutation: unknown name', () => pushOne({ name: 'contact.explode', args: {} }), 200, /name/],
  ['mutation: missing args', () => pushOne({ name: 'contact.patch' }), 200, /args/],
  ['mutation: unknown field in args', () => pushOne({ name: 'contact.patch', args: { id: contactA().id, owner: 'me' } }), 200, /owner/],
  ['mutation: negative clientTime', () => pushOne({ ...patchSet({ name: 'x' }), clientTime: -1 }), 200, /clientTime/],
  ['mutation: id not a UUID', () => pushOne({ name: 'contact.patch', args: { id: 'abc', set: { name: 'x' } } }), 200, /args\.id/],
  ['contact.patch: name of the wrong type', () => pushOne(patchSet({ name: 5 })), 200, /args\.set\.name/],
  ['contact.patch: oversize name', () => pushOne(patchSet({ name: 'n'.repeat(LIMITS.nameMax + 1) })), 200, /args\.set\.name/],
  ['contact.patch: empty name', () => pushOne(patchSet({ name: '  ' })), 200, /args\.set\.name/],
  ['contact.patch: invalid email', () => pushOne(patchSet({ email: 'not-an-email' })), 200, /args\.set\.email/],
  ['contact.patch: invalid phone', () => pushOne(patchSet({ phone: '555-0100' })), 200, /args\.set\.phone/],
  ['contact.patch: javascript: avatar URL', () => pushOne(patchSet({ avatarUrl: 'javascript:alert(1)' })), 200, /args\.set\.avatarUrl/],
  ['contact.patch: campaignOptIn not a boolean', () => pushOne(patchSet({ campaignOptIn: 'yes' })), 200, /args\.set\.campaignOptIn/],
  ['custom url field: not http(s)', () => pushOne(patchCf({ website: 'data:text/html,<script>1</script>' })), 200, /customFields\.website: must be an http\(s\) URL/],
  ['custom email field: invalid', () => pushOne(patchCf({ billing_email: 'billing@' })), 200, /customFields\.billing_email/],
  ['custom phone field: not E.164', () => pushOne(patchCf({ secondary_phone: '(415) 555' })), 200, /customFields\.secondary_phone/],
  ['custom number field: text', () => pushOne(patchCf({ lifetime_value: 'a lot' })), 200, /customFields\.lifetime_value: must be a number/],
  ['custom date field: impossible date', () => pushOne(patchCf({ renewal_date: '2025-02-30' })), 200, /customFields\.renewal_date/],
  ['custom select field: not an option', () => pushOne(patchCf({ plan: 'Platinum+' })), 200, /customFields\.plan: "Platinum\+" is not an option/],
  ['custom multiselect field: a value outside the options', () => pushOne(patchCf({ interests: ['time travel'] })), 200, /customFields\.interests/],
  ['custom text field: oversize value', () => pushOne(patchCf({ company: 'c'.repeat(LIMITS.textValueMax + 1) })), 200, /customFields\.company/],
  ['custom field: unknown key', () => pushOne(patchCf({ shoe_size: '42' })), 200, /customFields\.shoe_size: unknown field/],
  ['custom field: key not snake_case', () => pushOne(patchCf({ 'Bad Key': 'x' })), 200, /customFields/],
  ['contact.create: invalid email', () => pushOne({ name: 'contact.create', args: newContact({ email: 'nope' }) }), 200, /args\.email/],
  ['contact.create: missing name', () => pushOne({ name: 'contact.create', args: { ...newContact(), name: undefined } }), 200, /args\.name/],
  ["contact.create: another workspace's id", () => pushOne({ name: 'contact.create', args: newContact({ id: b.contacts[0].id }) }), 200, /belongs to another workspace/],
  ["contact.patch: another workspace's contact", () => pushOne({ name: 'contact.patch', args: { id: b.contacts[1].id, set: { name: 'Hijack' } } }), 200, /id: .* belongs to another workspace/],
  ["contact.delete: another workspace's contact among mine", () => pushOne({ name: 'contact.delete', args: { ids: [contactA().id, b.contacts[2].id] } }), 200, /ids\.1: .* belongs to another workspace/],
  ['contact.delete: oversize id list', () => pushOne({ name: 'contact.delete', args: { ids: Array.from({ length: LIMITS.bulkDeleteMax + 1 }, () => newId()) } }), 200, /args\.ids/],
  ['field.create: invalid type enum', () => pushOne({ name: 'field.create', args: { id: newId(), key: 'shoe', label: 'Shoe', type: 'color', options: [], scope: 'contact', position: 9, createdAt: TEST_NOW, updatedAt: TEST_NOW } }), 200, /args\.type/],
  ['field.create: invalid scope enum', () => pushOne({ name: 'field.create', args: { id: newId(), key: 'shoe', label: 'Shoe', type: 'text', options: [], scope: 'deal', position: 9, createdAt: TEST_NOW, updatedAt: TEST_NOW } }), 200, /args\.scope/],
  ["field.delete: another workspace's field", () => pushOne({ name: 'field.delete', args: { id: b.fields[0].id } }), 200, /belongs to another workspace/],
  ['segment.create: invalid operator', () => pushOne({ name: 'segment.create', args: { id: newId(), name: 'S', definition: { match: 'all', conditions: [{ field: 'name', operator: 'explodes', value: 'x' }] }, createdAt: TEST_NOW, updatedAt: TEST_NOW } }), 200, /args\.definition/],
  ['segment.patch: invalid match enum', () => pushOne({ name: 'segment.patch', args: { id: a.segments[1].id, definition: { match: 'some', conditions: [] } } }), 200, /args\.definition\.match/],
];

describe('[R3] bad input catalogue', () => {
  it('has at least 40 cases', () => {
    expect(REFUSED.length + REJECTED.length).toBeGreaterThanOrEqual(40);
  });

  it.each(REFUSED)('[R3] %s: clear error, database unchanged', async (_name, call, status, message) => {
    const before = snapshotDb(dbFile);
    const reply = await call();
    expect(reply.status).toBe(status);
    expect(reply.message).toMatch(message);
    expect(changedTables(before, snapshotDb(dbFile))).toEqual([]);
    // The server keeps serving everyone else.
    expect((await pullOther()).status).toBe(200);
  });

  it.each(REJECTED)('[R3] %s: rejected on its own, nothing but its log row written', async (_name, call, status, message) => {
    const before = snapshotDb(dbFile);
    const reply = await call();
    expect(reply.status).toBe(status);
    expect(reply.message).toMatch(message);
    // Records, sequence numbers, devices, workspaces: byte-for-byte the same.
    expect(changedTables(before, snapshotDb(dbFile))).toEqual(['applied_mutations', 'clients']);
    const logged = queryRows(dbFile, 'SELECT status, reason FROM applied_mutations WHERE client_id = ? AND mutation_id = ?', clientA, reply.rejectedId);
    expect(logged).toEqual([{ status: 'rejected', reason: reply.message }]);
    expect(queryRows(dbFile, 'SELECT COUNT(*) n FROM applied_mutations WHERE client_id = ? AND mutation_id > ?', clientA, reply.rejectedId)).toEqual([{ n: 0 }]);
    expect(queryRows(dbFile, 'SELECT last_mutation_id FROM clients WHERE client_id = ?', clientA)).toEqual([{ last_mutation_id: reply.rejectedId }]);
    expect((await pullOther()).status).toBe(200);
  });
});
