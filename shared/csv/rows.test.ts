// V11 / Q3: CSV columns, rows and file text.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { contact, field } from './test-data';
import { contactsCsv, CSV_BOM, csvColumns, csvHeader, csvRow, serialiseRecords } from './index';

const FIELDS = [
  field('plan', 'select', 'contact', 1, ['Free', 'Pro']),
  field('company', 'text', 'contact', 0),
  field('interests', 'multiselect', 'contact', 2, ['a', 'b', 'c']),
  field('score', 'number', 'contact', 3),
  field('renewal', 'date', 'contact', 4),
  field('csat', 'number', 'conversation', 1),
  field('priority', 'select', 'conversation', 0, ['High', 'Low']),
];
const BASE = ['Name', 'Email', 'Phone', 'Created At', 'Last Interaction', 'Campaign Opt-in'];
const CONTACT_FIELDS = ['Company', 'Plan', 'Interests', 'Score', 'Renewal'];
const CONVERSATION_FIELDS = ['Priority', 'Csat'];

/** Parses a file back (without BOM) into records. */
function parse(text: string): string[][] {
  expect(text.startsWith(CSV_BOM)).toBe(true);
  return Papa.parse<string[]>(text.slice(1), { newline: '\r\n', skipEmptyLines: false }).data.slice(0, -1);
}

describe('csv columns', () => {
  it.each([
    [false, false, [...BASE, ...CONTACT_FIELDS]],
    [true, false, [...BASE, ...CONTACT_FIELDS, 'Labels']],
    [false, true, [...BASE, ...CONTACT_FIELDS, ...CONVERSATION_FIELDS]],
    [true, true, [...BASE, ...CONTACT_FIELDS, 'Labels', ...CONVERSATION_FIELDS]],
  ])('[V11] labels=%s conversation fields=%s: header in column order', (includeLabels, includeConversationFields, header) => {
    const columns = csvColumns(FIELDS, { includeLabels, includeConversationFields });
    expect(csvHeader(columns)).toEqual(header);
  });

  it('[V11] no custom fields at all: just the built-in columns', () => {
    expect(csvHeader(csvColumns([], { includeLabels: false, includeConversationFields: true }))).toEqual(BASE);
  });
});

describe('csv rows', () => {
  const full = contact({
    name: 'Zoë Åberg',
    email: 'zoe@example.com',
    phone: '+14155550132',
    createdAt: Date.UTC(2025, 0, 2, 3, 4, 5, 6),
    lastInteractionAt: Date.UTC(2025, 5, 30, 23, 59, 59),
    campaignOptIn: true,
    customFields: { company: 'Acme', plan: 'Pro', interests: ['a', 'c'], score: -5, renewal: '2026-03-01' },
    labels: ['vip', 'refund'],
    conversationFields: { priority: 'High', csat: 4.5 },
  });

  it('[V11] every column of a full contact, extras included', () => {
    const row = csvRow(full, csvColumns(FIELDS, { includeLabels: true, includeConversationFields: true }));
    expect(row).toEqual([
      'Zoë Åberg',
      'zoe@example.com',
      "'+14155550132", // Q3: a phone is text, prefixed and still readable
      '2025-01-02T03:04:05.006Z',
      '2025-06-30T23:59:59.000Z',
      'yes',
      'Acme',
      'Pro',
      'a; c', // multiselect joined with "; "
      -5, // Q3: a number field's value stays a number, never prefixed
      '2026-03-01',
      'vip; refund', // labels most recent first (as derived)
      'High',
      4.5,
    ]);
  });

  it('[V11] null and missing values are empty cells; no interaction is empty; opt-in off is "no"', () => {
    const bare = contact({ phone: '', email: '', lastInteractionAt: null, customFields: { company: null }, conversationFields: { csat: null } });
    const row = csvRow(bare, csvColumns(FIELDS, { includeLabels: true, includeConversationFields: true }));
    expect(row.slice(1)).toEqual(['', '', '2025-01-02T03:04:05.000Z', '', 'no', '', '', '', '', '', '', '', '']);
  });

  it('[V11] an empty multiselect is an empty cell', () => {
    const row = csvRow(contact({ customFields: { interests: [] } }), csvColumns(FIELDS, { includeLabels: false, includeConversationFields: false }));
    expect(row[8]).toBe('');
  });

  it.each(['=', '+', '-', '@', '\t', '\r'])('[Q3] a cell starting with %j is prefixed in every text column', (ch) => {
    const evil = `${ch}HYPERLINK("http://x")`;
    const c = contact({ name: evil, customFields: { company: evil }, labels: [evil], conversationFields: { priority: evil } });
    const row = csvRow(c, csvColumns(FIELDS, { includeLabels: true, includeConversationFields: true }));
    expect(row[0]).toBe(`'${evil}`);
    expect(row[6]).toBe(`'${evil}`);
    expect(row[11]).toBe(`'${evil}`);
    expect(row[12]).toBe(`'${evil}`);
  });

  it('[Q3] a field label that looks like a formula is neutralised in the header', () => {
    const evil = { ...field('evil', 'text', 'contact', 0), label: '=1+2' };
    expect(csvHeader(csvColumns([evil], { includeLabels: false, includeConversationFields: false }))[6]).toBe("'=1+2");
  });
});

