// contact.create / contact.patch / contact.delete on the server (authoritative side of S5):
//  - a patch of a deleted or missing contact is ignored (delete wins, no resurrection);
//  - a create of a tombstoned id is ignored (deletion is permanent);
//  - a delete tombstones the contact and all its conversations.
import { applyContactPatch, contactFromCreate, type MutationArgs } from '../../shared/mutations';
import type { Contact } from '../../shared/schema';
import type { StorageTx } from '../storage/types';
import { checkCustomFields, liveFieldDefinitions } from './custom-fields';
import { APPLIED, checkIdOwnership, ignored, rejected, type Outcome } from './outcome';

export async function applyContactCreate(
  tx: StorageTx,
  workspaceId: string,
  args: MutationArgs<'contact.create'>,
  now: number,
): Promise<Outcome> {
  const denied = await checkIdOwnership(tx, workspaceId, 'contact', args.id);
  if (denied) return denied;
  const existing = await tx.getRecord(workspaceId, 'contact', args.id);
  if (existing?.deleted) return ignored('contact was deleted');
  if (existing) return ignored('contact already exists');
  const fields = checkCustomFields(await liveFieldDefinitions(tx, workspaceId, 'contact'), args.customFields);
  if (!fields.ok) return rejected(fields.reason);
  const contact = contactFromCreate({ ...args, customFields: fields.value }, now);
  await tx.putRecord(workspaceId, { kind: 'contact', id: contact.id, data: contact });
  return APPLIED;
}

export async function applyContactPatchOp(
  tx: StorageTx,
  workspaceId: string,
  args: MutationArgs<'contact.patch'>,
  now: number,
): Promise<Outcome> {
  const denied = await checkIdOwnership(tx, workspaceId, 'contact', args.id);
  if (denied) return denied;
  const existing = await tx.getRecord(workspaceId, 'contact', args.id);
  if (!existing) return ignored('contact not found');
  if (existing.deleted) return ignored('contact was deleted');
  let customFields = args.customFields;
  if (customFields) {
    const fields = checkCustomFields(await liveFieldDefinitions(tx, workspaceId, 'contact'), customFields);
    if (!fields.ok) return rejected(fields.reason);
    customFields = fields.value;
  }
  const next = applyContactPatch(existing.data as Contact, { ...args, customFields }, now);
  await tx.putRecord(workspaceId, { kind: 'contact', id: next.id, data: next });
  return APPLIED;
}

export async function applyContactDelete(
  tx: StorageTx,
  workspaceId: string,
  args: MutationArgs<'contact.delete'>,
): Promise<Outcome> {
  const ids = [...new Set(args.ids)];
  // Check every id before writing anything: a refused mutation must change nothing.
  for (const [i, id] of ids.entries()) {
    const denied = await checkIdOwnership(tx, workspaceId, 'contact', id, `ids.${i}`);
    if (denied) return denied;
  }
  let changed = 0;
  for (const id of ids) {
    const existing = await tx.getRecord(workspaceId, 'contact', id);
    if (existing?.deleted) continue;
    // A tombstone even for an id never seen here: a late create of it can then never resurrect it.
    for (const convId of await tx.conversationIdsOf(workspaceId, id)) await tx.tombstone(workspaceId, 'conversation', convId);
    await tx.tombstone(workspaceId, 'contact', id);
    changed += 1;
  }
  return changed > 0 ? APPLIED : ignored('contacts were already deleted');
}
