// The fields a filter condition can name (D6), with the kind of value each compares.
// One list for the drawer (what to offer), the validator and the evaluator (how to compare).
import type { FieldDefinition, FieldType, OperatorKind } from '../schema';

export type FilterFieldInfo = {
  /** 'name' | 'createdAt' | ... | 'cf:<key>' | 'conv:<key>' */
  id: string;
  label: string;
  kind: OperatorKind;
  /** select / multiselect options, in the field's order. */
  options?: string[];
  /** The stored value is a phone number: text operators also compare bare digits. */
  phone?: boolean;
};

export const BUILTIN_FIELD_INFO: readonly FilterFieldInfo[] = [
  { id: 'name', label: 'Name', kind: 'text' },
  { id: 'email', label: 'Email', kind: 'text' },
  { id: 'phone', label: 'Phone', kind: 'text', phone: true },
  { id: 'createdAt', label: 'Created at', kind: 'date' },
  { id: 'lastInteractionAt', label: 'Last interaction', kind: 'date' },
  { id: 'campaignOptIn', label: 'Campaign opt-in', kind: 'boolean' },
  { id: 'labels', label: 'Labels', kind: 'label' },
  { id: 'conversationCount', label: 'Conversations', kind: 'number' },
];

/** The operator kind of a custom field type. */
export function kindOfFieldType(type: FieldType): OperatorKind {
  switch (type) {
    case 'number':
    case 'date':
    case 'select':
    case 'multiselect':
      return type;
    default:
      return 'text';
  }
}

function customInfo(field: FieldDefinition): FilterFieldInfo {
  const prefix = field.scope === 'contact' ? 'cf' : 'conv';
  const kind = kindOfFieldType(field.type);
  const info: FilterFieldInfo = { id: `${prefix}:${field.key}`, label: field.label, kind };
  if (kind === 'select' || kind === 'multiselect') info.options = [...field.options];
  if (field.type === 'phone') info.phone = true;
  return info;
}

/** Built-ins first, then contact custom fields, then conversation fields, each by position. */
export function filterFieldsFor(fields: readonly FieldDefinition[]): FilterFieldInfo[] {
  const byPosition = [...fields].sort((a, b) => a.position - b.position || (a.key < b.key ? -1 : 1));
  return [
    ...BUILTIN_FIELD_INFO.map((f) => ({ ...f })),
    ...byPosition.filter((f) => f.scope === 'contact').map(customInfo),
    ...byPosition.filter((f) => f.scope === 'conversation').map(customInfo),
  ];
}

/** The info for one field id, or undefined if no such field exists (e.g. the field was deleted). */
export function findFilterField(id: string, fields: readonly FieldDefinition[]): FilterFieldInfo | undefined {
  const builtin = BUILTIN_FIELD_INFO.find((f) => f.id === id);
  if (builtin) return builtin;
  const m = /^(cf|conv):(.+)$/.exec(id);
  if (!m) return undefined;
  const scope = m[1] === 'cf' ? 'contact' : 'conversation';
  const def = fields.find((f) => f.scope === scope && f.key === m[2]);
  return def ? customInfo(def) : undefined;
}
