import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { newId } from '../../shared/ids';
import type { MutationBody } from '../../shared/mutations';
import { EMPTY_DERIVED, type Contact, type Conversation } from '../../shared/schema';
import { subscribeChanges, type ChangeNotice } from './change-feed';
import { applyLocalChanges, deleteContacts, LocalChangeError } from './changes';
import { ContactsDB } from './db';
import { conversationsRemoved } from './conversation-cleanup';

const dbs: ContactsDB[] = [];
function freshDb(): ContactsDB {
  const db = new ContactsDB(`change-batch-${newId()}`);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await ContactsDB.delete(db.name);
  }
});

const C = [newId(), newId(), newId(), newId()];
const F = [newId(), newId()];
const S = [newId(), newId()];
const stored = (id: string, conversationCount = 0): Contact => ({
  id, createdAt: 1, updatedAt: 1, name: 'Stored', email: '', phone: '', avatarUrl: '', campaignOptIn: false, customFields: {},
  ...EMPTY_DERIVED, conversationCount,
});
const conversation = (contactId: string): Conversation => ({
  id: newId(), contactId, channel: 'email', createdAt: 1, lastMessageAt: 1, lastMessageText: 'hi', labels: [], customFields: {},
});

async function seed(db: ContactsDB, conv: Conversation): Promise<void> {
  await db.contacts.bulkPut([stored(C[0], 1), stored(C[1])]);
  await db.conversations.put(conv);
  await db.fields.put({ id: F[0], key: 'plan', label: 'Plan', type: 'select', options: ['pro'], scope: 'contact', position: 0, createdAt: 1, updatedAt: 1 });
}

const customFields = fc.constantFrom<Record<string, string | null>>({}, { plan: 'pro' }, { plan: 'nope' }, { plan: null }, { tier: 'pro' });
const body: fc.Arbitrary<MutationBody> = fc.oneof(
  fc.record({ id: fc.constantFrom(...C), optIn: fc.boolean(), cf: customFields }).map(
    ({ id, optIn, cf }): MutationBody => ({
      name: 'contact.create',
      args: { id, createdAt: 1, name: 'New', email: '', phone: '', avatarUrl: '', campaignOptIn: optIn, customFields: cf },
    }),
  ),
  fc.record({ id: fc.constantFrom(...C), optIn: fc.boolean(), cf: customFields }).map(
    ({ id, optIn, cf }): MutationBody => ({ name: 'contact.patch', args: { id, set: { campaignOptIn: optIn }, customFields: cf } }),
  ),
  fc.subarray(C, { minLength: 1 }).map((ids): MutationBody => ({ name: 'contact.delete', args: { ids } })),
  fc.record({ id: fc.constantFrom(...F), key: fc.constantFrom('plan', 'tier') }).map(
    ({ id, key }): MutationBody => ({
      name: 'field.create',
      args: { id, key, label: 'L', type: 'select', options: ['pro'], scope: 'contact', position: 1, createdAt: 1, updatedAt: 1 },
    }),
  ),
  fc.constantFrom(...F).map((id): MutationBody => ({ name: 'field.patch', args: { id, label: 'Renamed' } })),
  fc.constantFrom(...F).map((id): MutationBody => ({ name: 'field.delete', args: { id } })),
  fc.constantFrom(...S).map(
    (id): MutationBody => ({ name: 'segment.create', args: { id, name: 'Seg', definition: { match: 'all', conditions: [] }, createdAt: 1, updatedAt: 1 } }),
  ),
  fc.constantFrom(...S).map((id): MutationBody => ({ name: 'segment.patch', args: { id, name: 'Seg 2' } })),
  fc.constantFrom(...S).map((id): MutationBody => ({ name: 'segment.delete', args: { id } })),
);

/** Everything stored, without the clock stamps (two runs happen at different times). */
async function snapshot(db: ContactsDB): Promise<unknown> {
  await conversationsRemoved(db); // deleted contacts' conversations go right after the delete commits
  const tables = await Promise.all([db.contacts, db.conversations, db.fields, db.segments, db.bases, db.outbox, db.meta].map((t) => t.toArray()));
  return JSON.parse(JSON.stringify(tables, (k, v: unknown) => (k === 'updatedAt' || k === 'clientTime' ? undefined : v)));
}

