// What every answered pull does, whichever path answered it (tRPC procedure or HTTP fast path):
// note the device's last sync and log the request.
import { noteDeviceSynced } from '../accounts/last-sync';
import type { Logger } from '../log';
import type { Storage } from '../storage/types';

export type PullDone = { storage: Storage; log: Logger; tokenHash: string; workspaceId: string };

export function pullDone(ctx: PullDone, fields: { cursor: number; changes: number; headSeq: number; started: number }): void {
  // Not awaited: the answer does not wait for this bookkeeping write (at most one a minute per device).
  // Settings › Devices "last sync": every sync ends with a pull.
  noteDeviceSynced(ctx.storage, ctx.tokenHash).catch((error: unknown) =>
    ctx.log.error('device.lastSync_failed', { error: error instanceof Error ? error.message : String(error) }),
  );
  ctx.log.info('sync.request', {
    procedure: 'sync.pull',
    workspace: ctx.workspaceId,
    cursor: fields.cursor,
    changes: fields.changes,
    headSeq: fields.headSeq,
    ms: Math.round(performance.now() - fields.started),
  });
}
