// Workspace administration (issue 11): the caller's access (role + settings), settings and invites
// (admin only), members, and the caller's own devices with revoke.
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
import { authedProcedure, input, router } from '../trpc';

const adminProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.auth.role !== 'admin') throw new TRPCError({ code: 'FORBIDDEN', message: 'only admins can change workspace settings' });
  return next();
});

/** Devices belong to users; tokens from before accounts (no user) see only themselves. */
async function ownDevices(ctx: { storage: import('../storage/types').Storage; auth: import('../auth').Auth }) {
  if (!ctx.auth.userId) {
    const d = await ctx.storage.findDevice(ctx.auth.tokenHash);
    return d ? [{ ...d, tokenHash: ctx.auth.tokenHash }] : [];
  }
  return ctx.storage.listUserDevices(ctx.auth.userId);
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
    (await ownDevices(ctx)).map((d) => ({
      id: d.tokenHash,
      name: d.name,
      createdAt: d.createdAt,
      lastSeenAt: d.lastSeenAt,
      lastSyncAt: d.lastSyncAt,
      revokedAt: d.revokedAt,
      current: d.tokenHash === ctx.auth.tokenHash,
    })),
  ),

  revokeDevice: authedProcedure.input(input(z.strictObject({ id: deviceIdSchema }))).mutation(async ({ ctx, input }) => {
    // Only the caller's own devices: an unknown id and someone else's look the same.
    const mine = (await ownDevices(ctx)).some((d) => d.tokenHash === input.id);
    if (!mine) throw new TRPCError({ code: 'NOT_FOUND', message: 'no such device' });
    await ctx.storage.revokeDevice(input.id, Date.now());
    ctx.log.info('auth.revokeDevice', { workspace: ctx.auth.workspaceId });
    return { ok: true as const };
  }),
});