describe('[S2] one batch in one transaction = the same mutations one by one', () => {
  it('[S2] records, bases, outbox and counter match applying each accepted mutation alone; a refused one writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(body, { minLength: 1, maxLength: 8 }), async (bodies) => {
        const conv = conversation(C[0]);
        const [single, batch] = [freshDb(), freshDb()];
        await seed(single, conv);
        await seed(batch, conv);
        const accepted: MutationBody[] = [];
        for (const b of bodies) {
          try {
            await applyLocalChanges(single, [b]);
            accepted.push(b);
          } catch (e) {
            if (!(e instanceof LocalChangeError)) throw e;
          }
        }
        const before = await snapshot(batch);
        if (accepted.length < bodies.length) {
          await expect(applyLocalChanges(batch, bodies)).rejects.toThrow(LocalChangeError);
          expect(await snapshot(batch)).toEqual(before);
        }
        if (accepted.length) await applyLocalChanges(batch, accepted);
        expect(await snapshot(batch)).toEqual(await snapshot(single));
        for (const db of dbs.splice(0)) {
          db.close();
          await ContactsDB.delete(db.name);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('[S2] later mutations of a batch see the earlier ones (a field created then used, a key freed then reused)', async () => {
    const [single, batch] = [freshDb(), freshDb()];
    const conv = conversation(C[0]);
    await seed(single, conv);
    await seed(batch, conv);
    const field = (id: string, key: string): MutationBody => ({
      name: 'field.create',
      args: { id, key, label: 'L', type: 'select', options: ['pro'], scope: 'contact', position: 1, createdAt: 1, updatedAt: 1 },
    });
    const bodies: MutationBody[] = [
      field(F[1], 'tier'),
      { name: 'contact.create', args: { id: C[2], createdAt: 1, name: 'New', email: '', phone: '', avatarUrl: '', campaignOptIn: true, customFields: { tier: 'pro' } } },
      { name: 'contact.patch', args: { id: C[2], customFields: { plan: 'pro' } } },
      { name: 'field.delete', args: { id: F[0] } },
      field(S[0], 'plan'),
      { name: 'contact.delete', args: { ids: [C[0], C[2]] } },
    ];
    for (const b of bodies) await applyLocalChanges(single, [b]);
    await applyLocalChanges(batch, bodies);
    expect(await snapshot(batch)).toEqual(await snapshot(single));
    await expect(applyLocalChanges(batch, [field(newId(), 'tier'), field(newId(), 'tier')])).rejects.toThrow('already exists');
  });

  it('[S2][V9] deleting contacts with conversations removes exactly theirs (right after the commit) and announces them', async () => {
    const db = freshDb();
    const contacts = Array.from({ length: 300 }, () => stored(newId(), 2));
    const convs = contacts.flatMap((c) => [conversation(c.id), conversation(c.id)]);
    await db.contacts.bulkPut(contacts);
    await db.conversations.bulkPut(convs);
    const doomed = contacts.slice(0, 200).map((c) => c.id);
    await applyLocalChanges(db, [{ name: 'contact.patch', args: { id: doomed[7], set: { name: 'Edited' } } }]); // has a base now
    const notices: ChangeNotice[] = [];
    const unsub = subscribeChanges((n) => notices.push(n));
    const ms = await deleteContacts(db, doomed);
    expect(await db.outbox.count()).toBe(2); // stored with its outbox entry when the call returns
    await conversationsRemoved(db);
    unsub();
    expect(ms).toHaveLength(1); // one mutation carries up to LIMITS.bulkDeleteMax ids
    expect(ms[0]).toMatchObject({ name: 'contact.delete', args: { ids: doomed } });
    expect(ms[0].id).toBe(2);
    expect(await db.contacts.count()).toBe(100);
    const left = await db.conversations.toArray();
    expect(left.map((c) => c.contactId).sort()).toEqual(contacts.slice(200).flatMap((c) => [c.id, c.id]).sort());
    const gone = convs.filter((c) => doomed.includes(c.contactId)).map((c) => c.id);
    expect(notices.find((n) => n.table === 'conversations')).toMatchObject({ ids: expect.arrayContaining(gone) });
    expect(notices.find((n) => n.table === 'contacts')).toEqual({ table: 'contacts', ids: doomed, deleted: true });
    expect(await db.bases.count()).toBe(200); // each deleted contact's server version, for undo/rebase
    expect((await db.bases.get(['contacts', doomed[7]]))?.record).toMatchObject({ name: 'Stored' }); // kept, not the edited view
    expect(await db.outbox.count()).toBe(2);
  });
});
