// Ingest over tRPC (R2): the same operations as POST /api/ingest/*, authenticated with the
// workspace's ingest key in the `x-ingest-key` header (never a device token).
import { TRPCError } from '@trpc/server';
import {
  contactUpsertSchema,
  INGEST_KEY_HEADER,
  messageAddSchema,
  type ContactUpsertResult,
  type MessageAddResult,
} from '../../shared/ingest';
import { IngestError } from '../ingest/errors';
import { INGEST_KEY_PATTERN, resolveIngestKey } from '../ingest/key';
import { ingestContact, ingestMessage, type IngestContext } from '../ingest/operations';
import { input, publicProcedure, router } from '../trpc';

/** Runs before input parsing, so a request without a valid key learns nothing about its payload. */
const ingestProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const key = ctx.ingestKey?.trim() ?? null;
  const workspaceId = key && INGEST_KEY_PATTERN.test(key) ? await resolveIngestKey(ctx.storage, key) : null;
  if (!workspaceId) {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: `a valid ingest key is required in the ${INGEST_KEY_HEADER} header` });
  }
  const ingest: IngestContext = { storage: ctx.storage, log: ctx.log, workspaceId, transport: 'trpc' };
  return next({ ctx: { ...ctx, ingest } });
});

function toTRPCError(error: unknown): unknown {
  if (!(error instanceof IngestError)) return error;
  return new TRPCError({ code: error.status === 404 ? 'NOT_FOUND' : 'BAD_REQUEST', message: error.message, cause: error });
}

export const ingestRouter = router({
  contactUpsert: ingestProcedure
    .input(input(contactUpsertSchema))
    .mutation(({ ctx, input }): Promise<ContactUpsertResult> => ingestContact(ctx.ingest, input).catch((e: unknown) => Promise.reject(toTRPCError(e)))),

  messageAdd: ingestProcedure
    .input(input(messageAddSchema))
    .mutation(({ ctx, input }): Promise<MessageAddResult> => ingestMessage(ctx.ingest, input).catch((e: unknown) => Promise.reject(toTRPCError(e)))),
});
