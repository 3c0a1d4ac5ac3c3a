// message.add (R2): a message from a channel. Finds or creates the contact (as support tools do),
// starts a conversation or appends to the given one, then recomputes the contact's derived fields
// from ALL its conversations (shared summarizeConversations) and writes contact + conversation with
// new seqs in one transaction, so every device pulls both together.
import { INGEST_MAX_FUTURE_SKEW_MS, type ContactRef, type MessageAdd, type MessageAddResult } from '../../shared/ingest';
import { newId } from '../../shared/ids';
import { LIMITS } from '../../shared/limits';
import { summarizeConversations } from '../../shared/derive';
import { contactSchema, conversationSchema, type Contact, type Conversation } from '../../shared/schema';
import type { Storage, StorageTx } from '../storage/types';
import { checkIngestCustomFields, mergeCustomFields } from './custom-fields';
import { invalid, notFound } from './errors';
import { findMatchingContact, newContact } from './match-contact';

async function liveConversation(tx: StorageTx, workspaceId: string, id: string): Promise<Conversation> {
  // Scoped to the key's workspace: another workspace's id is "not found", never touched (S9).
  const record = await tx.getRecord(workspaceId, 'conversation', id);
  if (!record) throw notFound('conversationId', 'conversation not found');
  if (record.deleted) throw notFound('conversationId', 'conversation was deleted');
  return record.data as Conversation;
}

async function liveContact(tx: StorageTx, workspaceId: string, id: string, path: string): Promise<Contact> {
  const record = await tx.getRecord(workspaceId, 'contact', id);
  if (!record) throw notFound(path, 'contact not found');
  if (record.deleted) throw notFound(path, 'contact was deleted');
  return record.data as Contact;
}

/** Whether a sender given with an appended message is the conversation's contact (a name alone can't say). */
function sameContact(ref: ContactRef, contact: Contact): boolean {
  if (ref.contactId) return ref.contactId === contact.id;
  if (!ref.email && !ref.phone) return true;
  return (
    (ref.email !== undefined && ref.email.toLowerCase() === contact.email.toLowerCase()) ||
    (ref.phone !== undefined && ref.phone === contact.phone)
  );
}

/** The sender: the conversation's contact when appending (a given contact must agree), else found or created. */
async function resolveContact(
  tx: StorageTx,
  workspaceId: string,
  ref: ContactRef | undefined,
  conversation: Conversation | null,
  createdAt: number,
): Promise<{ contact: Contact; created: boolean }> {
  if (conversation) {
    const contact = await liveContact(tx, workspaceId, conversation.contactId, 'conversationId');
    if (ref && !sameContact(ref, contact)) throw invalid('contact', "does not match the conversation's contact");
    return { contact, created: false };
  }
  if (!ref) throw invalid('contact', 'is required');
  if (ref.contactId) return { contact: await liveContact(tx, workspaceId, ref.contactId, 'contact.contactId'), created: false };
  const match = await findMatchingContact(tx, workspaceId, ref);
  if (match) return { contact: match, created: false };
  return { contact: newContact(newId(), ref, createdAt), created: true };
}

function withMessage(conv: Conversation, input: MessageAdd, at: number, customFields: Conversation['customFields']): Conversation {
  const labels = [...conv.labels];
  for (const label of input.labels ?? []) if (!labels.includes(label)) labels.push(label);
  if (labels.length > LIMITS.labelsPerConversation) {
    throw invalid('labels', `a conversation has at most ${LIMITS.labelsPerConversation} labels`);
  }
  // An older message arriving late never replaces the newer last message.
  const newer = at >= conv.lastMessageAt;
  return {
    ...conv,
    lastMessageAt: newer ? at : conv.lastMessageAt,
    lastMessageText: newer ? input.text : conv.lastMessageText,
    labels,
    customFields: mergeCustomFields(conv.customFields, customFields),
  };
}

export async function addMessage(storage: Storage, workspaceId: string, input: MessageAdd, now: number): Promise<MessageAddResult> {
  const at = input.at ?? now;
  if (at > now + INGEST_MAX_FUTURE_SKEW_MS) throw invalid('at', 'must not be in the future');
  return storage.transaction(async (tx) => {
    const existing = input.conversationId ? await liveConversation(tx, workspaceId, input.conversationId) : null;
    if (existing && input.channel !== undefined && input.channel !== existing.channel) {
      throw invalid('channel', `the conversation is on ${existing.channel}`);
    }
    const { contact, created } = await resolveContact(tx, workspaceId, input.contact, existing, Math.min(now, at));
    const customFields = await checkIngestCustomFields(tx, workspaceId, 'conversation', input.customFields ?? {});
    const base: Conversation = existing ?? {
      id: newId(),
      contactId: contact.id,
      channel: input.channel ?? '',
      createdAt: at,
      lastMessageAt: at,
      lastMessageText: input.text,
      labels: [],
      customFields: {},
    };
    const conversation = conversationSchema.parse(withMessage(base, input, at, customFields));

    const others: Conversation[] = [];
    for (const id of await tx.conversationIdsOf(workspaceId, contact.id)) {
      if (id === conversation.id) continue;
      const record = await tx.getRecord(workspaceId, 'conversation', id);
      if (record && !record.deleted) others.push(record.data as Conversation);
    }
    const next = contactSchema.parse({ ...contact, ...summarizeConversations([...others, conversation]) });
    // Contact first: a device never holds a conversation whose contact it has not seen.
    await tx.putRecords(workspaceId, [
      { kind: 'contact', id: next.id, data: next },
      { kind: 'conversation', id: conversation.id, data: conversation, contactId: contact.id },
    ]);
    return { contactId: contact.id, conversationId: conversation.id, contactCreated: created, conversationCreated: !existing };
  });
}
