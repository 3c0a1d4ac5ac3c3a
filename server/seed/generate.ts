// Deterministic demo workspace (issue 2 item 4): realistic contacts with accented names, derived
// emails, valid E.164 phones, custom fields of all 8 types, 0-6 conversations each (~30% none),
// and 3 segments. Pure: same options => same data (ids included).
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { v7 as uuidv7 } from 'uuid';
import { summarizeConversations } from '../../shared/derive';
import type { Contact, Conversation, CustomValue, FieldDefinition, Segment } from '../../shared/schema';
import { CHANNELS } from '../../shared/schema';
import { createRng, type Rng } from './prng';
import * as V from './vocabulary';

const DAY = 86_400_000;
const SPREAD_MS = 730 * DAY;
export const HIGH_VALUE_THRESHOLD = 3000;

export type GenerateOptions = { contacts: number; seed: number; now: number };
export type GeneratedWorkspace = {
  workspace: { id: string; name: string; createdAt: number };
  fields: FieldDefinition[];
  segments: Segment[];
  contacts: Contact[];
  conversations: Conversation[];
};

/** Start of the current UTC day: a "fixed-ish" now, so one day's seeds are identical. */
export function startOfUtcDay(at = Date.now()): number {
  return at - (at % DAY);
}

function makeId(rng: Rng, msecs: number): string {
  return uuidv7({ msecs, random: rng.bytes(16) });
}

export function asciiSlug(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ł/g, 'l').replace(/ø/g, 'o').replace(/Ø/g, 'o')
    .toLowerCase().replace(/[^a-z0-9]+/g, '');
}

