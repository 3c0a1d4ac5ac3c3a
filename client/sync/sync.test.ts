// Multi-device sync against the real server over HTTP (issue 3 test list).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyLocalChange, createContact, createField, deleteContacts, deleteField, patchContact } from '../db/changes';
import { makeDevice, snapshot, startTestServer, type Device, type TestServer } from './testing/harness';

let server: TestServer;
const devices: Device[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await Promise.all(devices.map((d) => d.close()));
  await server.close();
});

async function pair(): Promise<[Device, Device]> {
  const ws = await server.newWorkspace();
  const a = await makeDevice(server, ws, 'A');
  const b = await makeDevice(server, ws, 'B');
  devices.push(a, b);
  return [a, b];
}

const person = (name: string) => ({ name, email: '', phone: '', avatarUrl: '', campaignOptIn: false, customFields: {} });

async function sharedContact(a: Device, b: Device, name = 'Zoë Müller'): Promise<string> {
  const id = await createContact(a.db, person(name));
  await a.sync();
  await b.sync();
  return id;
}

async function expectSameEverywhere(...ds: Device[]) {
  const [first, ...rest] = await Promise.all(ds.map((d) => snapshot(d.db)));
  for (const other of rest) expect(other).toEqual(first);
  for (const d of ds) expect(await d.db.outbox.count()).toBe(0);
}

describe('sync between devices', () => {
  for (const order of ['A then B', 'B then A'] as const) {
    it(`[S5] different fields edited offline on two devices both survive (${order})`, async () => {
      const [a, b] = await pair();
      const id = await sharedContact(a, b);
      await patchContact(a.db, id, { set: { email: 'zoe@example.com' } });
      await patchContact(b.db, id, { set: { phone: '+14155550132' } });
      const [first, second] = order === 'A then B' ? [a, b] : [b, a];
      await first.sync();
      await second.sync();
      await first.sync();
      const fresh = await makeDevice(server, a.session.workspaceId, 'ref');
      devices.push(fresh);
      await fresh.pull();
      for (const d of [a, b, fresh]) {
        const c = await d.db.contacts.get(id);
        expect(c?.email).toBe('zoe@example.com');
        expect(c?.phone).toBe('+14155550132');
      }
      await expectSameEverywhere(a, b, fresh);
    });
  }

  it('[S5] same field edited on two devices: one winner everywhere (the last applied)', async () => {
    const [a, b] = await pair();
    const id = await sharedContact(a, b);
    await patchContact(a.db, id, { set: { name: 'From A' } });
    await patchContact(b.db, id, { set: { name: 'From B' } });
    await a.sync();
    await b.sync();
    await a.sync();
    expect((await a.db.contacts.get(id))?.name).toBe('From B');
    expect((await b.db.contacts.get(id))?.name).toBe('From B');
    await expectSameEverywhere(a, b);
  });

  it('[S5] delete on A and edit on B offline: gone everywhere, the edit does not resurrect it', async () => {
    const [a, b] = await pair();
    const id = await sharedContact(a, b);
    await deleteContacts(a.db, [id]);
    await patchContact(b.db, id, { set: { name: 'Edited late' } });
    await a.sync();
    await b.sync();
    await a.sync();
    expect(await a.db.contacts.get(id)).toBeUndefined();
    expect(await b.db.contacts.get(id)).toBeUndefined();
    // A late create with the same id (e.g. a replayed import) does not bring it back either.
    await applyLocalChange(b.db, { name: 'contact.create', args: { id, createdAt: 1, ...person('Late create') } });
    expect(await b.db.contacts.get(id)).toBeDefined(); // optimistic until the server answers
    await b.sync();
    await a.sync();
    expect(await b.db.contacts.get(id)).toBeUndefined();
    expect(await a.db.contacts.count()).toBe(0);
    await expectSameEverywhere(a, b);
  });

  it('[S3] a contact created offline on A appears on B', async () => {
    const [a, b] = await pair();
    a.faults.offline = true;
    const id = await createContact(a.db, person('Søren Kierkegaard'));
    await expect(a.sync()).rejects.toThrow('offline');
    expect(await a.db.outbox.count()).toBe(1);
    a.faults.offline = false;
    await a.sync();
    await b.sync();
    expect((await b.db.contacts.get(id))?.name).toBe('Søren Kierkegaard');
    await expectSameEverywhere(a, b);
  });
});

describe('exactly once', () => {
  it('[S3] the same push sent twice is applied once', async () => {
    const [a, b] = await pair();
    const id = await createContact(a.db, person('José'));
    await patchContact(a.db, id, { set: { email: 'jose@example.com' } });
    a.faults.duplicate = 1;
    await a.push();
    const head1 = await server.storage.headSeq(a.session.workspaceId);
    // Replaying the whole batch by hand returns the stored results and writes nothing.
    const again = await a.transport.push({ clientId: a.session.clientId, mutations: [
      { id: 1, clientTime: 1, name: 'contact.patch', args: { id, set: { name: 'Replayed' } } },
    ] });
    expect(again.results[0].status).toBe('applied');
    expect(await server.storage.headSeq(a.session.workspaceId)).toBe(head1);
    await a.pull();
    await b.pull();
    expect((await b.db.contacts.get(id))?.name).toBe('José');
    await expectSameEverywhere(a, b);
  });

  it('[S3] a push whose response is lost is retried and acknowledged without duplicates', async () => {
    const [a, b] = await pair();
    const id = await createContact(a.db, person('Ana'));
    await patchContact(a.db, id, { customFields: {} , set: { campaignOptIn: true } });
    a.faults.dropResponses = 1;
    await expect(a.push()).rejects.toThrow('response lost');
    expect(await a.db.outbox.count()).toBe(2);
    const head1 = await server.storage.headSeq(a.session.workspaceId);
    await a.sync();
    expect(await server.storage.headSeq(a.session.workspaceId)).toBe(head1);
    expect(await a.db.outbox.count()).toBe(0);
    await b.sync();
    expect(await b.db.contacts.count()).toBe(1);
    expect((await b.db.contacts.get(id))?.campaignOptIn).toBe(true);
    await expectSameEverywhere(a, b);
  });

  it('[S3] a lost push response followed by a pull alone acknowledges the outbox', async () => {
    const [a] = await pair();
    await createContact(a.db, person('Pull acks'));
    a.faults.dropResponses = 1;
    await expect(a.push()).rejects.toThrow();
    await a.pull();
    expect(await a.db.outbox.count()).toBe(0);
    expect(await a.db.bases.count()).toBe(0);
  });
});

