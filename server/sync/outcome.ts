// What applying one mutation did, and the checks every apply module shares.
import type { RecordKind } from '../../shared/protocol';
import type { StorageTx } from '../storage/types';

export type Outcome = { status: 'applied' } | { status: 'ignored' | 'rejected'; reason: string };

export const APPLIED: Outcome = { status: 'applied' };
export const ignored = (reason: string): Outcome => ({ status: 'ignored', reason });
export const rejected = (reason: string): Outcome => ({ status: 'rejected', reason });

/**
 * Ids are global: one that lives in another workspace, or is used by another kind of record here,
 * can never be written from this workspace. Returns the rejection, or null when the id is usable.
 */
export async function checkIdOwnership(
  tx: StorageTx,
  workspaceId: string,
  kind: RecordKind,
  id: string,
  field = 'id',
): Promise<Outcome | null> {
  const owner = await tx.ownerOf(id);
  if (!owner) return null;
  if (owner.workspaceId !== workspaceId) return rejected(`${field}: ${id} belongs to another workspace`);
  if (owner.kind !== kind) return rejected(`${field}: ${id} is already used by a ${owner.kind}`);
  return null;
}
