// CSV text for export files: papaparse quoting (fields with , " CR LF or edge spaces are quoted,
// quotes doubled), CRLF after EVERY record (so chunks can be concatenated), and a UTF-8 byte
// order mark at the start of the file so spreadsheets read accents correctly.
import Papa from 'papaparse';
import type { Contact, FieldDefinition } from '../schema';
import { csvColumns, csvHeader, csvRow, type CsvCell, type CsvOptions } from './rows';

export const CSV_BOM = '\uFEFF';
export const CSV_NEWLINE = '\r\n';

/** Records as CSV text, each ending with CRLF ('' for no records). */
export function serialiseRecords(records: readonly (readonly CsvCell[])[]): string {
  if (records.length === 0) return '';
  return Papa.unparse(records as CsvCell[][], { newline: CSV_NEWLINE, quotes: false, header: false }) + CSV_NEWLINE;
}

/** A whole file in one string (small exports and tests; the app builds large ones in chunks). */
export function contactsCsv(contacts: readonly Contact[], fields: readonly FieldDefinition[], options: CsvOptions): string {
  const columns = csvColumns(fields, options);
  return CSV_BOM + serialiseRecords([csvHeader(columns), ...contacts.map((c) => csvRow(c, columns))]);
}
