// D4: a conversation ("session") of a contact. Written by the server (ingest, seed); read-only on devices.
import { z } from 'zod';
import { LIMITS } from '../limits';
import { epochMsSchema, idSchema } from './common';
import { customFieldsSchema } from './field';

export const CHANNELS = ['email', 'whatsapp', 'web_chat', 'instagram', 'messenger', 'sms', 'telegram'] as const;

export const conversationSchema = z.strictObject({
  id: idSchema,
  contactId: idSchema,
  channel: z.string().min(1).max(LIMITS.channelMax),
  createdAt: epochMsSchema,
  lastMessageAt: epochMsSchema,
  lastMessageText: z.string().max(LIMITS.messageTextMax),
  labels: z.array(z.string().trim().min(1).max(LIMITS.labelMax)).max(LIMITS.labelsPerConversation),
  customFields: customFieldsSchema,
});
export type Conversation = z.infer<typeof conversationSchema>;
