// Checks ingested custom values against the workspace's field definitions of one scope, reporting
// every bad key with its path (customFields.<key>) so a webhook author sees exactly what to fix.
import type { CustomFields, CustomValue, FieldScope } from '../../shared/schema';
import { validateCustomValue } from '../../shared/values';
import type { StorageTx } from '../storage/types';
import { liveFieldDefinitions } from '../sync/custom-fields';
import { IngestError } from './errors';

export async function checkIngestCustomFields(
  tx: StorageTx,
  workspaceId: string,
  scope: FieldScope,
  values: CustomFields,
  pathPrefix = 'customFields',
): Promise<Record<string, CustomValue>> {
  if (Object.keys(values).length === 0) return {};
  const defs = await liveFieldDefinitions(tx, workspaceId, scope);
  const out: Record<string, CustomValue> = {};
  const issues: { path: string; message: string }[] = [];
  for (const [key, raw] of Object.entries(values)) {
    // Clearing is always allowed, even for a field deleted meanwhile (as in sync's check).
    if (raw === null) {
      out[key] = null;
      continue;
    }
    const def = defs.get(key);
    if (!def) {
      issues.push({ path: `${pathPrefix}.${key}`, message: `unknown ${scope} field` });
      continue;
    }
    const result = validateCustomValue(def, raw);
    if (result.ok) out[key] = result.value;
    else issues.push({ path: `${pathPrefix}.${key}`, message: result.error });
  }
  if (issues.length > 0) throw new IngestError(400, issues);
  return out;
}

/** Applies a per-key patch: null removes the key, anything else replaces it. */
export function mergeCustomFields(
  current: Record<string, CustomValue>,
  patch: Record<string, CustomValue>,
): Record<string, CustomValue> {
  const next = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return next;
}
