// Push input, parsed in two layers so one bad mutation can never block a device's outbox forever:
// the envelope (clientId, list size, integer mutation ids) must be valid or the request is a
// BAD_REQUEST; each mutation is then checked with the shared mutationSchema on its own, and one
// that fails is recorded as 'rejected' with the reason naming the field, like any other refusal.
import { z } from 'zod';
import { LIMITS } from '../../shared/limits';
import { mutationSchema, type Mutation } from '../../shared/mutations';
import { clientIdSchema, type PushRequest } from '../../shared/protocol';
import { formatZodIssues } from '../trpc';

export type PushItem = { ok: true; mutation: Mutation } | { ok: false; id: number; reason: string };
export type ParsedPush = { clientId: string; items: PushItem[] };

const envelopeSchema = z.strictObject({
  clientId: clientIdSchema,
  mutations: z
    .array(z.looseObject({ id: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }))
    .min(1)
    .max(LIMITS.pushBatchMax),
});

export function parsePushItems(envelope: z.output<typeof envelopeSchema>): ParsedPush {
  return {
    clientId: envelope.clientId,
    items: envelope.mutations.map((raw): PushItem => {
      const result = mutationSchema.safeParse(raw);
      return result.success
        ? { ok: true, mutation: result.data }
        : { ok: false, id: raw.id, reason: formatZodIssues(result.error) };
    }),
  };
}

/** The envelope schema, typed for clients as the shared PushRequest. */
export const pushEnvelopeSchema = envelopeSchema as unknown as z.ZodType<z.output<typeof envelopeSchema>, PushRequest>;
