// Push's handling of a batch the server refuses whole (400): it is split into single pushes whose
// results are stored as they arrive, so a failure midway (e.g. rate limited) keeps the progress.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import type { PushRequest } from '../../shared/protocol';
import { createContact } from '../db/changes';
import { ContactsDB } from '../db/db';
import { pushAll } from './push';
import type { SyncTransport } from './transport';

const person = (name: string) => ({ name, email: '', phone: '', avatarUrl: '', campaignOptIn: false, customFields: {} });
const badRequest = () => Object.assign(new Error('mutations.1: invalid'), { data: { code: 'BAD_REQUEST', httpStatus: 400 } });
const rateLimited = () => Object.assign(new Error('too many pushes from this device: retry in 900 ms'), { data: { code: 'TOO_MANY_REQUESTS', httpStatus: 429 } });

let db: ContactsDB;
beforeEach(() => {
  db = new ContactsDB(`push-${newId()}`);
});
afterEach(async () => {
  db.close();
  await ContactsDB.delete(db.name);
});

describe('push of a batch refused whole', () => {
  it('[S3] stores each single result as it arrives, so a 429 midway keeps what was acknowledged', async () => {
    for (const name of ['Ana', 'Ben', 'Cai']) await createContact(db, person(name));
    const ids = (await db.outbox.toArray()).map((m) => m.id);
    let singles = 0;
    const transport: SyncTransport = {
      pull: () => Promise.reject(new Error('not used')),
      push: async (req: PushRequest) => {
        if (req.mutations.length > 1) throw badRequest();
        singles += 1;
        if (singles === 1) return { results: [{ id: req.mutations[0].id, status: 'applied' as const }], lastMutationId: req.mutations[0].id };
        throw rateLimited();
      },
    };
    await expect(pushAll(db, transport, newId())).rejects.toThrow(/retry in 900 ms/);
    // The first single was acknowledged and left the outbox; the other two wait for the retry.
    expect((await db.outbox.toArray()).map((m) => m.id)).toEqual(ids.slice(1));
  });
});
