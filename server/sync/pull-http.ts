// The pull fast path (issue 9): a valid GET /trpc/sync.pull is answered here with the page's JSON
// built by the database (record bodies spliced verbatim), instead of tRPC parsing every body and
// serialising it again (most of a full pull's server time). The answer is the one tRPC would give:
// same input schema, same auth, same checks, same body. Anything else - a bad input or token, a
// refused clientId or cursor, a storage error - resolves false with nothing written, and the caller
// hands the request to tRPC, which answers it (errors keep tRPC's exact shape and status).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pullRequestSchema } from '../../shared/protocol';
import { bearerToken, resolveAuth } from '../auth';
import type { Logger } from '../log';
import type { Storage } from '../storage/types';
import { pullChangesJson, type PullRequestInput } from './pull';
import { pullDone } from './pull-done';

export const PULL_PATH = '/trpc/sync.pull';

/** The input of a tRPC GET query URL (`?input=<JSON>` and nothing else), or null. */
export function pullInput(url: string | undefined): PullRequestInput | null {
  const params = new URL(url ?? '/', 'http://localhost').searchParams;
  const raw = params.get('input');
  if (raw === null || [...params.keys()].some((k) => k !== 'input')) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = pullRequestSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export async function servePull(
  req: IncomingMessage,
  res: ServerResponse,
  opts: { storage: Storage; log: Logger },
  started = performance.now(),
): Promise<boolean> {
  // A client asking for tRPC's streamed format (trpc-accept) gets it from tRPC.
  if (req.method !== 'GET' || req.headers['trpc-accept'] !== undefined) return false;
  const input = pullInput(req.url);
  if (!input) return false;
  let answer;
  try {
    const auth = await resolveAuth(opts.storage, bearerToken(req.headers.authorization));
    if (!auth) return false;
    answer = { auth, page: await pullChangesJson(opts.storage, auth.workspaceId, input) };
  } catch {
    return false; // tRPC runs it again and answers the error in its own shape
  }
  const { auth, page } = answer;
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': page.length, Vary: 'trpc-accept, accept' });
  for (const part of page.parts) res.write(part);
  res.end();
  pullDone(
    { storage: opts.storage, log: opts.log, tokenHash: auth.tokenHash, workspaceId: auth.workspaceId },
    { cursor: input.cursor, changes: page.changes, headSeq: page.tail.headSeq, started },
  );
  return true;
}
