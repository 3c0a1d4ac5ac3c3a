// Workspace administration (issue 11): the caller's access (role + settings), settings and invites
// (admin only), members, and devices with revoke (own; an admin: every member's in the workspace).
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import {
  createInviteSchema,
  deviceIdSchema,
  workspaceSettingsSchema,
  type Access,
  type DeviceInfo,
  type InviteResponse,
  type Member,
} from '../../shared/accounts';
import { createInvite } from '../accounts/service';
import type { Auth } from '../auth';
import type { DeviceRow, Storage } from '../storage/types';
import { authedProcedure, input, router } from '../trpc';

const adminProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.auth.role !== 'admin') throw new TRPCError({ code: 'FORBIDDEN', message: 'only admins can change workspace settings' });
  return next();
});

type Ctx = { storage: Storage; auth: Auth };

/** Devices the caller may see and revoke: their own; an admin also every member's device in this
 *  workspace. Tokens from before accounts (no user) see only themselves. */
async function visibleDevices(ctx: Ctx): Promise<(DeviceRow & { tokenHash: string; owner: string | null })[]> {
  if (!ctx.auth.userId) {
    const d = await ctx.storage.findDevice(ctx.auth.tokenHash);
    return d ? [{ ...d, tokenHash: ctx.auth.tokenHash, owner: null }] : [];
  }
  const members =
    ctx.auth.role === 'admin'
      ? await ctx.storage.listMembers(ctx.auth.workspaceId)
      : [{ userId: ctx.auth.userId, email: (await ctx.storage.getUser(ctx.auth.userId))?.email ?? '' }];
  const lists = await Promise.all(
    members.map(async (m) =>
      (await ctx.storage.listUserDevices(m.userId))
        .filter((d) => d.userId === ctx.auth.userId || d.workspaceId === ctx.auth.workspaceId)
        .map((d) => ({ ...d, owner: m.email })),
    ),
  );
  return lists.flat().sort((x, y) => y.createdAt - x.createdAt);
}

export const workspaceRouter = router({
  access: authedProcedure.query(async ({ ctx }): Promise<Access> => {
    const [workspace, settings, user] = await Promise.all([
      ctx.storage.getWorkspace(ctx.auth.workspaceId),
      ctx.storage.getWorkspaceSettings(ctx.auth.workspaceId),
      ctx.auth.userId ? ctx.storage.getUser(ctx.auth.userId) : null,
    ]);
    if (!workspace) throw new TRPCError({ code: 'NOT_FOUND', message: 'workspace not found' });
    return { email: user?.email ?? null, role: ctx.auth.role, settings, workspace: { id: workspace.id, name: workspace.name } };
  }),

  updateSettings: adminProcedure.input(input(workspaceSettingsSchema)).mutation(async ({ ctx, input }) => {
    await ctx.storage.setWorkspaceSettings(ctx.auth.workspaceId, input);
    ctx.log.info('workspace.settings', { workspace: ctx.auth.workspaceId, ...input });
    return input;
  }),

  createInvite: adminProcedure.input(input(createInviteSchema)).mutation(async ({ ctx, input }): Promise<InviteResponse> => {
    if (!ctx.auth.userId) throw new TRPCError({ code: 'FORBIDDEN', message: 'sign in with an account to invite teammates' });
    return createInvite(ctx.storage, { workspaceId: ctx.auth.workspaceId, createdBy: ctx.auth.userId, ...input }, Date.now());
  }),

  members: authedProcedure.query(async ({ ctx }): Promise<Member[]> =>
    (await ctx.storage.listMembers(ctx.auth.workspaceId)).map((m) => ({ email: m.email, role: m.role })),
  ),

  devices: authedProcedure.query(async ({ ctx }): Promise<DeviceInfo[]> =>
    (await visibleDevices(ctx)).map((d) => ({
      id: d.tokenHash,
      name: d.name,
      owner: d.owner,
      createdAt: d.createdAt,
      lastSeenAt: d.lastSeenAt,
      lastSyncAt: d.lastSyncAt,
      revokedAt: d.revokedAt,
      current: d.tokenHash === ctx.auth.tokenHash,
    })),
  ),

  revokeDevice: authedProcedure.input(input(z.strictObject({ id: deviceIdSchema }))).mutation(async ({ ctx, input }) => {
    // Only devices the caller may see: an unknown id and someone else's look the same.
    const mine = (await visibleDevices(ctx)).some((d) => d.tokenHash === input.id);
    if (!mine) throw new TRPCError({ code: 'NOT_FOUND', message: 'no such device' });
    await ctx.storage.revokeDevice(input.id, Date.now());
    ctx.log.info('auth.revokeDevice', { workspace: ctx.auth.workspaceId });
    return { ok: true as const };
  }),
});