describe('pull', () => {
  it('[S4] pages with a small limit inside a burst of changes lose nothing', async () => {
    const [a, b] = await pair();
    const ids: string[] = [];
    for (let i = 0; i < 37; i++) ids.push(await createContact(a.db, person(`Burst ${i}`)));
    await deleteContacts(a.db, ids.slice(0, 5));
    await a.push();
    let pages = 0;
    const orig = b.transport.pull;
    b.transport.pull = async (req) => {
      pages += 1;
      return orig(req);
    };
    await b.pull(4);
    expect(pages).toBeGreaterThan(5);
    expect((await b.db.contacts.toArray()).map((c) => c.id).sort()).toEqual(ids.slice(5).sort());
    await a.pull(3);
    await expectSameEverywhere(a, b);
  });

  it('[S5] a pending edit is not overwritten by a pull of an older server value', async () => {
    const [a, b] = await pair();
    const id = await sharedContact(a, b, 'Old name');
    await patchContact(a.db, id, { set: { name: 'Local pending' } });
    await patchContact(b.db, id, { set: { email: 'other@example.com' } });
    await b.sync(); // the server now has a newer version of the record, with the old name
    await a.pull();
    const local = await a.db.contacts.get(id);
    expect(local?.name).toBe('Local pending');
    expect(local?.email).toBe('other@example.com');
    expect(await a.db.outbox.count()).toBe(1);
    await a.sync();
    await b.sync();
    expect((await b.db.contacts.get(id))?.name).toBe('Local pending');
    await expectSameEverywhere(a, b);
  });

  it('[S3] a rejected mutation is kept with its reason, undone locally, and does not block others', async () => {
    const [a, b] = await pair();
    const field = await createField(a.db, { key: 'plan', label: 'Plan', type: 'select', options: ['free', 'pro'], scope: 'contact', position: 0 });
    const id = await sharedContact(a, b, 'Keep me');
    // B deletes the field while A, offline, still sets a value of it: the server refuses A's edit.
    await deleteField(b.db, field);
    await b.sync();
    await patchContact(a.db, id, { customFields: { plan: 'pro' } });
    const other = await createContact(a.db, person('After the bad one'));
    expect((await a.db.contacts.get(id))?.customFields).toEqual({ plan: 'pro' });
    await a.sync();
    expect((await a.db.contacts.get(id))?.customFields).toEqual({});
    const rejected = (await a.db.getMeta('rejected')) ?? [];
    expect(rejected).toHaveLength(1);
    expect(rejected[0].reason).toMatch(/plan/);
    await b.sync();
    expect(await b.db.contacts.get(other)).toBeDefined();
    await expectSameEverywhere(a, b);
  });

  it('[S3] a batch the server refuses as malformed is split; the bad mutation is rejected, the rest applied', async () => {
    const [a, b] = await pair();
    const id = await sharedContact(a, b, 'Old app');
    // As if an older app version had queued a mutation today's schema refuses (empty name).
    const counter = (await a.db.getMeta('mutationCounter')) ?? 0;
    await a.db.outbox.add({ id: counter + 1, clientTime: 1, name: 'contact.patch', args: { id, set: { name: '' } } });
    await a.db.setMeta('mutationCounter', counter + 1);
    const good = await createContact(a.db, person('Still synced'));
    await a.sync();
    expect(await a.db.outbox.count()).toBe(0);
    const rejected = (await a.db.getMeta('rejected')) ?? [];
    expect(rejected.map((r) => r.mutation.id)).toEqual([counter + 1]);
    expect(rejected[0].reason).toMatch(/name/);
    await b.sync();
    expect(await b.db.contacts.get(good)).toBeDefined();
    await expectSameEverywhere(a, b);
  });

  it('[S4] a cursor ahead of the server (restored backup) triggers a full resync, keeping pending edits', async () => {
    const [a, b] = await pair();
    await sharedContact(a, b, 'Survivor');
    await a.db.contacts.put({ ...(await a.db.contacts.toArray())[0], id: '0190c2a4-0000-7000-8000-000000000001', name: 'Stale local only' });
    await a.db.setMeta('cursor', 10_000);
    const pendingId = await createContact(a.db, person('Pending create'));
    await a.pull();
    expect((await a.db.contacts.toArray()).map((c) => c.name).sort()).toEqual(['Pending create', 'Survivor']);
    await a.sync();
    await b.sync();
    expect(await b.db.contacts.get(pendingId)).toBeDefined();
    await expectSameEverywhere(a, b);
  });
});
