import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import { changeSchema } from '../../shared/protocol';
import type { Contact, Conversation } from '../../shared/schema';
import type { Storage } from '../storage/types';
import { callerFor, issueToken, openTempStorage } from '../test-helpers';
import { databaseChecksum, ingestCallerFor, seedWithIngestKey } from './test-helpers';

const opened: Storage[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

const MINUTE = 60_000;

async function setup() {
  const { storage } = openTempStorage();
  opened.push(storage);
  const w = await seedWithIngestKey(storage);
  const api = await ingestCallerFor(storage, w.key);
  const ws = w.workspace.id;
  const contact = (id: string) => storage.transaction(async (tx) => (await tx.getRecord(ws, 'contact', id))?.data as Contact);
  const conversation = (id: string) =>
    storage.transaction(async (tx) => (await tx.getRecord(ws, 'conversation', id))?.data as Conversation);
  // A seeded contact with an email and at least two conversations (older labels and fields to merge with).
  const withConvs = w.contacts.find((c) => c.email && c.conversationCount >= 2)!;
  const convsOf = (id: string) => w.conversations.filter((c) => c.contactId === id);
  return { storage, w, api, ws, contact, conversation, withConvs, convsOf };
}

describe('[R2] ingest message.add', () => {
  it('[R2][D4] a new conversation updates last interaction, preview, channel, count, labels (newest first) and conversation fields', async () => {
    const { api, contact, conversation, withConvs, convsOf } = await setup();
    const at = Date.now() - MINUTE;
    const res = await api.ingest.messageAdd({
      contact: { email: withConvs.email.toUpperCase() },
      channel: 'whatsapp',
      text: 'Bonjour, ma commande est arrivée abîmée 📦',
      at,
      labels: ['urgent-refund', 'vip'],
      customFields: { priority: 'urgent' },
    });
    expect(res).toMatchObject({ contactId: withConvs.id, contactCreated: false, conversationCreated: true });
    expect(await conversation(res.conversationId)).toEqual({
      id: res.conversationId,
      contactId: withConvs.id,
      channel: 'whatsapp',
      createdAt: at,
      lastMessageAt: at,
      lastMessageText: 'Bonjour, ma commande est arrivée abîmée 📦',
      labels: ['urgent-refund', 'vip'],
      customFields: { priority: 'urgent' },
    });
    const c = await contact(withConvs.id);
    expect(c.lastInteractionAt).toBe(at);
    expect(c.lastMessagePreview).toBe('Bonjour, ma commande est arrivée abîmée 📦');
    expect(c.lastMessageChannel).toBe('whatsapp');
    expect(c.conversationCount).toBe(withConvs.conversationCount + 1);
    // Newest conversation's labels first, then the older ones not already listed.
    const older = withConvs.labels.filter((l) => l !== 'urgent-refund' && l !== 'vip');
    expect(c.labels).toEqual(['urgent-refund', 'vip', ...older]);
    // The new value wins for priority; other conversation fields still come from older conversations.
    expect(c.conversationFields.priority).toBe('urgent');
    const olderCsat = [...convsOf(withConvs.id)].sort((x, y) => y.lastMessageAt - x.lastMessageAt).find((v) => v.customFields.csat != null);
    expect(c.conversationFields.csat).toBe(olderCsat?.customFields.csat);
    // Editable fields are untouched.
    expect(c).toMatchObject({ name: withConvs.name, email: withConvs.email, customFields: withConvs.customFields });
  });

  it('[R2] appending to a conversation moves its last message, merges labels and fields, keeps the count', async () => {
    const { api, contact, conversation, withConvs } = await setup();
    const first = await api.ingest.messageAdd({
      contact: { contactId: withConvs.id },
      channel: 'email',
      text: 'First message',
      at: Date.now() - 10 * MINUTE,
      labels: ['billing'],
      customFields: { priority: 'low', order_id: 'ORD-1' },
    });
    const count = (await contact(withConvs.id)).conversationCount;
    const at = Date.now() - MINUTE;
    const second = await api.ingest.messageAdd({
      conversationId: first.conversationId,
      text: 'Any update?',
      at,
      labels: ['billing', 'follow-up'],
      customFields: { priority: 'high', order_id: null },
    });
    expect(second).toEqual({ contactId: withConvs.id, conversationId: first.conversationId, contactCreated: false, conversationCreated: false });
    expect(await conversation(first.conversationId)).toMatchObject({
      channel: 'email',
      lastMessageAt: at,
      lastMessageText: 'Any update?',
      labels: ['billing', 'follow-up'],
      customFields: { priority: 'high' },
    });
    const c = await contact(withConvs.id);
    expect(c).toMatchObject({ conversationCount: count, lastInteractionAt: at, lastMessagePreview: 'Any update?', lastMessageChannel: 'email' });
    expect(c.labels.slice(0, 2)).toEqual(['billing', 'follow-up']);

    // A late, older message adds its labels but never replaces the newer last message.
    await api.ingest.messageAdd({ conversationId: first.conversationId, contact: { email: withConvs.email }, text: 'Late', at: at - 5 * MINUTE, labels: ['late'] });
    expect(await conversation(first.conversationId)).toMatchObject({ lastMessageAt: at, lastMessageText: 'Any update?', labels: ['billing', 'follow-up', 'late'] });
  });

  it('[R2] a message from an unknown sender creates the contact (phone parsed) and its first conversation', async () => {
    const { api, contact } = await setup();
    const at = Date.now() - 2 * MINUTE;
    const res = await api.ingest.messageAdd({
      contact: { name: 'Joaquín Fernández', email: 'joaquin@ejemplo.es', phone: '+34 612 34 56 78' },
      channel: 'telegram',
      text: '¿Tienen soporte en español?',
      at,
    });
    expect(res).toMatchObject({ contactCreated: true, conversationCreated: true });
    expect(await contact(res.contactId)).toMatchObject({
      name: 'Joaquín Fernández',
      email: 'joaquin@ejemplo.es',
      phone: '+34612345678',
      createdAt: at,
      conversationCount: 1,
      lastInteractionAt: at,
      lastMessagePreview: '¿Tienen soporte en español?',
      lastMessageChannel: 'telegram',
      labels: [],
    });
    // The next message from the same phone finds that contact.
    const again = await api.ingest.messageAdd({ contact: { phone: '+34612345678' }, channel: 'sms', text: 'Hola?' });
    expect(again).toMatchObject({ contactId: res.contactId, contactCreated: false, conversationCreated: true });
    expect((await contact(res.contactId)).conversationCount).toBe(2);
  });

  it('[S4][R2] a device pulling after an ingest sees the new contact and the updated derived fields', async () => {
    const { storage, w, api, withConvs } = await setup();
    const device = await callerFor(storage, await issueToken(storage, w.workspace.id));
    const clientId = newId();
    const before = await storage.headSeq(w.workspace.id);
    const created = await api.ingest.contactUpsert({ name: 'Amélie Dubois', email: 'amelie@cafe.fr' });
    const msg = await api.ingest.messageAdd({ contact: { email: withConvs.email }, channel: 'web_chat', text: 'Hello from the widget' });
    const page = await device.sync.pull({ clientId, cursor: before });
    for (const change of page.changes) expect(changeSchema.safeParse(change).success).toBe(true);
    expect(page.changes.map((c) => [c.kind, c.id])).toEqual([
      ['contact', created.contactId],
      ['contact', withConvs.id],
      ['conversation', msg.conversationId],
    ]);
    expect(page.changes[1]).toMatchObject({ data: { lastMessagePreview: 'Hello from the widget', conversationCount: withConvs.conversationCount + 1 } });
    expect(page.cursor).toBe(page.headSeq);
  });

  it('[R3] refusals name the field and change nothing (checksum of every table)', async () => {
    const { storage, api, withConvs } = await setup();
    const conv = (await api.ingest.messageAdd({ contact: { contactId: withConvs.id }, channel: 'email', text: 'x', labels: ['first'] })).conversationId;
    const sum = databaseChecksum(storage.location);
    const cases: [unknown, string, RegExp][] = [
      [{ contact: { email: 'new@x.io' }, channel: 'email', text: 'hi', customFields: { priority: 'extreme' } }, 'BAD_REQUEST', /customFields\.priority: "extreme" is not an option/],
      [{ contact: { email: 'new@x.io' }, channel: 'email', text: 'hi', customFields: { plan: 'Pro' } }, 'BAD_REQUEST', /customFields\.plan: unknown conversation field/],
      [{ contact: { email: 'new@x.io' }, channel: 'email', text: 'x'.repeat(4001) }, 'BAD_REQUEST', /text: /],
      [{ contact: { email: 'new@x.io' }, channel: 'email', text: '   ' }, 'BAD_REQUEST', /text: must not be empty/],
      [{ contact: { email: 'new@x.io' }, text: 'hi' }, 'BAD_REQUEST', /channel: is required for a new conversation/],
      [{ channel: 'email', text: 'hi' }, 'BAD_REQUEST', /contact: is required/],
      [{ contact: { email: 'new@x.io', contactId: withConvs.id }, channel: 'email', text: 'hi' }, 'BAD_REQUEST', /contact: give either contactId/],
      [{ contact: { email: 'new@x.io' }, channel: 'email', text: 'hi', at: Date.now() + 3_600_000 }, 'BAD_REQUEST', /at: must not be in the future/],
      [{ contact: { email: 'new@x.io' }, channel: 'email', text: 'hi', labels: 'vip' }, 'BAD_REQUEST', /labels: /],
      [{ contact: { email: 'new@x.io' }, channel: 'email', text: 'hi', extra: 1 }, 'BAD_REQUEST', /extra/],
      [{ contact: { contactId: newId() }, channel: 'email', text: 'hi' }, 'NOT_FOUND', /contact\.contactId: contact not found/],
      [{ conversationId: newId(), text: 'hi' }, 'NOT_FOUND', /conversationId: conversation not found/],
      [{ conversationId: conv, channel: 'sms', text: 'hi' }, 'BAD_REQUEST', /channel: the conversation is on email/],
      [{ conversationId: conv, contact: { email: 'someone.else@x.io' }, text: 'hi' }, 'BAD_REQUEST', /contact: does not match/],
      [{ conversationId: conv, text: 'hi', labels: Array.from({ length: 20 }, (_, i) => `l${i}`) }, 'BAD_REQUEST', /labels: a conversation has at most 20 labels/],
    ];
    for (const [payload, code, message] of cases) {
      await expect(api.ingest.messageAdd(payload as never), JSON.stringify(payload).slice(0, 120)).rejects.toMatchObject({
        code,
        message: expect.stringMatching(message),
      });
    }
    expect(databaseChecksum(storage.location)).toBe(sum);
  });

  it('[S5] a message for a deleted contact is refused by id; by email it starts a new contact', async () => {
    const { storage, ws, api, withConvs } = await setup();
    const conv = (await api.ingest.messageAdd({ contact: { contactId: withConvs.id }, channel: 'email', text: 'x' })).conversationId;
    await storage.transaction(async (tx) => {
      for (const id of await tx.conversationIdsOf(ws, withConvs.id)) await tx.tombstone(ws, 'conversation', id);
      await tx.tombstone(ws, 'contact', withConvs.id);
    });
    await expect(api.ingest.messageAdd({ contact: { contactId: withConvs.id }, channel: 'email', text: 'x' })).rejects.toThrow(/contact was deleted/);
    await expect(api.ingest.messageAdd({ conversationId: conv, text: 'x' })).rejects.toThrow(/conversation was deleted/);
    const res = await api.ingest.messageAdd({ contact: { email: withConvs.email }, channel: 'email', text: 'I am back' });
    expect(res.contactCreated).toBe(true);
  });
});
