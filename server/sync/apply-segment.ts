// segment.create / segment.patch / segment.delete: same delete-wins rules as contacts.
import { applySegmentPatch, type MutationArgs } from '../../shared/mutations';
import type { Segment } from '../../shared/schema';
import type { StorageTx } from '../storage/types';
import { APPLIED, checkIdOwnership, ignored, type Outcome } from './outcome';

export async function applySegmentCreate(
  tx: StorageTx,
  workspaceId: string,
  args: MutationArgs<'segment.create'>,
  now: number,
): Promise<Outcome> {
  const denied = await checkIdOwnership(tx, workspaceId, 'segment', args.id);
  if (denied) return denied;
  const existing = await tx.getRecord(workspaceId, 'segment', args.id);
  if (existing?.deleted) return ignored('segment was deleted');
  if (existing) return ignored('segment already exists');
  const segment: Segment = { ...args, updatedAt: now };
  await tx.putRecord(workspaceId, { kind: 'segment', id: segment.id, data: segment });
  return APPLIED;
}

export async function applySegmentPatchOp(
  tx: StorageTx,
  workspaceId: string,
  args: MutationArgs<'segment.patch'>,
  now: number,
): Promise<Outcome> {
  const denied = await checkIdOwnership(tx, workspaceId, 'segment', args.id);
  if (denied) return denied;
  const existing = await tx.getRecord(workspaceId, 'segment', args.id);
  if (!existing) return ignored('segment not found');
  if (existing.deleted) return ignored('segment was deleted');
  const next = applySegmentPatch(existing.data as Segment, args, now);
  await tx.putRecord(workspaceId, { kind: 'segment', id: next.id, data: next });
  return APPLIED;
}

export async function applySegmentDelete(
  tx: StorageTx,
  workspaceId: string,
  args: MutationArgs<'segment.delete'>,
): Promise<Outcome> {
  const denied = await checkIdOwnership(tx, workspaceId, 'segment', args.id);
  if (denied) return denied;
  const existing = await tx.getRecord(workspaceId, 'segment', args.id);
  if (existing?.deleted) return ignored('segment was already deleted');
  await tx.tombstone(workspaceId, 'segment', args.id);
  return APPLIED;
}
