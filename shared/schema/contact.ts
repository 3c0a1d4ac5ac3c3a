// D2: a contact. Editable fields are set by devices through mutations; derived fields
// (last interaction, conversation summaries) are written by the server only.
import { z } from 'zod';
import { LIMITS } from '../limits';
import { epochMsSchema, idSchema } from './common';
import { customFieldsSchema } from './field';

export const emailSchema = z.email({ message: 'is not a valid email address' }).max(LIMITS.emailMax);
/** Stored phone numbers are E.164 ("+14155550132"); parsing of user input is in shared/values/phone. */
export const e164Schema = z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 phone number');
export const httpUrlSchema = z
  .string()
  .max(LIMITS.urlMax)
  .refine((s) => /^https?:\/\//i.test(s) && URL.canParse(s), 'must be an http(s) URL');

/** The fields a device may set. Empty string means "no value" for email/phone/avatarUrl. */
export const contactEditableSchema = z.strictObject({
  name: z.string().trim().min(1, 'name is required').max(LIMITS.nameMax),
  email: z.union([z.literal(''), emailSchema]),
  phone: z.union([z.literal(''), e164Schema]),
  avatarUrl: z.union([z.literal(''), httpUrlSchema]),
  campaignOptIn: z.boolean(),
  customFields: customFieldsSchema,
});
export type ContactEditable = z.infer<typeof contactEditableSchema>;
export const CONTACT_SCALAR_FIELDS = ['name', 'email', 'phone', 'avatarUrl', 'campaignOptIn'] as const;
export type ContactScalarField = (typeof CONTACT_SCALAR_FIELDS)[number];

export const contactDerivedSchema = z.strictObject({
  lastInteractionAt: epochMsSchema.nullable(),
  lastMessagePreview: z.string().max(LIMITS.previewMax),
  lastMessageChannel: z.string().max(LIMITS.channelMax),
  conversationCount: z.number().int().min(0),
  /** Distinct labels of the contact's conversations, most recent first. */
  labels: z.array(z.string().max(LIMITS.labelMax)),
  /** Per conversation-scope field key: the value from the most recent conversation that has one. */
  conversationFields: customFieldsSchema,
});
export type ContactDerived = z.infer<typeof contactDerivedSchema>;

export const contactSchema = z.strictObject({
  id: idSchema,
  createdAt: epochMsSchema,
  updatedAt: epochMsSchema,
  ...contactEditableSchema.shape,
  ...contactDerivedSchema.shape,
});
export type Contact = z.infer<typeof contactSchema>;

export const EMPTY_DERIVED: ContactDerived = {
  lastInteractionAt: null,
  lastMessagePreview: '',
  lastMessageChannel: '',
  conversationCount: 0,
  labels: [],
  conversationFields: {},
};
