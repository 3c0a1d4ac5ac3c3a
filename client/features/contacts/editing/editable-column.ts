// The inline-editable columns of a row (V7): Email, Phone and each visible contact custom field,
// in table order (Tab moves along this list). One descriptor says how to read, parse and save.
import type { Contact, CustomValue, FieldDefinition } from '../../../../shared/schema';
import { formatPhone } from '../../../../shared/values';
import {
  customValueToInput,
  parseCustomInput,
  parseEmailInput,
  parsePhoneInput,
  sameCustomValue,
  type EditorInput,
  type InputResult,
} from '../../../../shared/values/parse-input';
import { db } from '../../../db/db';
import { patchContact } from '../../deps';
import { deviceCountry } from './device-country';

/** Which editor to show: free text (with an input type) or a choice among options. */
export type EditorKind = 'text' | 'email' | 'tel' | 'url' | 'number' | 'date' | 'select' | 'multiselect';

export type EditableColumn = {
  id: string;
  /** "Email", "Phone" or the field label: editors are named "<label> for <contact name>". */
  label: string;
  kind: EditorKind;
  options: string[];
  /** Set for custom fields. */
  field?: FieldDefinition;
};

export const EMAIL_COLUMN: EditableColumn = { id: 'email', label: 'Email', kind: 'email', options: [] };
export const PHONE_COLUMN: EditableColumn = { id: 'phone', label: 'Phone', kind: 'tel', options: [] };

const KIND_OF: Record<FieldDefinition['type'], EditorKind> = {
  text: 'text',
  email: 'email',
  phone: 'tel',
  url: 'url',
  number: 'number',
  date: 'date',
  select: 'select',
  multiselect: 'multiselect',
};

export function customColumn(field: FieldDefinition): EditableColumn {
  return { id: `cf:${field.key}`, label: field.label, kind: KIND_OF[field.type], options: field.options, field };
}

export function editableColumns(contactFields: FieldDefinition[]): EditableColumn[] {
  return [EMAIL_COLUMN, PHONE_COLUMN, ...contactFields.map(customColumn)];
}

type Stored = string | CustomValue | undefined;

function stored(contact: Contact, column: EditableColumn): Stored {
  if (column.field) return contact.customFields[column.field.key];
  return column.id === 'email' ? contact.email : contact.phone;
}

/** What the editor starts with (phones formatted for reading). */
export function startInput(contact: Contact, column: EditableColumn): EditorInput {
  if (column.field) return customValueToInput(column.field, contact.customFields[column.field.key]);
  return column.id === 'email' ? contact.email : formatPhone(contact.phone);
}

export function parseColumnInput(column: EditableColumn, input: EditorInput): InputResult<Stored> {
  if (column.field) return parseCustomInput(column.field, input, deviceCountry());
  const text = Array.isArray(input) ? input.join(' ') : input;
  return column.id === 'email' ? parseEmailInput(text) : parsePhoneInput(text, deviceCountry());
}

export function isUnchanged(contact: Contact, column: EditableColumn, value: Stored): boolean {
  const current = stored(contact, column);
  if (column.field) return sameCustomValue(current as CustomValue | undefined, value as CustomValue | undefined);
  return current === value;
}

/** Saves one parsed value through the local change API (immediate, offline, synced later). */
export async function saveColumn(contact: Contact, column: EditableColumn, value: Stored): Promise<void> {
  if (column.field) {
    await patchContact(db, contact.id, { customFields: { [column.field.key]: (value ?? null) as CustomValue } });
  } else {
    await patchContact(db, contact.id, { set: { [column.id === 'email' ? 'email' : 'phone']: String(value ?? '') } });
  }
}