describe('csv file', () => {
  it('[V11] starts with a UTF-8 BOM, ends every record with CRLF', () => {
    const text = contactsCsv([contact({ name: 'Ana' })], [], { includeLabels: false, includeConversationFields: false });
    expect(text.startsWith('\uFEFFName,Email,Phone,Created At,Last Interaction,Campaign Opt-in\r\n')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')).toHaveLength(3);
    expect(new TextEncoder().encode(text).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  it('[V11] quotes commas, quotes and newlines; round-trips through a CSV parser', () => {
    const tricky = ['Doe, Jane', 'Say "hi"', 'line1\nline2', 'cr\r\nlf', ' padded ', 'Zoë 😀'];
    const contacts = tricky.map((name) => contact({ name }));
    const text = contactsCsv(contacts, [], { includeLabels: false, includeConversationFields: false });
    expect(text).toContain('"Doe, Jane"');
    expect(text).toContain('"Say ""hi"""');
    expect(text).toContain('"line1\nline2"');
    expect(parse(text).slice(1).map((r) => r[0])).toEqual(tricky);
  });

  it('[Q3] a neutralised cell with a tab or CR is quoted and parses back to the prefixed text', () => {
    const text = contactsCsv([contact({ name: '\t=1' }), contact({ name: '\r=1' })], [], { includeLabels: false, includeConversationFields: false });
    expect(parse(text).slice(1).map((r) => r[0])).toEqual(["'\t=1", "'\r=1"]);
  });

  it('[V11] rows keep the given order and numbers are written unquoted', () => {
    const score = [field('score', 'number', 'contact', 0)];
    const contacts = [3, -5, 1.25].map((v, i) => contact({ name: `c${i}`, customFields: { score: v } }));
    const lines = contactsCsv(contacts, score, { includeLabels: false, includeConversationFields: false }).split('\r\n');
    expect(lines.slice(1, 4).map((l) => [l.split(',')[0], l.split(',').at(-1)])).toEqual([
      ['c0', '3'],
      ['c1', '-5'],
      ['c2', '1.25'],
    ]);
  });

  it('[V11] chunks concatenate to the same text as one pass', () => {
    const contacts = Array.from({ length: 7 }, (_, i) => contact({ name: `n${i}, x` }));
    const columns = csvColumns([], { includeLabels: true, includeConversationFields: false });
    const rows = contacts.map((c) => csvRow(c, columns));
    const chunked = serialiseRecords([csvHeader(columns)]) + serialiseRecords(rows.slice(0, 3)) + serialiseRecords(rows.slice(3));
    expect(CSV_BOM + chunked).toBe(contactsCsv(contacts, [], { includeLabels: true, includeConversationFields: false }));
    expect(serialiseRecords([])).toBe('');
  });
});
