// Issue 11 item 4: a revoked token shows sign-in (the session is dropped) WITHOUT discarding local
// changes; signing in again to the same workspace pushes them. Real Dexie + a real server over HTTP.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../shared/ids';
import { createContact } from './db/changes';
import { ContactsDB } from './db/db';
import { dropRefusedToken, getSession, signInDemo } from './session';
import { signOutOnRefusal } from './sync/app-sync';
import { SyncEngine } from './sync/loop';
import { createStatusStore } from './sync/status';
import { startTestServer, type TestServer } from './sync/testing/harness';
import { transportFromApi } from './sync/transport';
import { createSyncApi } from './trpc';

let server: TestServer;
let db: ContactsDB;
beforeAll(async () => {
  server = await startTestServer();
  db = new ContactsDB(`refused-${newId()}`);
});
afterAll(async () => {
  db.close();
  await server.close();
});

const person = (name: string) => ({ name, email: '', phone: '', avatarUrl: '', campaignOptIn: false, customFields: {} });
const anonymous = () => createSyncApi({ baseUrl: server.url, getToken: () => undefined });

function engine() {
  return new SyncEngine({
    db,
    status: createStatusStore(),
    locks: null,
    events: null,
    transportFor: (s) => signOutOnRefusal(transportFromApi(createSyncApi({ baseUrl: server.url, getToken: () => s.token })), db, s.token),
  });
}

describe('revoked token', () => {
  it('[S9] drops only the refused session, keeps the outbox, and pushes it after signing in again', async () => {
    const first = await signInDemo(db, anonymous(), 'Chrome on Linux');
    await createSyncApi({ baseUrl: server.url, getToken: () => first.token }).auth.signOut.mutate(); // "revoked elsewhere"
    const id = await createContact(db, person('Written before revocation'));
    await engine().syncNow();
    expect(await getSession(db)).toBeUndefined(); // the app shows sign-in
    expect(await db.outbox.count()).toBe(1);
    expect(await db.contacts.get(id)).toBeTruthy();

    const second = await signInDemo(db, anonymous(), 'Chrome on Linux');
    expect(second.clientId).toBe(first.clientId);
    expect(await dropRefusedToken(db, first.token)).toBe(false); // a late 401 of the old token changes nothing
    expect((await getSession(db))?.token).toBe(second.token);
    await engine().syncNow();
    expect(await db.outbox.count()).toBe(0);
    const stored = await server.storage.transaction((tx) => tx.ownerOf(id));
    expect(stored?.kind).toBe('contact');
  });
});
