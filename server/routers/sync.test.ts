import { TRPCError } from '@trpc/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import type { Contact } from '../../shared/schema';
import { changeSchema, type Change } from '../../shared/protocol';
import type { Storage } from '../storage/types';
import {
  callerFor,
  createEmptyWorkspace,
  issueToken,
  numbered,
  openTempStorage,
  seedWorkspace,
  TEST_NOW,
} from '../test-helpers';

let storage: Storage;
let w: Awaited<ReturnType<typeof seedWorkspace>>;
let token: string;
const clientId = newId();

beforeEach(async () => {
  storage = openTempStorage().storage;
  w = await seedWorkspace(storage, { contacts: 40 });
  token = await issueToken(storage, w.workspace.id);
});
afterEach(() => storage.close());

async function pullAll(api: Awaited<ReturnType<typeof callerFor>>, limit: number, cursor = 0) {
  const changes: Change[] = [];
  let pages = 0;
  for (;;) {
    const page = await api.sync.pull({ clientId, cursor, limit });
    changes.push(...page.changes);
    cursor = page.cursor;
    pages += 1;
    if (!page.hasMore) return { changes, cursor, pages, last: page };
  }
}

async function contactOnServer(id: string): Promise<Change | undefined> {
  const api = await callerFor(storage, token);
  return (await pullAll(api, 5000)).changes.find((c) => c.id === id);
}

async function expectTRPCError(p: Promise<unknown>, code: TRPCError['code'], message?: RegExp) {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  expect((error as TRPCError).code).toBe(code);
  if (message) expect((error as TRPCError).message).toMatch(message);
}

