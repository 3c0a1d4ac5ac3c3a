// Sync procedures (S3, S4): both need a valid device token and act only inside its workspace.
import { pullRequestSchema, type PullResponse, type PushResponse } from '../../shared/protocol';
import { pullChanges } from '../sync/pull';
import { pushMutations } from '../sync/push';
import { parsePushItems, pushEnvelopeSchema } from '../sync/push-input';
import { authedProcedure, input, router } from '../trpc';

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

  push: authedProcedure.input(input(pushEnvelopeSchema)).mutation(async ({ ctx, input }): Promise<PushResponse> => {
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
