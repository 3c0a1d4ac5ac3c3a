// Ingest API payloads (R2): what arrives from channels (webhooks, the simulator, support tools).
// One definition for the server (both transports), the simulator and the tests. Ingest is
// authenticated with a per-workspace ingest key, never a device token.
import { z } from 'zod';
import { LIMITS } from './limits';
import { conversationSchema, customFieldsSchema, emailSchema, epochMsSchema, httpUrlSchema, idSchema } from './schema';
import { parsePhone } from './values/phone';

/** tRPC carries the key in this header; the plain HTTP endpoints also accept `Authorization: Bearer`. */
export const INGEST_KEY_HEADER = 'x-ingest-key';
/** Ingest payloads are small; anything bigger is refused (413) before it is parsed. */
export const INGEST_BODY_MAX_BYTES = 256 * 1024;
/** A message may be stamped slightly ahead of the server's clock (sender clock skew), not more. */
export const INGEST_MAX_FUTURE_SKEW_MS = 5 * 60_000;
export const INGEST_PATHS = { contacts: '/api/ingest/contacts', messages: '/api/ingest/messages' } as const;

// Webhooks often send "" for "unknown": a blank optional value means "not given", never "clear".
const blankToUndefined = (s: string) => (s === '' ? undefined : s);

const nameInput = z.string().trim().max(LIMITS.nameMax).transform(blankToUndefined);
const emailInput = z.string().trim().max(LIMITS.emailMax).transform(blankToUndefined).pipe(emailSchema.optional());
/** Any common format ("+33 6 12 34 56 78", "(415) 555-0132" with +1); stored as E.164. */
const phoneInput = z
  .string()
  .trim()
  .max(LIMITS.phoneMax)
  .transform((value, ctx) => {
    if (value === '') return undefined;
    const parsed = parsePhone(value);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.error });
      return z.NEVER;
    }
    return parsed.e164;
  });
const avatarUrlInput = z.string().trim().transform(blankToUndefined).pipe(httpUrlSchema.optional());

const identityRequired = (c: { name?: string; email?: string; phone?: string }) =>
  c.name !== undefined || c.email !== undefined || c.phone !== undefined;
const IDENTITY_MESSAGE = 'give at least one of email, phone or name';

/** contact.upsert: matched by email (case-insensitive), then phone (E.164); created when no match. */
export const contactUpsertSchema = z
  .strictObject({
    name: nameInput.optional(),
    email: emailInput.optional(),
    phone: phoneInput.optional(),
    avatarUrl: avatarUrlInput.optional(),
    campaignOptIn: z.boolean().optional(),
    /** Contact-scope custom fields, checked against the workspace's field definitions; null clears. */
    customFields: customFieldsSchema.optional(),
  })
  .refine(identityRequired, { message: IDENTITY_MESSAGE });
export type ContactUpsertInput = z.input<typeof contactUpsertSchema>;
export type ContactUpsert = z.output<typeof contactUpsertSchema>;
export type ContactUpsertResult = { contactId: string; created: boolean; updated: boolean };

/** Who a message is from: an existing contact by id, or matched/created by email, then phone. */
export const contactRefSchema = z
  .strictObject({
    contactId: idSchema.optional(),
    name: nameInput.optional(),
    email: emailInput.optional(),
    phone: phoneInput.optional(),
  })
  .superRefine((c, ctx) => {
    if (c.contactId !== undefined && identityRequired(c)) {
      ctx.addIssue({ code: 'custom', message: 'give either contactId or email/phone/name, not both' });
    } else if (c.contactId === undefined && !identityRequired(c)) {
      ctx.addIssue({ code: 'custom', message: `give contactId or ${IDENTITY_MESSAGE}` });
    }
  });
export type ContactRef = z.output<typeof contactRefSchema>;

const labelInput = conversationSchema.shape.labels.element;

/** message.add: a new conversation, or a message appended to `conversationId`. */
export const messageAddSchema = z
  .strictObject({
    contact: contactRefSchema.optional(),
    conversationId: idSchema.optional(),
    channel: conversationSchema.shape.channel.optional(),
    text: z
      .string()
      .max(LIMITS.messageTextMax)
      .refine((s) => s.trim() !== '', 'must not be empty'),
    /** When the message was sent (epoch ms); default: now. */
    at: epochMsSchema.optional(),
    /** Added to the conversation's labels (never removes one). */
    labels: z.array(labelInput).max(LIMITS.labelsPerConversation).optional(),
    /** Conversation-scope custom fields, merged into the conversation; null clears. */
    customFields: customFieldsSchema.optional(),
  })
  .superRefine((m, ctx) => {
    if (m.contact === undefined && m.conversationId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['contact'], message: 'is required (or conversationId, to append to a conversation)' });
    }
    if (m.conversationId === undefined && m.channel === undefined) {
      ctx.addIssue({ code: 'custom', path: ['channel'], message: 'is required for a new conversation' });
    }
  });
export type MessageAddInput = z.input<typeof messageAddSchema>;
export type MessageAdd = z.output<typeof messageAddSchema>;
export type MessageAddResult = {
  contactId: string;
  conversationId: string;
  contactCreated: boolean;
  conversationCreated: boolean;
};

/** The body of every refused ingest request: a summary plus one entry per bad field. */
export type IngestIssue = { path: string; message: string };
export type IngestErrorBody = { error: string; issues: IngestIssue[] };
