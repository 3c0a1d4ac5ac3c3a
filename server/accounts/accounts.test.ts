// Accounts, roles and devices (issue 11) through the real routers over a real temp SQLite file.
import fs from 'node:fs';
import path from 'node:path';
import { TRPCError } from '@trpc/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import type { Storage } from '../storage/types';
import { callerFor, numbered, openTempStorage, seedWorkspace, tempDataDir } from '../test-helpers';
import { DEMO_EMAIL, DEMO_PASSWORD_FILE, ensureDemoPassword } from './demo';
import { REASONS } from './policy';
import { acceptInvite, BAD_CREDENTIALS, BAD_INVITE, issueDevice } from './service';

let storage: Storage;
beforeEach(() => {
  storage = openTempStorage().storage;
});
afterEach(() => storage.close());

async function errorOf(p: Promise<unknown>): Promise<TRPCError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

const PASSWORD = 'correct horse battery';

async function signUp(email = 'ann@example.com', workspaceName = 'Acme support') {
  return (await callerFor(storage)).auth.signUp({ email, password: PASSWORD, deviceName: 'Chrome on Linux', workspaceName });
}

/** Admin Ann with a seeded workspace, and agent Bob invited into it. */
async function adminAndAgent() {
  const w = await seedWorkspace(storage, { contacts: 10 });
  const ann = { id: newId(), email: 'ann@example.com', passwordHash: 'x', createdAt: 1 };
  await storage.createUser(ann);
  await storage.setMembership(w.workspace.id, ann.id, 'admin', 1);
  const { token: adminToken } = await issueDevice(storage, w.workspace.id, ann.id, 'Admin laptop', Date.now());
  const admin = await callerFor(storage, adminToken);
  const invite = await admin.workspace.createInvite({ role: 'agent', expiresInHours: 24 });
  const joined = await (await callerFor(storage)).auth.acceptInvite({ code: invite.code, email: 'bob@example.com', password: PASSWORD, deviceName: 'Firefox on Mac' });
  return { w, admin, adminToken, agent: await callerFor(storage, joined.token), agentToken: joined.token };
}

describe('sign-up, sign-in, sign-out', () => {
  it('[S9] sign-up creates the workspace with the user as admin; sign-in gives another device; sign-out revokes only that token', async () => {
    const up = await signUp();
    const api = await callerFor(storage, up.token);
    expect(await api.workspace.access()).toMatchObject({ email: 'ann@example.com', role: 'admin', workspace: { name: 'Acme support' } });
    const again = await (await callerFor(storage)).auth.signIn({ email: ' Ann@Example.com ', password: PASSWORD, deviceName: 'Safari on iPhone' });
    expect(again.workspace.id).toBe(up.workspace.id);
    const second = await callerFor(storage, again.token);
    expect((await second.workspace.devices()).map((d) => [d.name, d.current])).toEqual([
      ['Safari on iPhone', true],
      ['Chrome on Linux', false],
    ]);
    await second.auth.signOut();
    expect((await errorOf((await callerFor(storage, again.token)).workspace.access())).code).toBe('UNAUTHORIZED');
    expect((await api.workspace.access()).role).toBe('admin');
  });

  it('[S9] passwords are stored as salted scrypt hashes; a taken email cannot sign up again', async () => {
    await signUp();
    const user = await storage.findUserByEmail('ann@example.com');
    expect(user?.passwordHash).toMatch(/^scrypt\$/);
    expect(user?.passwordHash).not.toContain(PASSWORD);
    expect((await errorOf(signUp('ANN@example.com'))).code).toBe('CONFLICT');
  });

  it('[S9] a wrong password and an unknown email give the same error', async () => {
    await signUp();
    const api = await callerFor(storage);
    const wrong = await errorOf(api.auth.signIn({ email: 'ann@example.com', password: 'nope-nope', deviceName: 'd' }));
    const unknown = await errorOf(api.auth.signIn({ email: 'who@example.com', password: PASSWORD, deviceName: 'd' }));
    expect([wrong.code, wrong.message]).toEqual(['UNAUTHORIZED', BAD_CREDENTIALS]);
    expect([unknown.code, unknown.message]).toEqual([wrong.code, wrong.message]);
  });

  it('[S9] sign-in is rate limited per email: the 6th quick attempt is refused even with the right password', async () => {
    await signUp();
    await signUp('cid@example.com', 'Other');
    const api = await callerFor(storage);
    for (let i = 0; i < 5; i += 1) {
      expect((await errorOf(api.auth.signIn({ email: 'ann@example.com', password: `wrong-${i}`, deviceName: 'd' }))).code).toBe('UNAUTHORIZED');
    }
    const limited = await errorOf(api.auth.signIn({ email: 'ann@example.com', password: PASSWORD, deviceName: 'd' }));
    expect(limited.code).toBe('TOO_MANY_REQUESTS');
    // Another account is not affected.
    expect((await api.auth.signIn({ email: 'cid@example.com', password: PASSWORD, deviceName: 'd' })).token).toBeTruthy();
  });
});

