// Typed validation of a custom field value against its definition (D3). Used by the server when
// applying mutations and by the inline editors, so both accept and refuse exactly the same values.
import { LIMITS } from '../limits';
import { e164Schema, emailSchema, httpUrlSchema } from '../schema/contact';
import type { CustomValue, FieldDefinition } from '../schema/field';

export type CustomValueResult = { ok: true; value: CustomValue } | { ok: false; error: string };

const ok = (value: CustomValue): CustomValueResult => ({ ok: true, value });
const fail = (error: string): CustomValueResult => ({ ok: false, error });

/** True for a real calendar date written as YYYY-MM-DD (rejects 2025-02-30). */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export function validateCustomValue(def: FieldDefinition, value: unknown): CustomValueResult {
  if (value === null) return ok(null);
  switch (def.type) {
    case 'text':
      if (typeof value !== 'string') return fail('must be text');
      if (value.length > LIMITS.textValueMax) return fail(`must be at most ${LIMITS.textValueMax} characters`);
      return ok(value);
    case 'email':
      if (typeof value !== 'string' || !emailSchema.safeParse(value).success) return fail('is not a valid email address');
      return ok(value);
    case 'phone':
      if (typeof value !== 'string' || !e164Schema.safeParse(value).success) return fail('must be an E.164 phone number');
      return ok(value);
    case 'url':
      if (typeof value !== 'string' || !httpUrlSchema.safeParse(value).success) return fail('must be an http(s) URL');
      return ok(value);
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return fail('must be a number');
      return ok(value);
    case 'select':
      if (typeof value !== 'string') return fail('must be one option');
      if (!def.options.includes(value)) return fail(`"${value}" is not an option`);
      return ok(value);
    case 'multiselect': {
      if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string')) {
        return fail('must be a list of options');
      }
      const unknown = value.find((v) => !def.options.includes(v));
      if (unknown !== undefined) return fail(`"${unknown}" is not an option`);
      return ok([...new Set(value)]);
    }
    case 'date':
      if (typeof value !== 'string' || !isIsoDate(value)) return fail('must be a date (YYYY-MM-DD)');
      return ok(value);
  }
}
