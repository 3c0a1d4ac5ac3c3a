// A refused ingest request: an HTTP-like status plus one issue per bad field. Thrown inside the
// ingest transaction, so a refusal always rolls back (bad input changes nothing, R3).
import type { z } from 'zod';
import type { IngestErrorBody, IngestIssue } from '../../shared/ingest';

export type IngestStatus = 400 | 401 | 404 | 405 | 413;

export class IngestError extends Error {
  constructor(
    readonly status: IngestStatus,
    readonly issues: IngestIssue[],
    summary?: string,
  ) {
    super(summary ?? formatIssues(issues));
    this.name = 'IngestError';
  }

  toBody(): IngestErrorBody {
    return { error: this.message, issues: this.issues };
  }
}

export function formatIssues(issues: IngestIssue[]): string {
  return issues
    .slice(0, 5)
    .map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))
    .join('; ');
}

/** One field is wrong (path like "customFields.priority"). */
export function invalid(path: string, message: string): IngestError {
  return new IngestError(400, [{ path, message }]);
}

export function notFound(path: string, message: string): IngestError {
  return new IngestError(404, [{ path, message }]);
}

export function fromZod(error: z.ZodError): IngestError {
  const issues: IngestIssue[] = [];
  for (const i of error.issues) {
    const path = i.path.map(String);
    // Name each unknown key as its own field rather than one message at the object's path.
    if (i.code === 'unrecognized_keys') for (const key of i.keys) issues.push({ path: [...path, key].join('.'), message: 'unknown field' });
    else issues.push({ path: path.join('.'), message: i.message });
  }
  return new IngestError(400, issues);
}

/** Parses with a shared schema or throws a 400 naming each bad field. */
export function parseIngest<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw fromZod(result.error);
  return result.data;
}
