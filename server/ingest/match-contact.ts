// Finding the contact an ingested event belongs to, as support tools do (R2): by email (ignoring
// case), then by E.164 phone; the oldest live contact wins when there are duplicates. A deleted
// contact never matches: deletion is permanent (S5), so a later message creates a new contact.
import { LIMITS } from '../../shared/limits';
import { EMPTY_DERIVED, type Contact, type CustomValue } from '../../shared/schema';
import { formatPhone } from '../../shared/values';
import type { StorageTx } from '../storage/types';

export type Identity = { name?: string; email?: string; phone?: string };

export async function findMatchingContact(tx: StorageTx, workspaceId: string, who: Identity): Promise<Contact | null> {
  const byEmail = who.email ? await tx.findContactByEmail(workspaceId, who.email) : null;
  const found = byEmail ?? (who.phone ? await tx.findContactByPhone(workspaceId, who.phone) : null);
  return found ? (found.data as Contact) : null;
}

/** A contact needs a name; without one, show what identifies it (the email's local part or the phone). */
export function nameFor(who: Identity): string {
  if (who.name) return who.name;
  if (who.email) return (who.email.split('@')[0] || who.email).slice(0, LIMITS.nameMax);
  if (who.phone) return formatPhone(who.phone);
  return 'Unknown contact';
}

export function newContact(
  id: string,
  who: Identity & { avatarUrl?: string; campaignOptIn?: boolean; customFields?: Record<string, CustomValue> },
  createdAt: number,
): Contact {
  const customFields: Record<string, CustomValue> = {};
  for (const [key, value] of Object.entries(who.customFields ?? {})) if (value !== null) customFields[key] = value;
  return {
    id,
    createdAt,
    updatedAt: createdAt,
    name: nameFor(who),
    email: who.email ?? '',
    phone: who.phone ?? '',
    avatarUrl: who.avatarUrl ?? '',
    campaignOptIn: who.campaignOptIn ?? false,
    customFields,
    ...EMPTY_DERIVED,
  };
}