export function randomPhone(rng: Rng): string {
  for (;;) {
    const shape = rng.pick(V.PHONE_SHAPES);
    const national = shape.shape.replace(/d/g, () => String(rng.int(0, 9)));
    const parsed = parsePhoneNumberFromString(`+${shape.code}${national}`);
    if (parsed?.isValid()) return parsed.number;
  }
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function fieldDefs(rng: Rng, createdAt: number): FieldDefinition[] {
  const f = (key: string, label: string, type: FieldDefinition['type'], scope: FieldDefinition['scope'], position: number, options: string[] = []): FieldDefinition =>
    ({ id: makeId(rng, createdAt), key, label, type, options, scope, position, createdAt, updatedAt: createdAt });
  return [
    f('company', 'Company', 'text', 'contact', 0),
    f('website', 'Website', 'url', 'contact', 1),
    f('secondary_phone', 'Secondary phone', 'phone', 'contact', 2),
    f('billing_email', 'Billing email', 'email', 'contact', 3),
    f('lifetime_value', 'Lifetime value', 'number', 'contact', 4),
    f('plan', 'Plan', 'select', 'contact', 5, V.PLANS),
    f('interests', 'Interests', 'multiselect', 'contact', 6, V.INTERESTS),
    f('renewal_date', 'Renewal date', 'date', 'contact', 7),
    f('priority', 'Priority', 'select', 'conversation', 0, V.PRIORITIES),
    f('csat', 'CSAT', 'number', 'conversation', 1),
    f('order_id', 'Order ID', 'text', 'conversation', 2),
  ];
}

function segmentDefs(rng: Rng, createdAt: number): Segment[] {
  const s = (name: string, definition: Segment['definition']): Segment =>
    ({ id: makeId(rng, createdAt), name, definition, createdAt, updatedAt: createdAt });
  return [
    s('High value customers', { match: 'all', conditions: [{ field: 'cf:lifetime_value', operator: 'gt', value: HIGH_VALUE_THRESHOLD }] }),
    s('Active in the last 30 days', { match: 'all', conditions: [{ field: 'lastInteractionAt', operator: 'within_last_days', value: 30 }] }),
    s('VIP or refund requests', { match: 'any', conditions: [{ field: 'labels', operator: 'has_any_of', value: ['vip', 'refund'] }] }),
  ];
}

function contactCustomFields(rng: Rng, company: string, now: number): Record<string, CustomValue> {
  const cf: Record<string, CustomValue> = {};
  if (rng.chance(0.6)) cf.company = company;
  if (rng.chance(0.4)) cf.website = `https://www.${asciiSlug(company)}.com`;
  if (rng.chance(0.15)) cf.secondary_phone = randomPhone(rng);
  if (rng.chance(0.3)) cf.billing_email = `billing@${asciiSlug(company)}.com`;
  if (rng.chance(0.7)) cf.lifetime_value = Math.round(Math.exp(7 + 1.2 * rng.normal()) * 100) / 100;
  if (rng.chance(0.8)) cf.plan = rng.pick(V.PLANS);
  if (rng.chance(0.5)) cf.interests = V.INTERESTS.filter(() => rng.chance(0.35));
  if (rng.chance(0.45)) cf.renewal_date = isoDate(now + rng.int(1, 365) * DAY);
  if (Array.isArray(cf.interests) && cf.interests.length === 0) delete cf.interests;
  return cf;
}

function conversationsFor(rng: Rng, contactId: string, contactCreatedAt: number, now: number): Conversation[] {
  const count = rng.chance(0.3) ? 0 : rng.int(1, 6);
  const out: Conversation[] = [];
  for (let i = 0; i < count; i++) {
    const createdAt = rng.int(contactCreatedAt, now - 1);
    // Spread within two weeks of the start, never past "now" (no pile-up of identical times).
    const lastMessageAt = createdAt + rng.int(0, Math.min(14 * DAY, now - 1 - createdAt));
    const customFields: Record<string, CustomValue> = {};
    if (rng.chance(0.7)) customFields.priority = rng.pick(V.PRIORITIES);
    if (rng.chance(0.4)) customFields.csat = rng.int(1, 5);
    if (rng.chance(0.3)) customFields.order_id = `ORD-${rng.int(100000, 999999)}`;
    out.push({
      id: makeId(rng, createdAt),
      contactId,
      channel: rng.pick(CHANNELS),
      createdAt,
      lastMessageAt,
      lastMessageText: rng.pick(V.MESSAGES),
      labels: V.LABELS.filter(() => rng.chance(0.18)),
      customFields,
    });
  }
  return out;
}

export function generateWorkspace(opts: GenerateOptions): GeneratedWorkspace {
  const rng = createRng(opts.seed);
  const { now } = opts;
  const start = now - SPREAD_MS;
  const workspace = { id: makeId(rng, start), name: 'Demo workspace', createdAt: start };
  const fields = fieldDefs(rng, start);
  const segments = segmentDefs(rng, start);
  const usedEmails = new Set<string>();
  const contacts: Contact[] = [];
  const conversations: Conversation[] = [];
  for (let i = 0; i < opts.contacts; i++) {
    const first = rng.pick(V.FIRST_NAMES);
    const last = rng.pick(V.LAST_NAMES);
    const company = rng.pick(V.COMPANIES);
    const createdAt = rng.int(start, now - DAY);
    const id = makeId(rng, createdAt);
    let email = '';
    if (rng.chance(0.95)) {
      const domain = rng.chance(0.25) ? rng.pick(V.COMPANY_DOMAINS) : rng.pick(V.MAIL_DOMAINS);
      const local = `${asciiSlug(first)}.${asciiSlug(last)}`;
      email = `${local}@${domain}`;
      for (let n = 2; usedEmails.has(email); n++) email = `${local}${n}@${domain}`;
      usedEmails.add(email);
    }
    const convs = conversationsFor(rng, id, createdAt, now);
    conversations.push(...convs);
    contacts.push({
      id,
      name: `${first} ${last}`,
      email,
      phone: rng.chance(0.85) ? randomPhone(rng) : '',
      avatarUrl: '',
      campaignOptIn: rng.chance(0.6),
      customFields: contactCustomFields(rng, company, now),
      createdAt,
      updatedAt: createdAt,
      ...summarizeConversations(convs),
    });
  }
  return { workspace, fields, segments, contacts, conversations };
}
