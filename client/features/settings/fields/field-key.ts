// V14: a new field's key is derived from its label (lower_snake_case, the schema's rule) and must
// not clash with any existing key: the device refuses a key used in either scope.
import { LIMITS } from '../../../../shared/limits';
import { fieldKeySchema } from '../../../../shared/schema';

/** "Lifetime value (€)" -> "lifetime_value"; "2nd phone" -> "f_2nd_phone"; "" -> "". */
export function slugifyKey(label: string): string {
  let key = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // accents off: "Zoë" -> "Zoe"
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (key && !/^[a-z]/.test(key)) key = `f_${key}`;
  return key.slice(0, LIMITS.fieldKeyMax).replace(/_+$/, '');
}

/** The slug of `label`, with _2, _3… appended while it is taken. */
export function uniqueKey(label: string, taken: ReadonlySet<string>): string {
  const base = slugifyKey(label);
  if (!base || !taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `_${n}`;
    const key = base.slice(0, LIMITS.fieldKeyMax - suffix.length) + suffix;
    if (!taken.has(key)) return key;
  }
}

/** Why a typed key cannot be used, or null. */
export function keyProblem(key: string, taken: ReadonlySet<string>): string | null {
  if (!key) return 'Key is required';
  const parsed = fieldKeySchema.safeParse(key);
  if (!parsed.success) return 'Use lower_snake_case: a letter, then letters, digits or _';
  if (taken.has(key)) return `A field with key "${key}" already exists`;
  return null;
}
