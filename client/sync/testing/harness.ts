// Test harness (not a test): the REAL server in-process over HTTP on a temp SQLite file, and
// simulated devices = their own Dexie database over fake-indexeddb + their own clientId/token.
// A device's transport can drop responses (the request reached the server, the answer is lost)
// or send requests twice, as flaky networks do.
import 'fake-indexeddb/auto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newId } from '../../../shared/ids';
import type { Mutation } from '../../../shared/mutations';
import type { MutationResult } from '../../../shared/protocol';
import { startServer } from '../../../server/index';
import { openSqliteStorage } from '../../../server/storage/sqlite';
import { hashToken, newDeviceToken } from '../../../server/auth';
import type { Storage } from '../../../server/storage/types';
import { ContactsDB, type Session } from '../../db/db';
import { createSyncApi } from '../../trpc';
import { pullAll } from '../pull';
import { pushAll } from '../push';
import { transportFromApi, type SyncTransport } from '../transport';

export type TestServer = {
  url: string;
  storage: Storage;
  /** A fresh, empty workspace (isolates test cases and property-test runs). */
  newWorkspace(): Promise<string>;
  close(): Promise<void>;
};

export async function startTestServer(): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sync-test-'));
  const storage = openSqliteStorage(dataDir);
  // A workspace exists before start, so the server seeds no demo data and demo sign-in lands here.
  await storage.createWorkspace({ id: newId(), name: 'Demo', createdAt: Date.now() });
  const server = await startServer({ port: 0, dataDir, demo: true, quiet: true });
  return {
    url: server.url,
    storage,
    async newWorkspace() {
      const id = newId();
      await storage.createWorkspace({ id, name: `ws-${id.slice(-6)}`, createdAt: Date.now() });
      return id;
    },
    async close() {
      await server.close();
      await storage.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type Faults = {
  /** Next n requests reach the server but their responses are lost. */
  dropResponses: number;
  /** Next n requests are sent twice (the first answer is discarded). */
  duplicate: number;
  /** When true, every request fails without reaching the server. */
  offline: boolean;
};

export class NetworkError extends Error {}

export type Device = {
  name: string;
  db: ContactsDB;
  session: Session;
  faults: Faults;
  transport: SyncTransport;
  /** Push requests that reached the server. */
  pushes: number;
  /** What the server answered to each push that reached it, in order (even when the answer was lost). */
  pushLog: PushLogEntry[];
  push(): Promise<void>;
  pull(limit?: number): Promise<void>;
  sync(limit?: number): Promise<void>;
  close(): Promise<void>;
};

export type PushLogEntry = { clientId: string; mutations: Mutation[]; results: MutationResult[] };

/** pushLog: pass one array to several devices to see the server's answers in server order. */
export async function makeDevice(
  server: TestServer,
  workspaceId: string,
  name: string,
  pushLog: PushLogEntry[] = [],
): Promise<Device> {
  const token = newDeviceToken();
  await server.storage.createDevice(hashToken(token), { workspaceId, name, createdAt: Date.now() });
  const session: Session = { token, workspaceId, workspaceName: 'test', clientId: newId() };
  const db = new ContactsDB(`device-${name}-${newId()}`);
  await db.setMeta('session', session);
  const real = transportFromApi(createSyncApi({ baseUrl: server.url, getToken: () => token }));
  const faults: Faults = { dropResponses: 0, duplicate: 0, offline: false };
  const device: Device = {
    name,
    db,
    session,
    faults,
    pushes: 0,
    pushLog,
    transport: {
      pull: (req) => faulty(() => real.pull(req)),
      push: (req) => faulty(async () => {
        device.pushes += 1;
        const res = await real.push(req);
        device.pushLog.push({ clientId: req.clientId, mutations: req.mutations as Mutation[], results: res.results });
        return res;
      }),
    },
    push: () => pushAll(db, device.transport, session.clientId).then(() => undefined),
    pull: (limit) => pullAll(db, device.transport, { clientId: session.clientId, limit }).then(() => undefined),
    async sync(limit) {
      await device.push();
      await device.pull(limit);
    },
    async close() {
      db.close();
      await ContactsDB.delete(db.name);
    },
  };
  async function faulty<T>(call: () => Promise<T>): Promise<T> {
    if (faults.offline) throw new NetworkError('offline');
    if (faults.duplicate > 0) {
      faults.duplicate -= 1;
      await call();
    }
    const result = await call();
    if (faults.dropResponses > 0) {
      faults.dropResponses -= 1;
      throw new NetworkError('response lost');
    }
    return result;
  }
  return device;
}

/** Everything a device shows, sorted, for equality checks. */
export async function snapshot(db: ContactsDB) {
  const byId = <T extends { id: string }>(rows: T[]) => rows.sort((a, b) => a.id.localeCompare(b.id));
  return {
    contacts: byId(await db.contacts.toArray()),
    conversations: byId(await db.conversations.toArray()),
    fields: byId(await db.fields.toArray()),
    segments: byId(await db.segments.toArray()),
  };
}
