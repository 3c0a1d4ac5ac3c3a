// V11/Q1: builds the export file from IndexedDB in chunks, yielding to the event loop between
// chunks so 100k rows never freeze the page (each chunk: one bulkGet + ~1000 rows of text, a few
// ms). Every chunk becomes its own Blob at once, so the text is encoded a bit at a time and the
// final Blob is assembled without one giant string.
import type { FieldDefinition } from '../../../shared/schema';
import { CSV_BOM, csvColumns, csvHeader, csvRow, serialiseRecords, type CsvOptions } from '../../../shared/csv';
import type { ContactsDB } from '../../db/db';

export const EXPORT_CHUNK = 1000;
export const CSV_MIME = 'text/csv;charset=utf-8';

export type BuildProgress = { done: number; total: number };

export type BuildOptions = CsvOptions & {
  chunkSize?: number;
  onProgress?: (p: BuildProgress) => void;
  /** Stops the build between chunks (dialog closed); the promise then rejects with an AbortError. */
  signal?: AbortSignal;
};

export function yieldToEventLoop(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** The CSV file for `ids`, in that order. Ids missing from the database (deleted meanwhile) are skipped. */
export async function buildContactsCsv(
  db: ContactsDB,
  ids: readonly string[],
  fields: readonly FieldDefinition[],
  options: BuildOptions,
): Promise<{ blob: Blob; rows: number }> {
  const chunkSize = options.chunkSize ?? EXPORT_CHUNK;
  const columns = csvColumns(fields, options);
  const parts: BlobPart[] = [new Blob([CSV_BOM + serialiseRecords([csvHeader(columns)])])];
  let rows = 0;
  options.onProgress?.({ done: 0, total: ids.length });
  for (let start = 0; start < ids.length; start += chunkSize) {
    options.signal?.throwIfAborted();
    const contacts = await db.contacts.bulkGet(ids.slice(start, start + chunkSize));
    const records = [];
    for (const c of contacts) if (c) records.push(csvRow(c, columns));
    rows += records.length;
    parts.push(new Blob([serialiseRecords(records)]));
    options.onProgress?.({ done: Math.min(start + chunkSize, ids.length), total: ids.length });
    await yieldToEventLoop();
  }
  options.signal?.throwIfAborted();
  return { blob: new Blob(parts, { type: CSV_MIME }), rows };
}
