// Pull (S4): changes after the cursor in seq order, one page at a time. Each change carries its
// seq; tombstones carry no data. The page and headSeq are read in one snapshot.
// Two shapes of the same page: objects (the tRPC procedure, in-process callers) and wire JSON
// (pull-http.ts, the HTTP fast path); both make the same checks, in the same order.
import { TRPCError } from '@trpc/server';
import type { Change, PullResponse } from '../../shared/protocol';
import type { Storage, StoredRecord } from '../storage/types';

export type PullRequestInput = { clientId: string; cursor: number; limit: number };

function toChange(r: StoredRecord): Change {
  if (r.deleted) return { kind: r.kind, id: r.id, seq: r.seq, deleted: true };
  // Data was validated with the shared schemas when it was written.
  return { kind: r.kind, id: r.id, seq: r.seq, deleted: false, data: r.data } as Change;
}

/** The caller's client, refused when it belongs to another workspace. */
async function pullClient(storage: Storage, workspaceId: string, clientId: string) {
  const client = await storage.getClient(clientId);
  if (client && client.workspaceId !== workspaceId) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'clientId belongs to another workspace' });
  }
  return client;
}

/** Everything of the answer but the changes, from the page just read. */
function pageTail(req: PullRequestInput, count: number, lastSeq: number, headSeq: number, lastMutationId: number): Omit<PullResponse, 'changes'> {
  if (req.cursor > headSeq) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `cursor: ${req.cursor} is ahead of the server (head ${headSeq}); reset the cursor to 0 and resync`,
    });
  }
  const cursor = count > 0 ? lastSeq : req.cursor;
  return { cursor, hasMore: cursor < headSeq, headSeq, lastMutationId };
}

export async function pullChanges(storage: Storage, workspaceId: string, req: PullRequestInput): Promise<PullResponse> {
  const client = await pullClient(storage, workspaceId, req.clientId);
  const { records, headSeq } = await storage.changesSince(workspaceId, req.cursor, req.limit);
  const tail = pageTail(req, records.length, records.at(-1)?.seq ?? req.cursor, headSeq, client?.lastMutationId ?? 0);
  return { changes: records.map(toChange), ...tail };
}

/** A page as the body of tRPC's answer, {"result":{"data":PullResponse}}, in parts (no copy of the changes). */
export type PullJson = { parts: Buffer[]; length: number; changes: number; tail: Omit<PullResponse, 'changes'> };

export async function pullChangesJson(storage: Storage, workspaceId: string, req: PullRequestInput): Promise<PullJson> {
  const client = await pullClient(storage, workspaceId, req.clientId);
  const page = await storage.changesSinceJson(workspaceId, req.cursor, req.limit);
  const tail = pageTail(req, page.count, page.lastSeq, page.headSeq, client?.lastMutationId ?? 0);
  // Key order as PullResponse: changes first, then the tail's fields.
  const parts = [Buffer.from('{"result":{"data":{"changes":['), page.json, Buffer.from(`],${JSON.stringify(tail).slice(1)}}}`)];
  return { parts, length: parts.reduce((n, p) => n + p.length, 0), changes: page.count, tail };
}
