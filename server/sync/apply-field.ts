// field.create / field.patch / field.delete. Keys are unique per scope among live definitions;
// only select types carry options. A delete tombstones the definition (values stay on records,
// unknown keys are ignored by the view; a new field with that key starts from those values).
import { applyFieldPatch, type MutationArgs } from '../../shared/mutations';
import type { FieldDefinition, FieldType } from '../../shared/schema';
import type { StorageTx } from '../storage/types';
import { liveFieldDefinitions } from './custom-fields';
import { APPLIED, checkIdOwnership, ignored, rejected, type Outcome } from './outcome';

const hasOptions = (type: FieldType) => type === 'select' || type === 'multiselect';

function checkOptions(def: FieldDefinition): Outcome | null {
  if (!hasOptions(def.type) && def.options.length > 0) return rejected(`options: a ${def.type} field has no options`);
  if (new Set(def.options).size !== def.options.length) return rejected('options: must be unique');
  return null;
}

export async function applyFieldCreate(
  tx: StorageTx,
  workspaceId: string,
  args: MutationArgs<'field.create'>,
  now: number,
): Promise<Outcome> {
  const denied = await checkIdOwnership(tx, workspaceId, 'field', args.id);
  if (denied) return denied;
  const existing = await tx.getRecord(workspaceId, 'field', args.id);
  if (existing?.deleted) return ignored('field was deleted');
  if (existing) return ignored('field already exists');
  const clash = (await liveFieldDefinitions(tx, workspaceId, args.scope)).get(args.key);
  if (clash) return rejected(`key: "${args.key}" is already used by field "${clash.label}"`);
  const def: FieldDefinition = { ...args, updatedAt: now };
  const bad = checkOptions(def);
  if (bad) return bad;
  await tx.putRecord(workspaceId, { kind: 'field', id: def.id, data: def });
  return APPLIED;
}

export async function applyFieldPatchOp(
  tx: StorageTx,
  workspaceId: string,
  args: MutationArgs<'field.patch'>,
  now: number,
): Promise<Outcome> {
  const denied = await checkIdOwnership(tx, workspaceId, 'field', args.id);
  if (denied) return denied;
  const existing = await tx.getRecord(workspaceId, 'field', args.id);
  if (!existing) return ignored('field not found');
  if (existing.deleted) return ignored('field was deleted');
  const next = applyFieldPatch(existing.data as FieldDefinition, args, now);
  const bad = checkOptions(next);
  if (bad) return bad;
  await tx.putRecord(workspaceId, { kind: 'field', id: next.id, data: next });
  return APPLIED;
}

export async function applyFieldDelete(
  tx: StorageTx,
  workspaceId: string,
  args: MutationArgs<'field.delete'>,
): Promise<Outcome> {
  const denied = await checkIdOwnership(tx, workspaceId, 'field', args.id);
  if (denied) return denied;
  const existing = await tx.getRecord(workspaceId, 'field', args.id);
  if (existing?.deleted) return ignored('field was already deleted');
  await tx.tombstone(workspaceId, 'field', args.id);
  return APPLIED;
}
