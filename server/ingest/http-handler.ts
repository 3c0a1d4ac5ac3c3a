// Plain HTTP JSON endpoints for webhooks and curl (R2):
//   POST /api/ingest/contacts  (contact.upsert)   POST /api/ingest/messages  (message.add)
// Key in `Authorization: Bearer <ingest key>` (or `x-ingest-key`). Checks in this order, each a
// JSON {error, issues} reply: 404 unknown path, 405 not POST, 401 key, 413 body size, 400 input.
import type http from 'node:http';
import {
  contactUpsertSchema,
  INGEST_BODY_MAX_BYTES,
  INGEST_PATHS,
  messageAddSchema,
  type ContactUpsertResult,
  type IngestErrorBody,
  type MessageAddResult,
} from '../../shared/ingest';
import { replyAfterDrain } from '../http-drain';
import type { Logger } from '../log';
import type { Storage } from '../storage/types';
import { IngestError, parseIngest } from './errors';
import { ingestKeyFrom, resolveIngestKey } from './key';
import { ingestContact, ingestMessage, type IngestContext } from './operations';

type Handled = { status: 200 | 201; result: ContactUpsertResult | MessageAddResult };
/** 201 when something new was made (a contact; for messages, a conversation or contact), else 200. */
const ROUTES: Record<string, (ctx: IngestContext, body: unknown) => Promise<Handled>> = {
  [INGEST_PATHS.contacts]: async (ctx, body) => {
    const result = await ingestContact(ctx, parseIngest(contactUpsertSchema, body));
    return { status: result.created ? 201 : 200, result };
  },
  [INGEST_PATHS.messages]: async (ctx, body) => {
    const result = await ingestMessage(ctx, parseIngest(messageAddSchema, body));
    return { status: result.conversationCreated || result.contactCreated ? 201 : 200, result };
  },
};

export const INGEST_PATH_PREFIX = '/api/ingest/';

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

/** A refusal before the body was used: the unread rest of it is discarded. */
function refuse(req: http.IncomingMessage, res: http.ServerResponse, status: number, error: string, headers: Record<string, string> = {}): void {
  req.resume();
  const body: IngestErrorBody = { error, issues: [] };
  send(res, status, body, headers);
}

/** The body, or null when it grew past the limit (the connection is then closed). */
function readBody(req: http.IncomingMessage, max: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > max) {
        done = true;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

type HandlerOptions = { storage: Storage; log: Logger };

/** Never rejects: an unexpected failure is logged and answered with a 500. */
export async function handleIngestHttp(req: http.IncomingMessage, res: http.ServerResponse, opts: HandlerOptions): Promise<void> {
  try {
    await handle(req, res, opts);
  } catch (error) {
    opts.log.error('ingest.error', { path: (req.url ?? '').split('?')[0], message: error instanceof Error ? error.message : String(error) });
    if (!res.headersSent) refuse(req, res, 500, 'internal error');
    else res.destroy();
  }
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse, opts: HandlerOptions): Promise<void> {
  const pathname = (req.url ?? '/').split('?')[0];
  const route = ROUTES[pathname];
  const tooLarge = `request body larger than ${INGEST_BODY_MAX_BYTES} bytes`;
  if (!route) return refuse(req, res, 404, `no ingest endpoint ${pathname}: use ${Object.keys(ROUTES).join(' or ')}`);
  if (req.method !== 'POST') return refuse(req, res, 405, 'use POST', { Allow: 'POST' });
  const key = ingestKeyFrom({ ingestKey: req.headers['x-ingest-key'], authorization: req.headers.authorization });
  const workspaceId = await resolveIngestKey(opts.storage, key);
  if (!workspaceId) {
    opts.log.info('ingest.refused', { transport: 'http', path: pathname, status: 401, keyGiven: key !== null });
    return refuse(req, res, 401, 'a valid ingest key is required: Authorization: Bearer <ingest key>', {
      'WWW-Authenticate': 'Bearer realm="ingest"',
    });
  }
  // Refuse a declared oversize body before reading it; a chunked one is cut off at the limit.
  if (Number(req.headers['content-length'] ?? 0) > INGEST_BODY_MAX_BYTES) {
    return replyAfterDrain(req, () => refuse(req, res, 413, tooLarge));
  }
  const raw = await readBody(req, INGEST_BODY_MAX_BYTES);
  if (!raw) return replyAfterDrain(req, () => refuse(req, res, 413, tooLarge));
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return refuse(req, res, 400, 'the body is not valid JSON');
  }
  try {
    const { status, result } = await route({ storage: opts.storage, log: opts.log, workspaceId, transport: 'http' }, body);
    send(res, status, result);
  } catch (error) {
    if (!(error instanceof IngestError)) throw error;
    send(res, error.status, error.toBody());
  }
}