describe('sync.pull', () => {
  it('[S4] pages return every record exactly once across page boundaries', async () => {
    const api = await callerFor(storage, token);
    const total = w.fields.length + w.segments.length + w.contacts.length + w.conversations.length;
    for (const limit of [1, 7, 50, 5000]) {
      const { changes, pages, last } = await pullAll(api, limit);
      expect(changes).toHaveLength(total);
      expect(new Set(changes.map((c) => c.id)).size).toBe(total);
      expect(pages).toBe(Math.max(1, Math.ceil(total / limit)));
      expect(last.cursor).toBe(last.headSeq);
    }
  });

  it('[S4] every pulled change matches the shared wire schema', async () => {
    const api = await callerFor(storage, token);
    const { changes } = await pullAll(api, 5000);
    for (const c of changes) expect(changeSchema.safeParse(c).success).toBe(true);
  });

  it('[S4] writes between pages (same millisecond burst) are neither lost nor repeated', async () => {
    const api = await callerFor(storage, token);
    const first = await api.sync.pull({ clientId, cursor: 0, limit: 10 });
    // A burst of edits, all with the same timestamp, lands while the device is mid-way.
    const targets = w.contacts.slice(0, 20);
    await api.sync.push({
      clientId,
      mutations: numbered(targets.map((c) => ({ name: 'contact.patch', args: { id: c.id, set: { name: `${c.name} *` } } }))),
    });
    const rest = await pullAll(api, 10, first.cursor);
    const latest = new Map<string, Change>();
    for (const c of [...first.changes, ...rest.changes]) latest.set(c.id, c);
    for (const c of targets) {
      const got = latest.get(c.id);
      expect(got && !got.deleted && (got.data as Contact).name).toBe(`${c.name} *`);
    }
    const seqs = [...first.changes, ...rest.changes].map((c) => c.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('[R3] invalid input gets BAD_REQUEST naming the field', async () => {
    const api = await callerFor(storage, token);
    await expectTRPCError(api.sync.pull({ clientId, cursor: 0, limit: -1 }), 'BAD_REQUEST', /limit/);
    await expectTRPCError(
      api.sync.pull({ clientId, cursor: 'abc' as unknown as number, limit: 10 }),
      'BAD_REQUEST',
      /cursor: cursor must be a number/,
    );
    await expectTRPCError(api.sync.pull({ clientId: 'nope', cursor: 0 }), 'BAD_REQUEST', /clientId/);
    await expectTRPCError(api.sync.pull({ clientId, cursor: 10 ** 9 }), 'BAD_REQUEST', /cursor: .*ahead of the server/);
  });

  it('[S9] missing, unknown and revoked tokens are UNAUTHORIZED', async () => {
    await expectTRPCError((await callerFor(storage)).sync.pull({ clientId, cursor: 0 }), 'UNAUTHORIZED');
    await expectTRPCError((await callerFor(storage, 'x'.repeat(43))).sync.pull({ clientId, cursor: 0 }), 'UNAUTHORIZED');
    const api = await callerFor(storage, token);
    await api.auth.signOut();
    await expectTRPCError((await callerFor(storage, token)).sync.pull({ clientId, cursor: 0 }), 'UNAUTHORIZED');
  });
});

describe('sync.push', () => {
  it('[S3] a replayed batch returns the same results and changes nothing', async () => {
    const api = await callerFor(storage, token);
    const c = w.contacts[0];
    const batch = numbered([
      { name: 'contact.patch', args: { id: c.id, set: { email: 'new@example.com' } } },
      { name: 'contact.patch', args: { id: c.id, customFields: { plan: 'Nope' } } },
    ]);
    const first = await api.sync.push({ clientId, mutations: batch });
    expect(first.results.map((r) => r.status)).toEqual(['applied', 'rejected']);
    expect(first.lastMutationId).toBe(2);
    const head = await storage.headSeq(w.workspace.id);
    const second = await api.sync.push({ clientId, mutations: batch });
    expect(second).toEqual(first);
    expect(await storage.headSeq(w.workspace.id)).toBe(head);
    const pulled = await api.sync.pull({ clientId, cursor: head });
    expect(pulled.lastMutationId).toBe(2);
  });

  it('[S5] delete wins over a later patch, and a create cannot resurrect the id', async () => {
    const api = await callerFor(storage, token);
    const c = w.contacts.find((x) => x.conversationCount > 0)!;
    const res = await api.sync.push({
      clientId,
      mutations: numbered([
        { name: 'contact.delete', args: { ids: [c.id] } },
        { name: 'contact.patch', args: { id: c.id, set: { name: 'Zombie' } } },
        {
          name: 'contact.create',
          args: { id: c.id, createdAt: TEST_NOW, name: 'Zombie', email: '', phone: '', avatarUrl: '', campaignOptIn: false, customFields: {} },
        },
      ]),
    });
    expect(res.results.map((r) => r.status)).toEqual(['applied', 'ignored', 'ignored']);
    expect(await contactOnServer(c.id)).toMatchObject({ id: c.id, deleted: true });
    // Its conversations are tombstoned too.
    const all = (await pullAll(api, 5000)).changes;
    const convIds = w.conversations.filter((x) => x.contactId === c.id).map((x) => x.id);
    expect(convIds.length).toBeGreaterThan(0);
    for (const id of convIds) expect(all.find((x) => x.id === id)).toMatchObject({ deleted: true });
  });

  it('[S5] a rejected mutation does not block the others in its batch', async () => {
    const api = await callerFor(storage, token);
    const [a, b] = w.contacts;
    const res = await api.sync.push({
      clientId,
      mutations: numbered([
        { name: 'contact.patch', args: { id: a.id, customFields: { lifetime_value: 'lots' } } },
        { name: 'contact.patch', args: { id: a.id, customFields: { no_such_field: 'x' } } },
        { name: 'contact.patch', args: { id: b.id, customFields: { interests: ['API', 'Golf'] } } },
        { name: 'contact.patch', args: { id: b.id, set: { phone: '+14155550132' }, customFields: { renewal_date: '2026-02-28' } } },
      ]),
    });
    expect(res.results).toEqual([
      { id: 1, status: 'rejected', reason: 'customFields.lifetime_value: must be a number' },
      { id: 2, status: 'rejected', reason: 'customFields.no_such_field: unknown field' },
      { id: 3, status: 'rejected', reason: 'customFields.interests: "Golf" is not an option' },
      { id: 4, status: 'applied' },
    ]);
    const got = await contactOnServer(b.id);
    expect(got && !got.deleted && got.data).toMatchObject({ phone: '+14155550132', customFields: { renewal_date: '2026-02-28' } });
  });

  it('[S5] patches of different fields both survive; same field: the last applied wins', async () => {
    const [apiA, apiB] = [await callerFor(storage, token), await callerFor(storage, token)];
    const c = w.contacts[3];
    const clientB = newId();
    await apiA.sync.push({ clientId, mutations: numbered([{ name: 'contact.patch', args: { id: c.id, set: { name: 'From A', email: 'a@example.com' } } }]) });
    await apiB.sync.push({ clientId: clientB, mutations: numbered([{ name: 'contact.patch', args: { id: c.id, set: { name: 'From B' }, customFields: { plan: 'Pro' } } }]) });
    const got = await contactOnServer(c.id);
    expect(got && !got.deleted && got.data).toMatchObject({ name: 'From B', email: 'a@example.com', customFields: { plan: 'Pro' } });
  });

  it('[S3] mutation ids arriving out of order are rejected, not applied', async () => {
    const api = await callerFor(storage, token);
    const c = w.contacts[0];
    await api.sync.push({ clientId, mutations: numbered([{ name: 'contact.patch', args: { id: c.id, set: { name: 'Five' } } }], 5) });
    const res = await api.sync.push({ clientId, mutations: numbered([{ name: 'contact.patch', args: { id: c.id, set: { name: 'Three' } } }], 3) });
    expect(res.results[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/out of order/) });
    expect(res.lastMutationId).toBe(5);
  });

  it('[V14] field create/patch/delete: key clash refused, delete tombstones the definition', async () => {
    const api = await callerFor(storage, token);
    const id = newId();
    const base = { id, key: 'tier', label: 'Tier', type: 'select' as const, options: ['a', 'b'], scope: 'contact' as const, position: 9, createdAt: TEST_NOW, updatedAt: TEST_NOW };
    const res = await api.sync.push({
      clientId,
      mutations: numbered([
        { name: 'field.create', args: base },
        { name: 'field.create', args: { ...base, id: newId(), label: 'Again' } },
        { name: 'field.create', args: { ...base, id: newId(), key: 'notes', type: 'text' } },
        { name: 'contact.patch', args: { id: w.contacts[0].id, customFields: { tier: 'b' } } },
        { name: 'field.patch', args: { id, label: 'Customer tier' } },
        { name: 'field.delete', args: { id } },
        { name: 'contact.patch', args: { id: w.contacts[0].id, customFields: { tier: 'a' } } },
      ]),
    });
    expect(res.results.map((r) => r.status)).toEqual(['applied', 'rejected', 'rejected', 'applied', 'applied', 'applied', 'rejected']);
    expect(res.results[1]).toMatchObject({ reason: expect.stringMatching(/^key: "tier" is already used/) });
    expect(res.results[2]).toMatchObject({ reason: 'options: a text field has no options' });
    expect(await contactOnServer(id)).toMatchObject({ kind: 'field', deleted: true });
  });

  it('[D5] segments: create, patch, delete, and no patch after delete', async () => {
    const api = await callerFor(storage, token);
    const id = newId();
    const res = await api.sync.push({
      clientId,
      mutations: numbered([
        { name: 'segment.create', args: { id, name: 'Mine', definition: { match: 'all', conditions: [] }, createdAt: TEST_NOW, updatedAt: TEST_NOW } },
        { name: 'segment.patch', args: { id, name: 'Renamed' } },
        { name: 'segment.delete', args: { id } },
        { name: 'segment.patch', args: { id, name: 'Too late' } },
      ]),
    });
    expect(res.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'ignored']);
  });

  it('[R3] an invalid mutation is rejected on its own with a reason naming the field; the rest apply', async () => {
    const api = await callerFor(storage, token);
    const [a, b] = w.contacts;
    const res = await api.sync.push({
      clientId,
      mutations: numbered([
        { name: 'contact.patch', args: { id: a.id, set: { email: 'not-an-email' } } },
        { name: 'contact.patch', args: { id: b.id, set: { email: 'ok@example.com' } } },
      ]),
    });
    expect(res.results).toEqual([
      { id: 1, status: 'rejected', reason: 'args.set.email: is not a valid email address' },
      { id: 2, status: 'applied' },
    ]);
    expect(await contactOnServer(a.id)).toMatchObject({ data: { email: a.email } });
  });

  it('[R3] an invalid envelope is refused as a whole with BAD_REQUEST and changes nothing', async () => {
    const api = await callerFor(storage, token);
    const head = await storage.headSeq(w.workspace.id);
    await expectTRPCError(api.sync.push({ clientId, mutations: [] }), 'BAD_REQUEST', /mutations/);
    await expectTRPCError(
      api.sync.push({ clientId: 'x', mutations: numbered([{ name: 'segment.delete', args: { id: newId() } }]) }),
      'BAD_REQUEST',
      /clientId/,
    );
    const badId = { ...numbered([{ name: 'segment.delete', args: { id: newId() } }])[0], id: 1.5 };
    await expectTRPCError(api.sync.push({ clientId, mutations: [badId] }), 'BAD_REQUEST', /mutations\.0\.id/);
    expect(await storage.headSeq(w.workspace.id)).toBe(head);
    expect(await storage.getClient(clientId)).toBeNull();
  });
});

describe('[S9] workspace isolation', () => {
  it("a token of workspace A never reads or writes B's records", async () => {
    const other = await createEmptyWorkspace(storage);
    const otherToken = await issueToken(storage, other.id);
    const apiB = await callerFor(storage, otherToken);
    const clientB = newId();
    // B sees nothing of A.
    const pulled = await apiB.sync.pull({ clientId: clientB, cursor: 0 });
    expect(pulled.changes).toEqual([]);
    expect(pulled.headSeq).toBe(0);
    // B cannot patch, delete or re-create A's ids.
    const target = w.contacts[0];
    const res = await apiB.sync.push({
      clientId: clientB,
      mutations: numbered([
        { name: 'contact.patch', args: { id: target.id, set: { name: 'Hijacked' } } },
        { name: 'contact.delete', args: { ids: [target.id] } },
        {
          name: 'contact.create',
          args: { id: target.id, createdAt: TEST_NOW, name: 'Twin', email: '', phone: '', avatarUrl: '', campaignOptIn: false, customFields: {} },
        },
        { name: 'segment.delete', args: { id: w.segments[0].id } },
      ]),
    });
    expect(res.results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    expect(res.results[0]).toMatchObject({ reason: expect.stringMatching(/belongs to another workspace/) });
    expect(await contactOnServer(target.id)).toMatchObject({ deleted: false, data: { name: target.name } });
    expect(await storage.headSeq(other.id)).toBe(0);
  });

  it("a clientId registered in workspace A cannot be used with B's token", async () => {
    const apiA = await callerFor(storage, token);
    await apiA.sync.push({ clientId, mutations: numbered([{ name: 'segment.delete', args: { id: w.segments[0].id } }]) });
    const other = await createEmptyWorkspace(storage);
    const apiB = await callerFor(storage, await issueToken(storage, other.id));
    await expectTRPCError(apiB.sync.pull({ clientId, cursor: 0 }), 'FORBIDDEN');
    await expectTRPCError(
      apiB.sync.push({ clientId, mutations: numbered([{ name: 'segment.delete', args: { id: newId() } }], 2) }),
      'FORBIDDEN',
    );
  });
});

describe('auth.demoSignIn', () => {
  it('[S9] gives a working token for the demo workspace, stored only as a hash', async () => {
    const api = await callerFor(storage);
    const res = await api.auth.demoSignIn({ deviceName: 'Laptop' });
    expect(res.workspace).toEqual({ id: w.workspace.id, name: w.workspace.name });
    expect(res.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await storage.findDevice(res.token)).toBeNull();
    const pulled = await (await callerFor(storage, res.token)).sync.pull({ clientId, cursor: 0, limit: 1 });
    expect(pulled.changes).toHaveLength(1);
  });

  it('[S9] is refused when DEMO is off', async () => {
    const api = await callerFor(storage, undefined, false);
    await expectTRPCError(api.auth.demoSignIn({ deviceName: 'Laptop' }), 'FORBIDDEN');
  });
});
