// The contact editor's form model (V8): start values from a contact, and parsing the whole draft
// into a change - only the fields the user actually changed, so a concurrent edit of another
// field on another device survives (S5). Pure: unit-tested without a browser.
import type { Contact, CustomValue, FieldDefinition } from '../../../../shared/schema';
import { formatPhone } from '../../../../shared/values';
import type { CountryCode } from '../../../../shared/values/phone';
import {
  customValueToInput,
  parseCustomInput,
  parseEmailInput,
  parseNameInput,
  parsePhoneInput,
  parseUrlInput,
  type EditorInput,
} from '../../../../shared/values/parse-input';

export type ContactDraft = {
  name: string;
  email: string;
  phone: string;
  avatarUrl: string;
  campaignOptIn: boolean;
  custom: Record<string, EditorInput>;
};

export type ScalarChanges = Partial<Pick<Contact, 'name' | 'email' | 'phone' | 'avatarUrl' | 'campaignOptIn'>>;
export type FormResult =
  | { ok: true; set: ScalarChanges; customFields: Record<string, CustomValue> }
  | { ok: false; errors: Record<string, string> };

export function draftOf(contact: Contact | null, fields: FieldDefinition[]): ContactDraft {
  const custom: Record<string, EditorInput> = {};
  for (const f of fields) custom[f.key] = customValueToInput(f, contact?.customFields[f.key]);
  return {
    name: contact?.name ?? '',
    email: contact?.email ?? '',
    phone: contact ? formatPhone(contact.phone) : '',
    avatarUrl: contact?.avatarUrl ?? '',
    campaignOptIn: contact?.campaignOptIn ?? false,
    custom,
  };
}

const sameInput = (a: EditorInput | undefined, b: EditorInput | undefined) => JSON.stringify(a ?? '') === JSON.stringify(b ?? '');

/** Parses every field the user changed from `initial` (all fields for a new contact). */
export function parseDraft(draft: ContactDraft, initial: ContactDraft, fields: FieldDefinition[], country?: CountryCode): FormResult {
  const errors: Record<string, string> = {};
  const set: ScalarChanges = {};
  const customFields: Record<string, CustomValue> = {};
  const scalar = <K extends 'name' | 'email' | 'phone' | 'avatarUrl'>(key: K, parse: (t: string) => { ok: true; value: string } | { ok: false; error: string }) => {
    if (draft[key] === initial[key]) return;
    const r = parse(draft[key]);
    if (r.ok) set[key] = r.value;
    else errors[key] = r.error;
  };
  scalar('name', parseNameInput);
  scalar('email', parseEmailInput);
  scalar('phone', (t) => parsePhoneInput(t, country));
  scalar('avatarUrl', parseUrlInput);
  if (draft.campaignOptIn !== initial.campaignOptIn) set.campaignOptIn = draft.campaignOptIn;
  for (const f of fields) {
    if (sameInput(draft.custom[f.key], initial.custom[f.key])) continue;
    const r = parseCustomInput(f, draft.custom[f.key] ?? '', country);
    if (r.ok) customFields[f.key] = r.value;
    else errors[`cf:${f.key}`] = r.error;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, set, customFields };
}
