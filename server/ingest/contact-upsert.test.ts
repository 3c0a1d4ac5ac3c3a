import { afterEach, describe, expect, it } from 'vitest';
import type { Contact } from '../../shared/schema';
import { EMPTY_DERIVED } from '../../shared/schema';
import { formatPhone } from '../../shared/values';
import type { Storage } from '../storage/types';
import { issueToken, openTempStorage } from '../test-helpers';
import { ingestCallerFor, seedWithIngestKey } from './test-helpers';

const opened: Storage[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

async function setup() {
  const { storage } = openTempStorage();
  opened.push(storage);
  const w = await seedWithIngestKey(storage);
  const api = await ingestCallerFor(storage, w.key);
  const read = async (id: string) =>
    storage.transaction(async (tx) => (await tx.getRecord(w.workspace.id, 'contact', id))?.data as Contact | undefined);
  const headSeq = () => storage.headSeq(w.workspace.id);
  // Two seeded contacts with an email and a phone, for matching.
  const [a, b] = w.contacts.filter((c) => c.email && c.phone);
  return { storage, w, api, read, headSeq, a, b };
}

describe('[R2] ingest contact.upsert', () => {
  it('[R2] matches by email ignoring case and updates only the given fields, with a new seq', async () => {
    const { api, read, headSeq, a } = await setup();
    const before = await headSeq();
    const res = await api.ingest.contactUpsert({ email: `  ${a.email.toUpperCase()} `, name: 'Zoë Ångström' });
    expect(res).toEqual({ contactId: a.id, created: false, updated: true });
    const after = await read(a.id);
    // The stored spelling of the email is kept; derived fields are untouched.
    expect(after).toMatchObject({ name: 'Zoë Ångström', email: a.email, phone: a.phone, lastInteractionAt: a.lastInteractionAt });
    expect(after!.updatedAt).toBeGreaterThan(a.updatedAt);
    expect(await headSeq()).toBe(before + 1);
  });

  it('[R2] matches by phone (any format, parsed to E.164) when no email matches', async () => {
    const { api, read, a } = await setup();
    const res = await api.ingest.contactUpsert({ email: 'brand.new@example.org', phone: formatPhone(a.phone) });
    expect(res).toEqual({ contactId: a.id, created: false, updated: true });
    expect(await read(a.id)).toMatchObject({ email: 'brand.new@example.org', phone: a.phone });
  });

  it('[R2] email wins over phone when they point at different contacts', async () => {
    const { api, a, b } = await setup();
    const res = await api.ingest.contactUpsert({ email: a.email, phone: b.phone });
    expect(res.contactId).toBe(a.id);
  });

  it('[R2] creates a contact when nothing matches: new id, createdAt now, E.164 phone, empty derived fields', async () => {
    const { api, read } = await setup();
    const started = Date.now();
    const res = await api.ingest.contactUpsert({
      name: 'Søren Østergaard',
      email: 'soren@fjord.dk',
      phone: '+45 32 12 34 56',
      avatarUrl: 'https://example.com/soren.png',
      customFields: { plan: 'Pro', lifetime_value: 1200 },
    });
    expect(res.created).toBe(true);
    const c = await read(res.contactId);
    expect(c).toMatchObject({
      id: res.contactId,
      name: 'Søren Østergaard',
      email: 'soren@fjord.dk',
      phone: '+4532123456',
      avatarUrl: 'https://example.com/soren.png',
      campaignOptIn: false,
      customFields: { plan: 'Pro', lifetime_value: 1200 },
      ...EMPTY_DERIVED,
    });
    expect(c!.createdAt).toBeGreaterThanOrEqual(started);
    // Without a name, the email's local part names the contact.
    const bare = await api.ingest.contactUpsert({ email: 'jane.doe@example.com' });
    expect((await read(bare.contactId))!.name).toBe('jane.doe');
    // A name alone never matches anyone: a second call creates a second contact.
    const n1 = await api.ingest.contactUpsert({ name: 'Walk-in' });
    const n2 = await api.ingest.contactUpsert({ name: 'Walk-in' });
    expect(n1.contactId).not.toBe(n2.contactId);
  });

  it('[R2] a payload that changes nothing writes nothing', async () => {
    const { api, headSeq, a } = await setup();
    const before = await headSeq();
    expect(await api.ingest.contactUpsert({ email: a.email.toUpperCase(), name: a.name, phone: a.phone })).toEqual({
      contactId: a.id,
      created: false,
      updated: false,
    });
    expect(await headSeq()).toBe(before);
  });

  it('[R2] custom fields are merged per key and checked against the contact field definitions', async () => {
    const { api, read, headSeq, a } = await setup();
    await api.ingest.contactUpsert({ email: a.email, customFields: { plan: 'Enterprise', company: null } });
    const after = await read(a.id);
    expect(after!.customFields.plan).toBe('Enterprise');
    expect(after!.customFields).not.toHaveProperty('company');
    const before = await headSeq();
    await expect(api.ingest.contactUpsert({ email: a.email, customFields: { plan: 'Platinum' } })).rejects.toThrow(
      /customFields\.plan: "Platinum" is not an option/,
    );
    await expect(api.ingest.contactUpsert({ email: a.email, customFields: { priority: 'high' } })).rejects.toThrow(
      /customFields\.priority: unknown contact field/,
    );
    expect(await headSeq()).toBe(before);
  });

  it('[S5][R2] a deleted contact never matches: the same email creates a new contact', async () => {
    const { storage, w, api, a } = await setup();
    await storage.transaction((tx) => tx.tombstone(w.workspace.id, 'contact', a.id));
    const res = await api.ingest.contactUpsert({ email: a.email });
    expect(res.created).toBe(true);
    expect(res.contactId).not.toBe(a.id);
  });

  it('[R2][S9] needs the ingest key: none, a wrong one or a device token are refused before the input is read', async () => {
    const { storage, w } = await setup();
    const token = await issueToken(storage, w.workspace.id);
    for (const key of [undefined, 'ik_wrongwrongwrongwrongwrong', token]) {
      const api = await ingestCallerFor(storage, key);
      await expect(api.ingest.contactUpsert({ email: 'x@y.co' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      await expect(api.ingest.contactUpsert({ email: 42 } as never)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    }
  });

  it('[R3] bad input is a BAD_REQUEST naming the field', async () => {
    const { api } = await setup();
    const cases: [unknown, RegExp][] = [
      [{ email: 'not-an-email' }, /email: is not a valid email address/],
      [{ phone: '12' }, /phone: /],
      [{ name: 42 }, /name: /],
      [{ email: 'a@b.co', nickname: 'x' }, /nickname/],
      [{}, /give at least one of email, phone or name/],
      [{ email: 'a@b.co', avatarUrl: 'javascript:alert(1)' }, /avatarUrl: must be an http\(s\) URL/],
    ];
    for (const [payload, message] of cases) {
      await expect(api.ingest.contactUpsert(payload as never), JSON.stringify(payload)).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringMatching(message),
      });
    }
  });
});