describe('invites and roles', () => {
  it('[S9] an invite makes a new user an agent once; it cannot be reused, and expires', async () => {
    const { w, admin, agent } = await adminAndAgent();
    expect(await agent.workspace.access()).toMatchObject({ email: 'bob@example.com', role: 'agent', workspace: { id: w.workspace.id } });
    expect(await admin.workspace.members()).toEqual([
      { email: 'ann@example.com', role: 'admin' },
      { email: 'bob@example.com', role: 'agent' },
    ]);
    const invite = await admin.workspace.createInvite({ role: 'agent', expiresInHours: 1 });
    const input = { code: invite.code, email: 'eve@example.com', password: PASSWORD, deviceName: 'd' };
    const expired = await errorOf(acceptInvite(storage, input, null, invite.expiresAt + 1));
    expect(expired.message).toBe(BAD_INVITE);
    await acceptInvite(storage, input, null, invite.expiresAt - 1);
    expect((await errorOf(acceptInvite(storage, { ...input, email: 'mal@example.com' }, null, invite.expiresAt - 1))).message).toBe(BAD_INVITE);
    expect((await errorOf((await callerFor(storage)).auth.acceptInvite({ ...input, code: 'not-a-real-code' }))).message).toBe(BAD_INVITE);
  });

  it('[S9] agents cannot change settings or invite', async () => {
    const { agent } = await adminAndAgent();
    expect((await errorOf(agent.workspace.updateSettings({ agentsMayDelete: true, agentsMayExport: true }))).code).toBe('FORBIDDEN');
    expect((await errorOf(agent.workspace.createInvite({ role: 'admin', expiresInHours: 1 }))).code).toBe('FORBIDDEN');
  });

  it("[S9] a token of workspace A is useless for workspace B", async () => {
    const a = await signUp('ann@example.com', 'A');
    const b = await signUp('bea@example.com', 'B');
    const apiA = await callerFor(storage, a.token);
    const apiB = await callerFor(storage, b.token);
    const contactId = newId();
    const clientB = newId();
    const created = await apiB.sync.push({ clientId: clientB, mutations: numbered([{ name: 'contact.create', args: { id: contactId, createdAt: 1, name: 'Secret', email: '', phone: '', avatarUrl: '', campaignOptIn: false, customFields: {} } }]) });
    expect(created.results[0].status).toBe('applied');
    const clientA = newId();
    const res = await apiA.sync.push({ clientId: clientA, mutations: numbered([{ name: 'contact.patch', args: { id: contactId, set: { name: 'Hacked' } } }]) });
    expect(res.results[0].status).not.toBe('applied');
    expect((await apiA.sync.pull({ clientId: clientA, cursor: 0 })).changes.map((c) => c.id)).not.toContain(contactId);
    expect((await errorOf(apiA.sync.pull({ clientId: clientB, cursor: 0 }))).code).toBe('FORBIDDEN');
    const deviceOfB = (await apiB.workspace.devices())[0].id;
    expect((await errorOf(apiA.workspace.revokeDevice({ id: deviceOfB }))).code).toBe('NOT_FOUND');
    // Signing in as A while asking for B's workspace still gives A's.
    const again = await (await callerFor(storage)).auth.signIn({ email: 'ann@example.com', password: PASSWORD, deviceName: 'd', workspaceId: b.workspace.id });
    expect(again.workspace.id).toBe(a.workspace.id);
  });
});

