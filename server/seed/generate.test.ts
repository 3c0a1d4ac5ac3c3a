import { createHash } from 'node:crypto';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { describe, expect, it } from 'vitest';
import { compileFilter } from '../../shared/filter';
import { contactSchema, conversationSchema, fieldDefinitionSchema, FIELD_TYPES, segmentSchema } from '../../shared/schema';
import { summarizeConversations } from '../../shared/derive';
import { TEST_NOW } from '../test-helpers';
import { generateWorkspace } from './generate';

const hash = (v: unknown) => createHash('sha256').update(JSON.stringify(v)).digest('hex');
const demo = generateWorkspace({ contacts: 2000, seed: 1, now: TEST_NOW });

describe('demo data generator', () => {
  it('[R1] same seed gives the same data; another seed differs', () => {
    expect(hash(generateWorkspace({ contacts: 2000, seed: 1, now: TEST_NOW }))).toBe(hash(demo));
    expect(hash(generateWorkspace({ contacts: 2000, seed: 2, now: TEST_NOW }))).not.toBe(hash(demo));
  });

  it('[R1] 2,000 valid contacts with unique ids and emails, createdAt within 2 years', () => {
    expect(demo.contacts).toHaveLength(2000);
    for (const c of demo.contacts) expect(contactSchema.parse(c)).toEqual(c);
    const ids = [...demo.contacts, ...demo.conversations, ...demo.fields, ...demo.segments].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const emails = demo.contacts.map((c) => c.email).filter(Boolean);
    expect(new Set(emails).size).toBe(emails.length);
    const twoYears = 731 * 86_400_000;
    for (const c of demo.contacts) expect(c.createdAt).toBeGreaterThan(TEST_NOW - twoYears);
    for (const c of demo.contacts) expect(c.createdAt).toBeLessThan(TEST_NOW);
    // Accented names are part of the mix.
    expect(demo.contacts.some((c) => /[À-ž]/.test(c.name))).toBe(true);
  });

  it('[R1] phones are valid E.164 numbers of several countries', () => {
    const phones = demo.contacts.map((c) => c.phone).filter(Boolean);
    expect(phones.length).toBeGreaterThan(1500);
    const countries = new Set<string>();
    for (const p of phones) {
      const parsed = parsePhoneNumberFromString(p);
      expect(parsed?.isValid() && parsed.number).toBe(p);
      countries.add(parsed!.country ?? '?');
    }
    expect(countries.size).toBeGreaterThanOrEqual(5);
  });

  it('[D3] field definitions cover all 8 types for contacts and >= 2 conversation fields; values match them', () => {
    for (const f of demo.fields) fieldDefinitionSchema.parse(f);
    const contactTypes = new Set(demo.fields.filter((f) => f.scope === 'contact').map((f) => f.type));
    expect([...contactTypes].sort()).toEqual([...FIELD_TYPES].sort());
    expect(demo.fields.filter((f) => f.scope === 'conversation').length).toBeGreaterThanOrEqual(2);
    const keys = new Set(demo.fields.filter((f) => f.scope === 'contact').map((f) => f.key));
    for (const c of demo.contacts) for (const k of Object.keys(c.customFields)) expect(keys.has(k)).toBe(true);
    // Not every contact has every value.
    expect(demo.contacts.some((c) => Object.keys(c.customFields).length < keys.size)).toBe(true);
  });

  it('[D4] 0-6 conversations per contact, about 30% with none, derived fields from summarizeConversations', () => {
    for (const c of demo.conversations) conversationSchema.parse(c);
    const byContact = new Map<string, typeof demo.conversations>();
    for (const c of demo.conversations) byContact.set(c.contactId, [...(byContact.get(c.contactId) ?? []), c]);
    const none = demo.contacts.filter((c) => !byContact.has(c.id)).length / demo.contacts.length;
    expect(none).toBeGreaterThan(0.25);
    expect(none).toBeLessThan(0.35);
    for (const c of demo.contacts) {
      const convs = byContact.get(c.id) ?? [];
      expect(convs.length).toBeLessThanOrEqual(6);
      expect(c.conversationCount).toBe(convs.length);
      expect(summarizeConversations(convs)).toMatchObject({ lastInteractionAt: c.lastInteractionAt, labels: c.labels });
    }
    expect(new Set(demo.conversations.flatMap((c) => c.labels)).size).toBeGreaterThanOrEqual(5);
  });

  it('[V3] 3 segments, "High value customers" matches a few hundred contacts', () => {
    expect(demo.segments).toHaveLength(3);
    for (const s of demo.segments) segmentSchema.parse(s);
    const hv = demo.segments.find((s) => s.name === 'High value customers')!;
    const pred = compileFilter(hv.definition, { now: TEST_NOW, fields: demo.fields });
    const n = demo.contacts.filter(pred).length;
    expect(n).toBeGreaterThanOrEqual(150);
    expect(n).toBeLessThanOrEqual(600);
  });
});
