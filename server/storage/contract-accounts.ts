// Storage contract, accounts part (issue 11): every Storage implementation must pass it too.
// describeStorageContract (contract.ts) calls it, so an adapter gets it with its one line.
import { expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import type { Storage } from './types';

export function accountContractTests(fresh: () => Storage): void {
  it('[S9] users: created, found by email and id, duplicate email refused, password replaced', async () => {
    const storage = fresh();
    const user = { id: newId(), email: 'ann@x.io', passwordHash: 'h1', createdAt: 3 };
    await storage.createUser(user);
    expect(await storage.findUserByEmail('ann@x.io')).toEqual(user);
    expect(await storage.getUser(user.id)).toEqual(user);
    expect(await storage.findUserByEmail('bob@x.io')).toBeNull();
    await expect(storage.createUser({ ...user, id: newId() })).rejects.toThrow();
    await storage.setUserPassword(user.id, 'h2');
    expect((await storage.getUser(user.id))?.passwordHash).toBe('h2');
  });

  it('[S9] memberships and roles, workspace settings with defaults', async () => {
    const storage = fresh();
    const a = { id: newId(), name: 'A', createdAt: 1 };
    const b = { id: newId(), name: 'B', createdAt: 1 };
    await storage.createWorkspace(a);
    await storage.createWorkspace(b);
    const u = { id: newId(), email: 'u@x.io', passwordHash: 'h', createdAt: 1 };
    await storage.createUser(u);
    await storage.setMembership(a.id, u.id, 'admin', 10);
    await storage.setMembership(b.id, u.id, 'agent', 20);
    await storage.setMembership(b.id, u.id, 'admin', 30);
    expect(await storage.getRole(a.id, u.id)).toBe('admin');
    expect(await storage.getRole(b.id, u.id)).toBe('admin');
    expect(await storage.getRole(a.id, newId())).toBeNull();
    expect(await storage.listMemberships(u.id)).toEqual([
      { workspaceId: a.id, role: 'admin' },
      { workspaceId: b.id, role: 'admin' },
    ]);
    expect(await storage.listMembers(a.id)).toEqual([{ userId: u.id, email: 'u@x.io', role: 'admin' }]);
    expect(await storage.getWorkspaceSettings(a.id)).toEqual({ agentsMayDelete: false, agentsMayExport: true });
    await storage.setWorkspaceSettings(a.id, { agentsMayDelete: true, agentsMayExport: false });
    expect(await storage.getWorkspaceSettings(a.id)).toEqual({ agentsMayDelete: true, agentsMayExport: false });
    expect(await storage.getWorkspaceSettings(b.id)).toEqual({ agentsMayDelete: false, agentsMayExport: true });
  });

  it('[S9] invites: found by hash, used once', async () => {
    const storage = fresh();
    const a = { id: newId(), name: 'A', createdAt: 1 };
    await storage.createWorkspace(a);
    const invite = { codeHash: 'c1', workspaceId: a.id, role: 'agent' as const, createdBy: 'u1', createdAt: 5, expiresAt: 50 };
    await storage.createInvite(invite);
    expect(await storage.findInvite('c1')).toEqual({ ...invite, usedAt: null, usedBy: null });
    expect(await storage.findInvite('nope')).toBeNull();
    expect(await storage.useInvite('c1', 'u2', 7)).toBe(true);
    expect(await storage.useInvite('c1', 'u3', 8)).toBe(false);
    expect(await storage.findInvite('c1')).toMatchObject({ usedAt: 7, usedBy: 'u2' });
  });

  it("[S9] a user's devices: listed newest first with last sync; creators of records", async () => {
    const storage = fresh();
    const a = { id: newId(), name: 'A', createdAt: 1 };
    await storage.createWorkspace(a);
    await storage.createDevice('d1', { workspaceId: a.id, name: 'Old', createdAt: 1, userId: 'u1' });
    await storage.createDevice('d2', { workspaceId: a.id, name: 'New', createdAt: 2, userId: 'u1' });
    await storage.createDevice('d3', { workspaceId: a.id, name: 'Other', createdAt: 3, userId: 'u2' });
    await storage.markDeviceSynced('d1', 9);
    const list = await storage.listUserDevices('u1');
    expect(list.map((d) => [d.tokenHash, d.name, d.lastSyncAt, d.lastSeenAt, d.userId])).toEqual([
      ['d2', 'New', null, null, 'u1'],
      ['d1', 'Old', 9, 9, 'u1'],
    ]);
    const id = newId();
    await storage.transaction(async (tx) => {
      expect(await tx.getCreator(a.id, id)).toBeNull();
      await tx.setCreator(a.id, id, 'u1');
      expect(await tx.getCreator(a.id, id)).toBe('u1');
    });
  });
}
