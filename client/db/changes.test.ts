import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import { EMPTY_DERIVED, type Contact } from '../../shared/schema';
import { subscribeChanges, type ChangeNotice } from './change-feed';
import {
  LocalChangeError,
  applyLocalChange,
  createContact,
  createField,
  createSegment,
  deleteContacts,
  deleteSegment,
  onLocalChange,
  patchContact,
  patchSegment,
} from './changes';
import { ContactsDB } from './db';
import { conversationsRemoved } from './conversation-cleanup';

const dbs: ContactsDB[] = [];
function freshDb(): ContactsDB {
  const db = new ContactsDB(`changes-${newId()}`);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await ContactsDB.delete(db.name);
  }
});

const person = (name: string) => ({ name, email: '', phone: '', avatarUrl: '', campaignOptIn: false, customFields: {} });
const stored = (id: string, name: string): Contact => ({ id, createdAt: 1, updatedAt: 1, ...person(name), ...EMPTY_DERIVED });

describe('local change API', () => {
  it('[S2] writes the record and its outbox mutation together, with increasing ids', async () => {
    const db = freshDb();
    const notices: ChangeNotice[] = [];
    const unsub = subscribeChanges((n) => notices.push(n));
    let nudged = 0;
    const unsub2 = onLocalChange((d) => d === db && nudged++);
    await db.fields.put({ id: newId(), key: 'plan', label: 'Plan', type: 'select', options: ['free', 'pro'], scope: 'contact', position: 0, createdAt: 1, updatedAt: 1 });
    const id = await createContact(db, person('Zoë'));
    const m = await patchContact(db, id, { set: { email: 'zoe@example.com' }, customFields: { plan: 'pro' } });
    unsub();
    unsub2();
    expect(m.id).toBe(2);
    const c = await db.contacts.get(id);
    expect(c).toMatchObject({ name: 'Zoë', email: 'zoe@example.com', customFields: { plan: 'pro' } });
    expect((await db.outbox.toArray()).map((o) => [o.id, o.name])).toEqual([
      [1, 'contact.create'],
      [2, 'contact.patch'],
    ]);
    expect(notices).toContainEqual({ table: 'contacts', ids: [id] });
    expect(nudged).toBe(2);
  });

  it('[S2] mutation ids keep increasing after the outbox empties', async () => {
    const db = freshDb();
    await createContact(db, person('A'));
    await db.outbox.clear();
    const seg = await createSegment(db, { name: 'VIP', definition: { match: 'all', conditions: [] } });
    expect((await db.outbox.toArray())[0].id).toBe(2);
    await patchSegment(db, seg, { name: 'VIPs' });
    expect((await db.segments.get(seg))?.name).toBe('VIPs');
    await deleteSegment(db, seg);
    expect(await db.segments.get(seg)).toBeUndefined();
    expect(await db.outbox.count()).toBe(3);
  });

  it('[S2] an invalid change throws a readable LocalChangeError and writes nothing', async () => {
    const db = freshDb();
    const id = await createContact(db, person('Valid'));
    const before = await db.outbox.count();
    await expect(patchContact(db, id, { set: { email: 'not-an-email' } })).rejects.toThrow(LocalChangeError);
    await expect(patchContact(db, id, { set: { email: 'not-an-email' } })).rejects.toThrow(/email/);
    await expect(patchContact(db, newId(), { set: { name: 'Ghost' } })).rejects.toThrow(/not found/);
    await expect(createContact(db, person(''))).rejects.toThrow(/name/);
    await expect(patchContact(db, id, { customFields: { nope: 'x' } })).rejects.toThrow('customFields.nope: unknown field');
    await db.fields.put({ id: newId(), key: 'score', label: 'Score', type: 'number', options: [], scope: 'contact', position: 0, createdAt: 1, updatedAt: 1 });
    await expect(patchContact(db, id, { customFields: { score: 'high' } })).rejects.toThrow(/score: must be a number/);
    await expect(createField(db, { key: 'Bad Key', label: 'x', type: 'text', options: [], scope: 'contact', position: 0 })).rejects.toThrow(/key/);
    expect(await db.outbox.count()).toBe(before);
    expect(await db.contacts.count()).toBe(1);
    expect(await db.getMeta('mutationCounter')).toBe(1);
  });

  it('[S2] if the outbox write fails the record is not written either (one transaction)', async () => {
    const db = freshDb();
    await db.outbox.add({ id: 1, clientTime: 1, name: 'segment.delete', args: { id: newId() } }); // id 1 taken
    await expect(createContact(db, person('Never'))).rejects.toThrow();
    expect(await db.contacts.count()).toBe(0);
    expect(await db.bases.count()).toBe(0);
  });

  it('[S2] deleting 10,001 contacts is one transaction of chunked mutations and drops their conversations', async () => {
    const db = freshDb();
    const ids = Array.from({ length: 10_001 }, () => newId());
    await db.contacts.bulkPut(ids.map((id, i) => stored(id, `C${i}`)));
    const keep = await createContact(db, person('Keep'));
    await db.conversations.put({
      id: newId(), contactId: ids[0], channel: 'email', createdAt: 1, lastMessageAt: 1, lastMessageText: 'hi', labels: [], customFields: {},
    });
    const ms = await deleteContacts(db, ids);
    expect(ms.map((m) => m.name)).toEqual(['contact.delete', 'contact.delete']);
    expect(await db.contacts.count()).toBe(1);
    expect(await db.contacts.get(keep)).toBeDefined();
    await conversationsRemoved(db);
    expect(await db.conversations.count()).toBe(0);
    expect(await db.outbox.count()).toBe(3);
  });

  it('[S2] applyLocalChange validates with the shared schema (unknown mutation args are refused)', async () => {
    const db = freshDb();
    const body = { name: 'segment.delete', args: { id: 'nope' } } as const;
    await expect(applyLocalChange(db, body)).rejects.toThrow(/UUID/);
  });
});
