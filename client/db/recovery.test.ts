// Recovery from a corrupted or wiped device database (issue 8, item 6): real Dexie over
// fake-indexeddb against the real server in-process; the damage is written straight into IndexedDB.
import 'fake-indexeddb/auto';
import { liveQuery } from 'dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContact, patchContact } from './changes';
import { ContactsDB } from './db';
import { findProblem, openWithRecovery, watchForWipe } from './recovery';
import { makeDevice, snapshot, startTestServer, type Device, type TestServer } from '../sync/testing/harness';

let server: TestServer;
const devices: Device[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await Promise.all(devices.map((d) => d.close()));
  await server.close();
});

const person = (name: string) => ({ name, email: '', phone: '', avatarUrl: '', campaignOptIn: false, customFields: {} });

async function device(name: string, ws?: string): Promise<Device> {
  const d = await makeDevice(server, ws ?? (await server.newWorkspace()), name);
  devices.push(d);
  return d;
}

/** A device that synced once, then queued two changes offline (a create and an edit). */
async function deviceWithPendingChanges() {
  const a = await device('A');
  const shared = await createContact(a.db, person('Shared'));
  await a.sync();
  const created = await createContact(a.db, person('Made offline'));
  await patchContact(a.db, shared, { set: { email: 'offline@example.com' } });
  expect(await a.db.outbox.count()).toBe(2);
  return { a, shared, created };
}

/** Writes straight into IndexedDB, bypassing Dexie's schema (what a broken disk or old bug leaves). */
function rawUpgrade(name: string, change: (db: IDBDatabase) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = indexedDB.open(name);
    probe.onsuccess = () => {
      const version = probe.result.version;
      probe.result.close();
      const req = indexedDB.open(name, version + 1);
      req.onupgradeneeded = () => change(req.result);
      req.onsuccess = () => {
        req.result.close();
        resolve();
      };
      req.onerror = () => reject(req.error);
    };
    probe.onerror = () => reject(probe.error);
  });
}

async function expectEqualsServer(d: Device) {
  const ref = await device('ref', d.session.workspaceId);
  await ref.pull();
  expect(await snapshot(d.db)).toEqual(await snapshot(ref.db));
  expect(await d.db.outbox.count()).toBe(0);
  return ref;
}

const DAMAGES: [string, (db: ContactsDB) => Promise<void>][] = [
  [
    'a garbage cursor and initialSyncDone in meta',
    async (db) => {
      await db.meta.put({ key: 'cursor', value: 'garbage' } as never);
      await db.meta.put({ key: 'initialSyncDone', value: 'yes' } as never);
      db.close();
    },
  ],
  [
    'a contacts table holding garbage rows',
    async (db) => {
      await db.contacts.clear();
      await db.contacts.put({ id: 'not-a-uuid', name: 42 } as never);
      db.close();
    },
  ],
  [
    'the contacts table missing (object store deleted)',
    async (db) => {
      db.close();
      await rawUpgrade(db.name, (idb) => idb.deleteObjectStore('contacts'));
    },
  ],
];