describe('role checks on push', () => {
  it("[S9] an agent's delete is rejected with a reason while the agent's other edits in the same push apply", async () => {
    const { w, agent } = await adminAndAgent();
    const [c1, c2] = w.contacts;
    const res = await agent.sync.push({
      clientId: newId(),
      mutations: numbered([
        { name: 'contact.patch', args: { id: c1.id, set: { name: 'Edited by agent' } } },
        { name: 'contact.delete', args: { ids: [c2.id] } },
        { name: 'field.delete', args: { id: w.fields[0].id } },
        { name: 'contact.patch', args: { id: c2.id, set: { name: 'Also edited' } } },
      ]),
    });
    expect(res.results).toEqual([
      { id: 1, status: 'applied' },
      { id: 2, status: 'rejected', reason: REASONS.delete },
      { id: 3, status: 'rejected', reason: REASONS.fields },
      { id: 4, status: 'applied' },
    ]);
    const live = new Map((await storage.changesSince(w.workspace.id, 0, 100_000)).records.map((r) => [r.id, r]));
    expect(live.get(c1.id)?.data).toMatchObject({ name: 'Edited by agent' });
    expect(live.get(c2.id)).toMatchObject({ deleted: false, data: { name: 'Also edited' } });
    expect(live.get(w.fields[0].id)?.deleted).toBe(false);
  });

  it('[S9] settings toggles change what agents may do; admins may always delete', async () => {
    const { w, admin, agent } = await adminAndAgent();
    const client = newId();
    await admin.workspace.updateSettings({ agentsMayDelete: true, agentsMayExport: false });
    expect((await agent.workspace.access()).settings).toEqual({ agentsMayDelete: true, agentsMayExport: false });
    const res = await agent.sync.push({ clientId: client, mutations: numbered([{ name: 'contact.delete', args: { ids: [w.contacts[0].id] } }]) });
    expect(res.results[0].status).toBe('applied');
    await admin.workspace.updateSettings({ agentsMayDelete: false, agentsMayExport: true });
    const refused = await agent.sync.push({ clientId: client, mutations: numbered([{ name: 'contact.delete', args: { ids: [w.contacts[1].id] } }], 2) });
    expect(refused.results[0].status).toBe('rejected');
    const byAdmin = await admin.sync.push({ clientId: newId(), mutations: numbered([{ name: 'contact.delete', args: { ids: [w.contacts[1].id] } }]) });
    expect(byAdmin.results[0].status).toBe('applied');
  });

  it("[S9] agents keep their own segments: create, rename, delete; shared (admin) segments are refused", async () => {
    const { w, agent } = await adminAndAgent();
    const mine = { ...w.segments[0], id: newId(), name: 'My open tickets' };
    const res = await agent.sync.push({
      clientId: newId(),
      mutations: numbered([
        { name: 'segment.create', args: mine },
        { name: 'segment.patch', args: { id: mine.id, name: 'Mine' } },
        { name: 'segment.patch', args: { id: w.segments[0].id, name: 'Taken over' } },
        { name: 'segment.delete', args: { id: mine.id } },
      ]),
    });
    expect(res.results.map((r) => r.status)).toEqual(['applied', 'applied', 'rejected', 'applied']);
    expect(res.results[2]).toMatchObject({ reason: REASONS.segment });
  });

  it("[S9] an admin sees and revokes members' devices, an agent only its own; a revoked token gets UNAUTHORIZED", async () => {
    const { agent, agentToken, admin } = await adminAndAgent();
    const [device] = await agent.workspace.devices();
    expect(device).toMatchObject({ name: 'Firefox on Mac', owner: 'bob@example.com', current: true });
    const seenByAdmin = await admin.workspace.devices();
    expect(seenByAdmin.map((d) => d.owner).sort()).toEqual(['ann@example.com', 'bob@example.com']);
    const adminDevice = seenByAdmin.find((d) => d.owner === 'ann@example.com')!;
    expect((await errorOf(agent.workspace.revokeDevice({ id: adminDevice.id }))).code).toBe('NOT_FOUND');
    await admin.workspace.revokeDevice({ id: device.id });
    expect((await errorOf((await callerFor(storage, agentToken)).sync.pull({ clientId: newId(), cursor: 0 }))).code).toBe('UNAUTHORIZED');
  });
});

describe('demo admin', () => {
  it('[S9] demo sign-in is the admin demo@example.com; its password is kept in DATA_DIR/demo-password (0600) across starts', async () => {
    const w = await seedWorkspace(storage, { contacts: 3 });
    const dataDir = tempDataDir();
    const password = await ensureDemoPassword(storage, dataDir, w.workspace.id);
    const file = path.join(dataDir, DEMO_PASSWORD_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(await ensureDemoPassword(storage, dataDir, w.workspace.id)).toBe(password);
    const demo = await (await callerFor(storage)).auth.demoSignIn({ deviceName: 'Chrome on Linux' });
    expect(await (await callerFor(storage, demo.token)).workspace.access()).toMatchObject({ email: DEMO_EMAIL, role: 'admin' });
    const signedIn = await (await callerFor(storage)).auth.signIn({ email: DEMO_EMAIL, password, deviceName: 'd' });
    expect(signedIn.workspace.id).toBe(w.workspace.id);
  });
});
