// Pull (S4): changes after the cursor in seq order, one page at a time. Each change carries its
// seq; tombstones carry no data. The page and headSeq are read in one snapshot.
import { TRPCError } from '@trpc/server';
import type { Change, PullResponse } from '../../shared/protocol';
import type { Storage, StoredRecord } from '../storage/types';

function toChange(r: StoredRecord): Change {
  if (r.deleted) return { kind: r.kind, id: r.id, seq: r.seq, deleted: true };
  // Data was validated with the shared schemas when it was written.
  return { kind: r.kind, id: r.id, seq: r.seq, deleted: false, data: r.data } as Change;
}

export async function pullChanges(
  storage: Storage,
  workspaceId: string,
  req: { clientId: string; cursor: number; limit: number },
): Promise<PullResponse> {
  const client = await storage.getClient(req.clientId);
  if (client && client.workspaceId !== workspaceId) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'clientId belongs to another workspace' });
  }
  const { records, headSeq } = await storage.changesSince(workspaceId, req.cursor, req.limit);
  if (req.cursor > headSeq) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `cursor: ${req.cursor} is ahead of the server (head ${headSeq}); reset the cursor to 0 and resync`,
    });
  }
  const cursor = records.length > 0 ? records[records.length - 1].seq : req.cursor;
  return {
    changes: records.map(toChange),
    cursor,
    hasMore: cursor < headSeq,
    headSeq,
    lastMutationId: client?.lastMutationId ?? 0,
  };
}
