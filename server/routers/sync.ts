// Sync procedures (S3, S4): both need a valid device token and act only inside its workspace.
import { pullRequestSchema, type PullResponse, type PushResponse } from '../../shared/protocol';
import { pushPolicy } from '../accounts/policy';
import { pullChanges } from '../sync/pull';
import { pullDone } from '../sync/pull-done';
import { pushMutations } from '../sync/push';
import { parsePushItems, pushEnvelopeSchema } from '../sync/push-input';
import { TRPCError } from '@trpc/server';
import { RateLimitedError } from '../rate-limit';
import { DEFAULT_WORKSPACE_SETTINGS } from '../storage/types';
import { authedProcedure, input, router } from '../trpc';

/** Pushes are limited per device token (S9), before the input is even parsed. */
const rateLimitedPush = authedProcedure.use(({ ctx, next }) => {
  const decision = ctx.pushLimiter?.take(ctx.auth.tokenHash);
  if (decision && !decision.ok) {
    const cause = new RateLimitedError(decision.retryAfterMs);
    throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: cause.message, cause });
  }
  return next();
});

export const syncRouter = router({
  pull: authedProcedure.input(input(pullRequestSchema)).query(async ({ ctx, input }): Promise<PullResponse> => {
    // Over HTTP a valid pull is answered by the fast path (sync/pull-http.ts); this answers the rest.
    const started = performance.now();
    const res = await pullChanges(ctx.storage, ctx.auth.workspaceId, input);
    pullDone(
      { storage: ctx.storage, log: ctx.log, tokenHash: ctx.auth.tokenHash, workspaceId: ctx.auth.workspaceId },
      { cursor: input.cursor, changes: res.changes.length, headSeq: res.headSeq, started },
    );
    return res;
  }),

  push: rateLimitedPush.input(input(pushEnvelopeSchema)).mutation(async ({ ctx, input }): Promise<PushResponse> => {
    const started = performance.now();
    const { clientId, items } = parsePushItems(input);
    // Role checks per mutation (issue 11): settings are read before the transaction (a toggle racing a
    // push applies from the next push on).
    // Admins skip the settings read: the push path is hot and admins may do everything.
    const { userId, role } = ctx.auth;
    const settings = role === 'admin' ? DEFAULT_WORKSPACE_SETTINGS : await ctx.storage.getWorkspaceSettings(ctx.auth.workspaceId);
    const policy = pushPolicy({ userId, role, settings });
    const { stats, ...res } = await pushMutations(ctx.storage, ctx.auth.workspaceId, clientId, items, Date.now, policy);
    ctx.log.info('sync.request', {
      procedure: 'sync.push',
      workspace: ctx.auth.workspaceId,
      mutations: input.mutations.length,
      ...stats,
      ms: Math.round(performance.now() - started),
    });
    return res;
  }),
});
