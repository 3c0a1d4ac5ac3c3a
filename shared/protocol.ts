// Wire messages of the sync API (push and pull). The server validates every request with these.
import { z } from 'zod';
import { LIMITS } from './limits';
import { mutationSchema } from './mutations';
import {
  contactSchema,
  conversationSchema,
  fieldDefinitionSchema,
  idSchema,
  segmentSchema,
  workspaceSchema,
} from './schema';

export const clientIdSchema = idSchema;

/** Server sequence number: every write in a workspace gets the next one. 0 = nothing seen yet. */
// The custom message only for a non-number: a negative or fractional cursor keeps zod's precise one.
export const cursorSchema = z
  .number({ error: (iss) => (iss.code === 'invalid_type' && typeof iss.input !== 'number' ? 'cursor must be a number' : undefined) })
  .int()
  .min(0)
  .max(Number.MAX_SAFE_INTEGER);

export const pullRequestSchema = z.strictObject({
  clientId: clientIdSchema,
  cursor: cursorSchema,
  limit: z.number().int().min(1).max(LIMITS.pullPageMax).default(LIMITS.pullPageDefault),
});
export type PullRequest = z.input<typeof pullRequestSchema>;

const changeBase = { id: idSchema, seq: cursorSchema };
// A plain union: zod 4 refuses a discriminatedUnion whose tombstone member repeats the kinds.
export const changeSchema = z.union([
  z.strictObject({ kind: z.literal('contact'), ...changeBase, deleted: z.literal(false), data: contactSchema }),
  z.strictObject({ kind: z.literal('conversation'), ...changeBase, deleted: z.literal(false), data: conversationSchema }),
  z.strictObject({ kind: z.literal('field'), ...changeBase, deleted: z.literal(false), data: fieldDefinitionSchema }),
  z.strictObject({ kind: z.literal('segment'), ...changeBase, deleted: z.literal(false), data: segmentSchema }),
  z.strictObject({
    kind: z.enum(['contact', 'conversation', 'field', 'segment']),
    ...changeBase,
    deleted: z.literal(true),
  }),
]);
export type Change = z.infer<typeof changeSchema>;
export type RecordKind = Change['kind'];

export type PullResponse = {
  changes: Change[];
  /** Pass back as the next request's cursor. */
  cursor: number;
  hasMore: boolean;
  /** The workspace's newest sequence number when this page was read (for progress). */
  headSeq: number;
  /** Highest mutation id of this client the server has processed (applied or rejected). */
  lastMutationId: number;
};

export const pushRequestSchema = z.strictObject({
  clientId: clientIdSchema,
  mutations: z.array(mutationSchema).min(1).max(LIMITS.pushBatchMax),
});
export type PushRequest = z.input<typeof pushRequestSchema>;

export type MutationResult =
  | { id: number; status: 'applied' }
  /** Valid but had no effect, e.g. an edit of a contact deleted meanwhile (delete wins). */
  | { id: number; status: 'ignored'; reason: string }
  /** Refused; the device drops it and shows the reason. */
  | { id: number; status: 'rejected'; reason: string };

export type PushResponse = { results: MutationResult[]; lastMutationId: number };

export const demoSignInSchema = z.strictObject({ deviceName: z.string().trim().min(1).max(120) });
export type SignInResponse = { token: string; workspace: z.infer<typeof workspaceSchema> };
