// Sync procedures (S3, S4): both need a valid device token and act only inside its workspace.
import { pullRequestSchema, type PullResponse, type PushResponse } from '../../shared/protocol';
import { pullChanges } from '../sync/pull';
import { pushMutations } from '../sync/push';
import { parsePushItems, pushEnvelopeSchema } from '../sync/push-input';
import { TRPCError } from '@trpc/server';
import { RateLimitedError } from '../rate-limit';
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
    const started = performance.now();
    const res = await pullChanges(ctx.storage, ctx.auth.workspaceId, input);
    ctx.log.info('sync.request', {
      procedure: 'sync.pull',
      workspace: ctx.auth.workspaceId,
      cursor: input.cursor,
      changes: res.changes.length,
      headSeq: res.headSeq,
      ms: Math.round(performance.now() - started),
    });
    return res;
  }),

  push: rateLimitedPush.input(input(pushEnvelopeSchema)).mutation(async ({ ctx, input }): Promise<PushResponse> => {
    const started = performance.now();
    const { clientId, items } = parsePushItems(input);
    const { stats, ...res } = await pushMutations(ctx.storage, ctx.auth.workspaceId, clientId, items);
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
