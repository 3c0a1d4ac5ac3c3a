// Sign-in and the whole app path (session -> SyncEngine -> real server over HTTP).
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../shared/ids';
import { createContact } from './db/changes';
import { ContactsDB } from './db/db';
import { getSession, signInDemo, signOut } from './session';
import { SyncEngine } from './sync/loop';
import { createStatusStore } from './sync/status';
import { transportFromApi } from './sync/transport';
import { startTestServer, type TestServer } from './sync/testing/harness';
import { createSyncApi } from './trpc';

let server: TestServer;
const dbs: ContactsDB[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const db of dbs) db.close();
  await server.close();
});

function freshDb(): ContactsDB {
  const db = new ContactsDB(`session-${newId()}`);
  dbs.push(db);
  return db;
}

const person = (name: string) => ({ name, email: '', phone: '', avatarUrl: '', campaignOptIn: false, customFields: {} });

function engineFor(db: ContactsDB) {
  return new SyncEngine({
    db,
    status: createStatusStore(),
    locks: null,
    events: null,
    pullLimit: 2,
    transportFor: (s) => transportFromApi(createSyncApi({ baseUrl: server.url, getToken: () => s.token })),
  });
}

describe('session', () => {
  it('[S9] one-click demo sign-in stores a token scoped to the workspace; the client id survives sign-out', async () => {
    const db = freshDb();
    const api = createSyncApi({ baseUrl: server.url, getToken: () => undefined });
    const s1 = await signInDemo(db, api, 'Laptop');
    expect(s1.token.length).toBeGreaterThanOrEqual(43); // 256 random bits, base64url
    expect(s1.workspaceName).toBe('Demo');
    expect(await getSession(db)).toEqual(s1);
    await signOut(db);
    expect(await getSession(db)).toBeUndefined();
    const s2 = await signInDemo(db, api, 'Laptop');
    expect(s2.clientId).toBe(s1.clientId);
    expect(s2.token).not.toBe(s1.token);
  });

  it('[S1][S4] the engine pushes local changes and streams the workspace into a second device with progress', async () => {
    const a = freshDb();
    const b = freshDb();
    const api = createSyncApi({ baseUrl: server.url, getToken: () => undefined });
    await signInDemo(a, api, 'A');
    await signInDemo(b, api, 'B');
    for (let i = 0; i < 5; i++) await createContact(a, person(`Streamed ${i}`));
    const ea = engineFor(a);
    await ea.syncNow();
    expect(ea.status.get()).toMatchObject({ pending: 0, lastError: null });
    const eb = engineFor(b);
    const progress: ({ received: number; total: number } | null)[] = [];
    eb.status.subscribe(() => progress.push(eb.status.get().firstSync));
    await eb.syncNow();
    expect(await b.contacts.count()).toBeGreaterThanOrEqual(5);
    expect(progress.filter(Boolean).length).toBeGreaterThan(1); // several pages of 2, each reported
    expect(eb.status.get().firstSync).toBeNull();
    expect(eb.status.get().lastSyncedAt).not.toBeNull();
    expect(await b.getMeta('initialSyncDone')).toBe(true);
  });

  it('[S9] a revoked token shows "signed out" and keeps the outbox', async () => {
    const db = freshDb();
    const session = await signInDemo(db, createSyncApi({ baseUrl: server.url, getToken: () => undefined }), 'Revoked');
    await createSyncApi({ baseUrl: server.url, getToken: () => session.token }).auth.signOut.mutate();
    await createContact(db, person('Unsent'));
    const engine = engineFor(db);
    await engine.syncNow();
    expect(engine.status.get().lastError).toBe('signed out');
    expect(await db.outbox.count()).toBe(1);
  });
});
