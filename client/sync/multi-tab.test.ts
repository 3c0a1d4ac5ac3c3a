// [S10] Two tabs of one browser = two connections to one database + one Web Lock manager.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import { createContact } from '../db/changes';
import { ContactsDB } from '../db/db';
import { createSyncApi } from '../trpc';
import { SyncEngine, SYNC_LOCK_NAME } from './loop';
import { createStatusStore } from './status';
import { makeDevice, startTestServer, type TestServer } from './testing/harness';
import { transportFromApi, type SyncTransport } from './transport';

/** navigator.locks semantics for `ifAvailable`: the callback gets null while someone holds it. */
function lockManager() {
  const held = new Set<string>();
  return {
    async request<T>(name: string, _o: { ifAvailable: true }, cb: (lock: unknown) => Promise<T>): Promise<T> {
      if (held.has(name)) return cb(null);
      held.add(name);
      try {
        return await cb({ name });
      } finally {
        held.delete(name);
      }
    },
  };
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

it('[S10] two tabs syncing at the same moment never push the same mutation twice', async () => {
  const ws = await server.newWorkspace();
  const seedDevice = await makeDevice(server, ws, 'seed'); // provides a token for this workspace
  const name = `tabs-${newId()}`;
  const tab1 = new ContactsDB(name);
  const tab2 = new ContactsDB(name);
  await tab1.setMeta('session', { ...seedDevice.session, clientId: newId() });
  const pushed: number[] = [];
  const locks = lockManager();
  const engine = (db: ContactsDB) =>
    new SyncEngine({
      db,
      locks,
      events: null,
      status: createStatusStore(),
      lockRetryMs: 10,
      transportFor: (s): SyncTransport => {
        const real = transportFromApi(createSyncApi({ baseUrl: server.url, getToken: () => s.token }));
        return {
          pull: real.pull,
          push: async (req) => {
            pushed.push(...req.mutations.map((m) => m.id));
            return real.push(req);
          },
        };
      },
    });
  const e1 = engine(tab1);
  const e2 = engine(tab2);
  for (let round = 0; round < 5; round++) {
    await createContact(round % 2 ? tab1 : tab2, { name: `R${round}`, email: '', phone: '', avatarUrl: '', campaignOptIn: false, customFields: {} });
    await Promise.all([e1.syncNow(), e2.syncNow(), e1.syncNow()]);
  }
  await new Promise((r) => setTimeout(r, 50)); // a tab that found the lock busy retries shortly
  await Promise.all([e1.syncNow(), e2.syncNow()]);
  expect(new Set(pushed).size).toBe(5);
  expect(pushed).toHaveLength(5);
  expect(await tab1.outbox.count()).toBe(0);
  expect(SYNC_LOCK_NAME).toBe('all-contacts-sync');
  e1.stop();
  e2.stop();
  tab1.close();
  tab2.close();
  await seedDevice.close();
});
