// What the editors (inline cells and the contact editor, V7) do with typed text: turn it into the
// stored value or a clear error, with the same rules the server applies (validateCustomValue and
// the contact schema). An empty input always means "clear the value".
import { emailSchema, httpUrlSchema } from '../schema/contact';
import type { CustomValue, FieldDefinition } from '../schema/field';
import { validateCustomValue } from './custom-value';
import { formatPhone, parsePhone, type CountryCode } from './phone';

export type InputResult<T> = { ok: true; value: T } | { ok: false; error: string };
/** What an editor holds: text for most types, a list of options for multiselect. */
export type EditorInput = string | string[];

const ok = <T>(value: T): InputResult<T> => ({ ok: true, value });
const fail = <T>(error: string): InputResult<T> => ({ ok: false, error });

/** Email as stored: '' clears. */
export function parseEmailInput(text: string): InputResult<string> {
  const t = text.trim();
  if (t === '') return ok('');
  return emailSchema.safeParse(t).success ? ok(t) : fail('Enter a valid email address, like name@example.com');
}

/** Phone as stored (E.164): '' clears; national numbers use the device's country. */
export function parsePhoneInput(text: string, country?: CountryCode): InputResult<string> {
  if (text.trim() === '') return ok('');
  const parsed = parsePhone(text, country);
  return parsed.ok ? ok(parsed.e164) : fail(`Phone number ${parsed.error}`);
}

/** http(s) URL: '' clears; anything else (javascript:, ftp:, no scheme) is refused. */
export function parseUrlInput(text: string): InputResult<string> {
  const t = text.trim();
  if (t === '') return ok('');
  return httpUrlSchema.safeParse(t).success ? ok(t) : fail('Enter a web address starting with http:// or https://');
}

export function parseNameInput(text: string): InputResult<string> {
  const t = text.trim();
  return t === '' ? fail('Name is required') : ok(t);
}

/** A custom field value from editor input: null clears; the value is checked against the field. */
export function parseCustomInput(field: FieldDefinition, input: EditorInput, country?: CountryCode): InputResult<CustomValue> {
  if (Array.isArray(input)) {
    if (field.type !== 'multiselect') return fail('Choose one option');
    return input.length === 0 ? ok(null) : checked(field, input);
  }
  const t = input.trim();
  if (t === '') return ok(null);
  switch (field.type) {
    case 'number': {
      const n = Number(t.replace(/[\s,]/g, ''));
      return Number.isFinite(n) && /\d/.test(t) ? checked(field, n) : fail('Enter a number, like 42 or 3.5');
    }
    case 'phone': {
      const parsed = parsePhoneInput(t, country);
      return parsed.ok ? checked(field, parsed.value) : parsed;
    }
    case 'email': {
      const parsed = parseEmailInput(t);
      return parsed.ok ? checked(field, parsed.value) : parsed;
    }
    case 'url': {
      const parsed = parseUrlInput(t);
      return parsed.ok ? checked(field, parsed.value) : parsed;
    }
    case 'date':
      return checked(field, t, 'Enter a date as YYYY-MM-DD');
    case 'multiselect':
      return checked(field, [t]);
    default:
      return checked(field, t);
  }
}

function checked(field: FieldDefinition, value: CustomValue, message?: string): InputResult<CustomValue> {
  const result = validateCustomValue(field, value);
  if (result.ok) return ok(result.value);
  return fail(message ?? `${field.label} ${result.error}`);
}

/** The editor's starting input for a stored value (phones shown formatted, numbers as typed). */
export function customValueToInput(field: FieldDefinition, value: CustomValue | undefined): EditorInput {
  if (field.type === 'multiselect') return Array.isArray(value) ? value : [];
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'number') return String(value);
  return field.type === 'phone' ? formatPhone(value) : value;
}

/** Same stored value? (multiselect order-insensitive) - an unchanged edit writes nothing. */
export function sameCustomValue(a: CustomValue | undefined, b: CustomValue | undefined): boolean {
  const na = a === undefined || (Array.isArray(a) && a.length === 0) ? null : a;
  const nb = b === undefined || (Array.isArray(b) && b.length === 0) ? null : b;
  if (Array.isArray(na) && Array.isArray(nb)) return na.length === nb.length && na.every((v) => nb.includes(v));
  return na === nb;
}
