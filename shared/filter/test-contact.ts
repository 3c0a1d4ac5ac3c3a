// Test helpers: a contact and field definitions with sensible defaults (used by filter and query tests).
import type { Contact, FieldDefinition, FieldType } from '../schema';

let counter = 0;

/** A deterministic UUID-shaped id from a number (ids sort in creation order). */
export function testId(n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `00000000-0000-7000-8000-${hex}`;
}

export function makeContact(over: Partial<Contact> = {}): Contact {
  counter += 1;
  return {
    id: testId(counter),
    createdAt: Date.UTC(2026, 0, 1),
    updatedAt: Date.UTC(2026, 0, 1),
    name: 'Ada Lovelace',
    email: '',
    phone: '',
    avatarUrl: '',
    campaignOptIn: false,
    customFields: {},
    lastInteractionAt: null,
    lastMessagePreview: '',
    lastMessageChannel: '',
    conversationCount: 0,
    labels: [],
    conversationFields: {},
    ...over,
  };
}

export function makeField(key: string, type: FieldType, scope: 'contact' | 'conversation' = 'contact', options: string[] = []): FieldDefinition {
  counter += 1;
  return { id: testId(1_000_000 + counter), key, label: key, type, options, scope, position: counter, createdAt: 0, updatedAt: 0 };
}
