// Push (S3): a batch of one client's mutations, applied in ONE transaction, each exactly once keyed
// by (clientId, mutation id). A replayed mutation returns its recorded result and changes nothing.
// The promise resolves only after COMMIT, so an acknowledgement is durable (R4).
import { TRPCError } from '@trpc/server';
import type { Mutation } from '../../shared/mutations';
import type { MutationResult, PushResponse } from '../../shared/protocol';
import type { PushPolicy } from '../accounts/policy';
import type { Storage, StorageTx } from '../storage/types';
import { applyContactCreate, applyContactDelete, applyContactPatchOp } from './apply-contact';
import { applyFieldCreate, applyFieldDelete, applyFieldPatchOp } from './apply-field';
import { applySegmentCreate, applySegmentDelete, applySegmentPatchOp } from './apply-segment';
import { rejected, type Outcome } from './outcome';
import type { PushItem } from './push-input';

function applyOne(tx: StorageTx, workspaceId: string, m: Mutation, now: number): Promise<Outcome> {
  switch (m.name) {
    case 'contact.create':
      return applyContactCreate(tx, workspaceId, m.args, now);
    case 'contact.patch':
      return applyContactPatchOp(tx, workspaceId, m.args, now);
    case 'contact.delete':
      return applyContactDelete(tx, workspaceId, m.args);
    case 'field.create':
      return applyFieldCreate(tx, workspaceId, m.args, now);
    case 'field.patch':
      return applyFieldPatchOp(tx, workspaceId, m.args, now);
    case 'field.delete':
      return applyFieldDelete(tx, workspaceId, m.args);
    case 'segment.create':
      return applySegmentCreate(tx, workspaceId, m.args, now);
    case 'segment.patch':
      return applySegmentPatchOp(tx, workspaceId, m.args, now);
    case 'segment.delete':
      return applySegmentDelete(tx, workspaceId, m.args);
  }
}

function toResult(id: number, o: { status: Outcome['status']; reason?: string | null }): MutationResult {
  return o.status === 'applied' ? { id, status: 'applied' } : { id, status: o.status, reason: o.reason ?? '' };
}

export type PushStats = { applied: number; ignored: number; rejected: number; replayed: number };

export async function pushMutations(
  storage: Storage,
  workspaceId: string,
  clientId: string,
  items: PushItem[],
  now: () => number = Date.now,
  /** Role checks (issue 11); absent = everything allowed (in-process tests, legacy tokens). */
  policy?: PushPolicy,
): Promise<PushResponse & { stats: PushStats }> {
  return storage.transaction(async (tx) => {
    const client = await tx.ensureClient(clientId, workspaceId);
    if (client.workspaceId !== workspaceId) {
      throw new TRPCError({ code: 'FORBIDDEN', message: 'clientId belongs to another workspace' });
    }
    const stats: PushStats = { applied: 0, ignored: 0, rejected: 0, replayed: 0 };
    const results: MutationResult[] = [];
    let last = client.lastMutationId;
    for (const item of items) {
      const id = item.ok ? item.mutation.id : item.id;
      // Results are recorded only up to the high-water mark (recordMutationResult raises it in the same
      // transaction), so an id above it was never processed: no lookup (a round trip on PostgreSQL).
      const stored = id <= last ? await tx.getMutationResult(clientId, id) : null;
      if (stored) {
        stats.replayed += 1;
        results.push(toResult(id, stored));
        continue;
      }
      // Ids only grow per client; an unseen id at or below the high-water mark arrived out of order.
      const refusal = item.ok && id > last && policy ? await policy.check(tx, workspaceId, item.mutation) : null;
      const outcome = !item.ok
        ? rejected(item.reason)
        : id <= last
          ? rejected(`id: mutation ${id} arrived after mutation ${last} (out of order)`)
          : refusal
            ? rejected(refusal)
            : await applyOne(tx, workspaceId, item.mutation, now());
      if (item.ok && outcome.status === 'applied') await policy?.applied(tx, workspaceId, item.mutation);
      await tx.recordMutationResult(clientId, workspaceId, id, {
        status: outcome.status,
        reason: outcome.status === 'applied' ? null : outcome.reason,
      });
      stats[outcome.status] += 1;
      last = Math.max(last, id);
      results.push(toResult(id, outcome));
    }
    return { results, lastMutationId: last, stats };
  });
}
