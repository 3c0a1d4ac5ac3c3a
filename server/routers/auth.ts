// Sign-in (S9, issue 11): email + password accounts, invites, and the one-click demo (only while
// DEMO is on: signs in as the demo workspace's admin). Every sign-in issues a device token named
// after the browser/OS; signOut revokes the caller's own token.
import { TRPCError } from '@trpc/server';
import { acceptInviteSchema, signInSchema, signUpSchema } from '../../shared/accounts';
import { demoSignInSchema, type SignInResponse } from '../../shared/protocol';
import { ensureDemoAdmin } from '../accounts/demo';
import { acceptInvite, issueDevice, signIn, signUp } from '../accounts/service';
import { authedProcedure, input, publicProcedure, router } from '../trpc';

export const authRouter = router({
  /** What the sign-in screen offers (the demo button only while DEMO is on). */
  config: publicProcedure.query(({ ctx }) => ({ demo: ctx.demo })),

  demoSignIn: publicProcedure.input(input(demoSignInSchema)).mutation(async ({ ctx, input }): Promise<SignInResponse> => {
    if (!ctx.demo) throw new TRPCError({ code: 'FORBIDDEN', message: 'demo sign-in is disabled on this server' });
    const [workspace] = await ctx.storage.listWorkspaces();
    if (!workspace) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'no demo workspace exists yet' });
    const admin = await ensureDemoAdmin(ctx.storage, workspace.id);
    ctx.log.info('auth.demoSignIn', { workspace: workspace.id, device: input.deviceName });
    return issueDevice(ctx.storage, workspace.id, admin.id, input.deviceName, Date.now());
  }),

  signUp: publicProcedure.input(input(signUpSchema)).mutation(async ({ ctx, input }) => {
    const res = await signUp(ctx.storage, input, Date.now());
    ctx.log.info('auth.signUp', { workspace: res.workspace.id, device: input.deviceName });
    return res;
  }),

  signIn: publicProcedure.input(input(signInSchema)).mutation(async ({ ctx, input }) => {
    const res = await signIn(ctx.storage, input, ctx.ip, Date.now());
    ctx.log.info('auth.signIn', { workspace: res.workspace.id, device: input.deviceName });
    return res;
  }),

  acceptInvite: publicProcedure.input(input(acceptInviteSchema)).mutation(async ({ ctx, input }) => {
    const res = await acceptInvite(ctx.storage, input, ctx.ip, Date.now());
    ctx.log.info('auth.acceptInvite', { workspace: res.workspace.id, device: input.deviceName });
    return res;
  }),

  signOut: authedProcedure.mutation(async ({ ctx }) => {
    await ctx.storage.revokeDevice(ctx.auth.tokenHash, Date.now());
    return { ok: true as const };
  }),
});
