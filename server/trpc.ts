// The only tRPC initialisation. Context = storage + the caller's auth (from `Authorization: Bearer`)
// + a logger. Inputs are parsed with the shared zod schemas through `input()`, which turns a zod
// failure into BAD_REQUEST with a message naming the field ("limit: must be >= 1").
import { initTRPC, TRPCError } from '@trpc/server';
import type { z } from 'zod';
import { bearerToken, resolveAuth, type Auth } from './auth';
import type { Logger } from './log';
import type { RateLimiter } from './rate-limit';
import type { Storage } from './storage/types';

export type Context = {
  storage: Storage;
  auth: Auth | null;
  log: Logger;
  /** Demo sign-in allowed (DEMO env). */
  demo: boolean;
  /** Raw `x-ingest-key` header; resolved only by the ingest procedures (routers/ingest.ts). */
  ingestKey: string | null;
  /** Per-token push limit (S9); absent in in-process test callers = no limit. */
  pushLimiter?: RateLimiter;
  /** Caller's address, for the login rate limit (issue 11); null in in-process callers. */
  ip: string | null;
};

export async function createContext(opts: {
  storage: Storage;
  log: Logger;
  demo: boolean;
  authorization?: string | string[];
  ingestKey?: string | string[];
  pushLimiter?: RateLimiter;
  ip?: string | null;
}): Promise<Context> {
  const auth = await resolveAuth(opts.storage, bearerToken(opts.authorization));
  const ingestKey = (Array.isArray(opts.ingestKey) ? opts.ingestKey[0] : opts.ingestKey) ?? null;
  return { storage: opts.storage, auth, log: opts.log, demo: opts.demo, ingestKey, pushLimiter: opts.pushLimiter, ip: opts.ip ?? null };
}

// Stack traces only in explicit development mode; never in production responses.
const t = initTRPC.context<Context>().create({ isDev: process.env.NODE_ENV === 'development' });

export const router = t.router;
export const publicProcedure = t.procedure;
export const createCallerFactory = t.createCallerFactory;

export const authedProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.auth) {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'a valid device token is required (sign in again)' });
  }
  return next({ ctx: { ...ctx, auth: ctx.auth } });
});

export function formatZodIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** A tRPC input parser from a zod schema, keeping its input/output types for the client. */
export function input<S extends z.ZodType>(schema: S) {
  return {
    _input: undefined as unknown as z.input<S>,
    _output: undefined as unknown as z.output<S>,
    parse(value: unknown): z.output<S> {
      const result = schema.safeParse(value);
      if (!result.success) throw new TRPCError({ code: 'BAD_REQUEST', message: formatZodIssues(result.error) });
      return result.data;
    },
  };
}
