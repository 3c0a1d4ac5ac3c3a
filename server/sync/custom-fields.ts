// Checks a customFields patch against the workspace's live field definitions of one scope:
// unknown keys and values of the wrong type are refused with a reason naming the field.
import type { CustomValue, FieldDefinition, FieldScope } from '../../shared/schema';
import { validateCustomValue } from '../../shared/values';
import type { StorageTx } from '../storage/types';

export async function liveFieldDefinitions(tx: StorageTx, workspaceId: string, scope: FieldScope) {
  const records = await tx.listLive(workspaceId, 'field');
  const byKey = new Map<string, FieldDefinition>();
  for (const r of records) {
    const def = r.data as FieldDefinition;
    if (def.scope === scope) byKey.set(def.key, def);
  }
  return byKey;
}

export type CustomFieldsCheck =
  | { ok: true; value: Record<string, CustomValue> }
  | { ok: false; reason: string };

export function checkCustomFields(
  defs: Map<string, FieldDefinition>,
  patch: Record<string, CustomValue>,
): CustomFieldsCheck {
  const value: Record<string, CustomValue> = {};
  for (const [key, raw] of Object.entries(patch)) {
    const def = defs.get(key);
    // Clearing is always allowed, even for a field deleted meanwhile (nothing to validate).
    if (raw === null) {
      value[key] = null;
      continue;
    }
    if (!def) return { ok: false, reason: `customFields.${key}: unknown field` };
    const result = validateCustomValue(def, raw);
    if (!result.ok) return { ok: false, reason: `customFields.${key}: ${result.error}` };
    value[key] = result.value;
  }
  return { ok: true, value };
}
