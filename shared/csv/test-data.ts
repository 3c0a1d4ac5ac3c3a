// Named builders for the CSV tests.
import type { Contact, FieldDefinition } from '../schema';
import { EMPTY_DERIVED } from '../schema';

let n = 0;
const uuid = (i: number) => `0190a000-0000-7000-8000-${String(i).padStart(12, '0')}`;

export function field(key: string, type: FieldDefinition['type'], scope: FieldDefinition['scope'], position: number, options: string[] = []): FieldDefinition {
  const label = key[0].toUpperCase() + key.slice(1).replace(/_/g, ' ');
  return { id: uuid(1000 + ++n), key, label, type, options, scope, position, createdAt: 1, updatedAt: 1 };
}

export function contact(over: Partial<Contact> = {}): Contact {
  return {
    id: uuid(++n),
    createdAt: Date.UTC(2025, 0, 2, 3, 4, 5),
    updatedAt: Date.UTC(2025, 0, 2, 3, 4, 5),
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    phone: '',
    avatarUrl: '',
    campaignOptIn: false,
    customFields: {},
    ...EMPTY_DERIVED,
    ...over,
  };
}
