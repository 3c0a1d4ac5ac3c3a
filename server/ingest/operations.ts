// The ingest operations, shared by both transports (tRPC in routers/ingest.ts, plain HTTP in
// http-handler.ts): inputs already parsed with the shared schemas; one log line per request.
import type { ContactUpsert, ContactUpsertResult, MessageAdd, MessageAddResult } from '../../shared/ingest';
import type { Logger } from '../log';
import type { Storage } from '../storage/types';
import { upsertContact } from './contact-upsert';
import { IngestError } from './errors';
import { addMessage } from './message-add';

export type IngestContext = {
  storage: Storage;
  log: Logger;
  /** The workspace the ingest key belongs to: the only one this request can write. */
  workspaceId: string;
  transport: 'http' | 'trpc';
  now?: number;
};

async function logged<T>(op: string, ctx: IngestContext, run: (now: number) => Promise<T>, created: (r: T) => boolean) {
  const started = performance.now();
  const fields = { op, transport: ctx.transport, workspace: ctx.workspaceId };
  try {
    const result = await run(ctx.now ?? Date.now());
    ctx.log.info('ingest.request', { ...fields, contactCreated: created(result), ms: Math.round(performance.now() - started) });
    return result;
  } catch (error) {
    if (error instanceof IngestError) ctx.log.info('ingest.refused', { ...fields, status: error.status, error: error.message });
    throw error;
  }
}

export function ingestContact(ctx: IngestContext, input: ContactUpsert): Promise<ContactUpsertResult> {
  return logged('contact.upsert', ctx, (now) => upsertContact(ctx.storage, ctx.workspaceId, input, now), (r) => r.created);
}

export function ingestMessage(ctx: IngestContext, input: MessageAdd): Promise<MessageAddResult> {
  return logged('message.add', ctx, (now) => addMessage(ctx.storage, ctx.workspaceId, input, now), (r) => r.contactCreated);
}
