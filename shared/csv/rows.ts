// V11: the columns and rows of a contacts CSV export (pure; the client builds files with it).
// Columns: Name, Email, Phone, Created At, Last Interaction (ISO 8601 UTC), Campaign Opt-in
// (yes/no), every contact custom field by position, then the chosen extras: "Labels" (the
// contact's distinct conversation labels, most recent first) and one column per conversation
// field (the value from the most recent conversation that has one). Every cell is neutralised
// (Q3, see neutralise.ts).
import type { Contact, CustomValue, FieldDefinition } from '../schema';
import { neutraliseCell, neutraliseText, type CsvCell } from './neutralise';

export type { CsvCell };

export type CsvOptions = {
  /** Add a "Labels" column (labels from recent sessions). */
  includeLabels: boolean;
  /** Add one column per conversation field (custom fields from recent sessions). */
  includeConversationFields: boolean;
};

export type CsvColumn = { header: string; cell: (contact: Contact) => CsvCell };

/** How a multiselect value is written in one cell. */
export const LIST_SEPARATOR = '; ';

const iso = (ms: number | null): string => (ms === null ? '' : new Date(ms).toISOString());

/** A stored custom value as one cell: numbers stay numbers, lists are joined, null is empty. */
export function customValueCell(value: CustomValue | undefined): CsvCell {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(LIST_SEPARATOR);
  if (typeof value === 'number') return Number.isFinite(value) ? value : '';
  return value;
}

/** Fields of one scope in display order (position, then creation, then id: stable everywhere). */
export function fieldsInOrder(fields: readonly FieldDefinition[], scope: FieldDefinition['scope']): FieldDefinition[] {
  return fields
    .filter((f) => f.scope === scope)
    .sort((a, b) => a.position - b.position || a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function csvColumns(fields: readonly FieldDefinition[], options: CsvOptions): CsvColumn[] {
  const columns: CsvColumn[] = [
    { header: 'Name', cell: (c) => c.name },
    { header: 'Email', cell: (c) => c.email },
    { header: 'Phone', cell: (c) => c.phone },
    { header: 'Created At', cell: (c) => iso(c.createdAt) },
    { header: 'Last Interaction', cell: (c) => iso(c.lastInteractionAt) },
    { header: 'Campaign Opt-in', cell: (c) => (c.campaignOptIn ? 'yes' : 'no') },
  ];
  for (const f of fieldsInOrder(fields, 'contact')) {
    columns.push({ header: f.label, cell: (c) => customValueCell(c.customFields[f.key]) });
  }
  if (options.includeLabels) {
    columns.push({ header: 'Labels', cell: (c) => c.labels.join(LIST_SEPARATOR) });
  }
  if (options.includeConversationFields) {
    for (const f of fieldsInOrder(fields, 'conversation')) {
      columns.push({ header: f.label, cell: (c) => customValueCell(c.conversationFields[f.key]) });
    }
  }
  return columns;
}

/** The header row, neutralised like any text cell (labels are user input). */
export function csvHeader(columns: readonly CsvColumn[]): string[] {
  return columns.map((col) => neutraliseText(col.header));
}

export function csvRow(contact: Contact, columns: readonly CsvColumn[]): CsvCell[] {
  return columns.map((col) => neutraliseCell(col.cell(contact)));
}
