// Sign-in. First cut (S9): one click gives this device a token for the demo workspace, only when
// DEMO is on. Tokens are revocable; signOut revokes the caller's own token.
import { TRPCError } from '@trpc/server';
import { demoSignInSchema, type SignInResponse } from '../../shared/protocol';
import { hashToken, newDeviceToken } from '../auth';
import { authedProcedure, input, publicProcedure, router } from '../trpc';

export const authRouter = router({
  demoSignIn: publicProcedure.input(input(demoSignInSchema)).mutation(async ({ ctx, input }): Promise<SignInResponse> => {
    if (!ctx.demo) throw new TRPCError({ code: 'FORBIDDEN', message: 'demo sign-in is disabled on this server' });
    const [workspace] = await ctx.storage.listWorkspaces();
    if (!workspace) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'no demo workspace exists yet' });
    const token = newDeviceToken();
    await ctx.storage.createDevice(hashToken(token), {
      workspaceId: workspace.id,
      name: input.deviceName,
      createdAt: Date.now(),
    });
    ctx.log.info('auth.demoSignIn', { workspace: workspace.id, device: input.deviceName });
    return { token, workspace: { id: workspace.id, name: workspace.name } };
  }),

  signOut: authedProcedure.mutation(async ({ ctx }) => {
    await ctx.storage.revokeDevice(ctx.auth.tokenHash, Date.now());
    return { ok: true as const };
  }),
});