describe('recovery from a broken local database', () => {
  for (const [what, damage] of DAMAGES) {
    it(`[R4] ${what}: rebuilt, queued changes pushed, device equals the server`, async () => {
      const { a, shared, created } = await deviceWithPendingChanges();
      await damage(a.db);
      expect(await findProblem(a.db.name, a.db.verno)).not.toBeNull();

      const report = await openWithRecovery(a.db);
      expect(report).toMatchObject({ status: 'recovered', keptMutations: 2, dropped: [], signedIn: true });
      // The pending create is visible again before any sync (re-applied on an empty base).
      expect((await a.db.contacts.get(created))?.name).toBe('Made offline');
      expect(await a.db.getMeta('cursor')).toBeUndefined();

      await a.sync();
      const ref = await expectEqualsServer(a);
      expect((await ref.db.contacts.get(created))?.name).toBe('Made offline');
      expect((await ref.db.contacts.get(shared))?.email).toBe('offline@example.com');
      expect(await findProblem(a.db.name, a.db.verno)).toBeNull();
    });
  }

  it('[R4] an outbox entry that fails the mutation schema is dropped and reported, never pushed', async () => {
    const { a, created } = await deviceWithPendingChanges();
    await a.db.outbox.put({ id: 4, clientTime: Date.now(), name: 'contact.create', args: { id: 'nope', name: 7 } } as never);
    await a.db.setMeta('mutationCounter', 4);
    a.db.close();

    const report = await openWithRecovery(a.db);
    expect(report).toMatchObject({ status: 'recovered', keptMutations: 2 });
    expect(report.status === 'recovered' && report.dropped.map((d) => d.id)).toEqual([4]);

    await a.sync();
    const pushedIds = a.pushLog.flatMap((p) => p.mutations.map((m) => m.id));
    expect(pushedIds).toEqual(expect.arrayContaining([2, 3]));
    expect(pushedIds).not.toContain(4);
    const ref = await expectEqualsServer(a);
    expect((await ref.db.contacts.get(created))?.name).toBe('Made offline');
    // New changes get ids above every id the server has seen from this client.
    await createContact(a.db, person('After recovery'));
    expect((await a.db.outbox.toArray())[0].id).toBeGreaterThan(4);
  });

  it('[R4] a lost mutation counter falls back to the clock so new ids stay above old ones', async () => {
    const { a } = await deviceWithPendingChanges();
    await a.db.meta.put({ key: 'mutationCounter', value: -1 } as never);
    a.db.close();
    await openWithRecovery(a.db);
    await a.sync();
    await createContact(a.db, person('Next'));
    expect((await a.db.outbox.toArray())[0].id).toBeGreaterThan(1_000_000);
    await a.sync();
    expect(a.pushLog.at(-1)?.results.map((r) => r.status)).toEqual(['applied']);
    await expectEqualsServer(a);
  });

  it('[R4] a healthy database is opened as is (no resync)', async () => {
    const { a } = await deviceWithPendingChanges();
    await a.sync();
    a.db.close();
    expect(await openWithRecovery(a.db)).toEqual({ status: 'healthy' });
    expect(await a.db.getMeta('initialSyncDone')).toBe(true);
  });

  it('[R4] a database a newer app version upgraded is left alone (not judged by our schema)', async () => {
    const { a } = await deviceWithPendingChanges();
    a.db.close();
    await rawUpgrade(a.db.name, (idb) => idb.deleteObjectStore('bases'));
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open(a.db.name, (a.db.verno + 1) * 10); // the next version() of a newer app
      req.onsuccess = () => (req.result.close(), resolve());
      req.onerror = () => reject(req.error);
    });
    expect(await findProblem(a.db.name, a.db.verno)).toBeNull();
  });

  it('[R4] a wiped database (deleted while the app was closed) opens signed out, without throwing', async () => {
    const { a } = await deviceWithPendingChanges();
    a.db.close();
    await ContactsDB.delete(a.db.name);
    expect(await openWithRecovery(a.db)).toEqual({ status: 'healthy' });
    expect(await a.db.getMeta('session')).toBeUndefined();
    expect(await a.db.outbox.count()).toBe(0);
  });

  it('[R4] a database wiped under the running app: signed out, nothing throws', async () => {
    const { a } = await deviceWithPendingChanges();
    const stop = watchForWipe(a.db);
    // What the app's useSession does: a live query of the session row.
    const seen: unknown[] = [];
    const sub = liveQuery(() => a.db.getMeta('session')).subscribe({ next: (s) => seen.push(s) });
    await new Promise((r) => setTimeout(r, 20));
    expect(seen.at(-1)).toMatchObject({ clientId: a.session.clientId });
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.deleteDatabase(a.db.name); // Dexie closes its connection to let it through
      req.onsuccess = () => resolve();
      req.onerror = () => reject(req.error);
    });
    expect(await a.db.getMeta('session')).toBeUndefined();
    expect(await a.db.contacts.count()).toBe(0);
    // The view learns it is signed out (sign-in screen); polled: on a busy machine it takes a while.
    await expect.poll(() => seen.at(-1), { timeout: 10_000 }).toBeUndefined();
    sub.unsubscribe();
    stop();
  });
});
