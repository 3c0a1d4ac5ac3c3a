// contact.upsert (R2): update the matching contact's given fields, or create one. Written with a
// new seq so devices pull it; nothing is written when the payload changes nothing.
import type { ContactUpsert, ContactUpsertResult } from '../../shared/ingest';
import { newId } from '../../shared/ids';
import { contactSchema, type Contact } from '../../shared/schema';
import type { Storage } from '../storage/types';
import { checkIngestCustomFields, mergeCustomFields } from './custom-fields';
import { findMatchingContact, newContact } from './match-contact';

/** The editable fields an upsert may set; derived fields are never taken from the payload. */
function applyUpsert(contact: Contact, input: ContactUpsert, customFields: Contact['customFields'] | null): Contact {
  const next: Contact = { ...contact };
  if (input.name !== undefined) next.name = input.name;
  // Matched ignoring case: keep the stored spelling rather than rewrite it for a case change.
  if (input.email !== undefined && input.email.toLowerCase() !== contact.email.toLowerCase()) next.email = input.email;
  if (input.phone !== undefined) next.phone = input.phone;
  if (input.avatarUrl !== undefined) next.avatarUrl = input.avatarUrl;
  if (input.campaignOptIn !== undefined) next.campaignOptIn = input.campaignOptIn;
  if (customFields) next.customFields = mergeCustomFields(contact.customFields, customFields);
  return next;
}

export async function upsertContact(
  storage: Storage,
  workspaceId: string,
  input: ContactUpsert,
  now: number,
): Promise<ContactUpsertResult> {
  return storage.transaction(async (tx) => {
    const customFields = input.customFields
      ? await checkIngestCustomFields(tx, workspaceId, 'contact', input.customFields)
      : null;
    const existing = await findMatchingContact(tx, workspaceId, input);
    if (!existing) {
      const contact = contactSchema.parse(newContact(newId(), { ...input, customFields: customFields ?? {} }, now));
      await tx.putRecord(workspaceId, { kind: 'contact', id: contact.id, data: contact });
      return { contactId: contact.id, created: true, updated: false };
    }
    const next = applyUpsert(existing, input, customFields);
    if (JSON.stringify(next) === JSON.stringify(existing)) return { contactId: existing.id, created: false, updated: false };
    const stored = contactSchema.parse({ ...next, updatedAt: Math.max(now, existing.updatedAt) });
    await tx.putRecord(workspaceId, { kind: 'contact', id: stored.id, data: stored });
    return { contactId: stored.id, created: false, updated: true };
  });
}
