// Named helpers for server tests: real temp SQLite files, a seeded workspace, a signed-in caller.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import type { Mutation, MutationBody } from '../shared/mutations';
import { newId } from '../shared/ids';
import { hashToken, newDeviceToken } from './auth';
import { silentLogger } from './log';
import { appRouter } from './routers/_app';
import { generateWorkspace } from './seed/generate';
import { writeWorkspace } from './seed/seed';
import { openSqliteStorage } from './storage/sqlite';
import type { Storage } from './storage/types';
import { createCallerFactory, createContext } from './trpc';

export const TEST_NOW = Date.UTC(2026, 0, 15);

const tempDirs: string[] = [];
// Each test file imports this module afresh: remove its temp dirs after the file's tests
// (after hooks run in reverse order, so the file's own close() hooks run first).
afterAll(() => {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

export function tempDataDir(prefix = 'contacts-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

export function openTempStorage(): { storage: Storage; dataDir: string } {
  const dataDir = tempDataDir();
  return { storage: openSqliteStorage(dataDir), dataDir };
}

/** A generated workspace written into storage; returns it for assertions. */
export async function seedWorkspace(storage: Storage, opts: { contacts?: number; seed?: number } = {}) {
  const w = generateWorkspace({ contacts: opts.contacts ?? 50, seed: opts.seed ?? 7, now: TEST_NOW });
  await writeWorkspace(storage, w);
  return w;
}

/** An empty extra workspace (for cross-workspace tests). */
export async function createEmptyWorkspace(storage: Storage, name = 'Other workspace') {
  const workspace = { id: newId(), name, createdAt: TEST_NOW };
  await storage.createWorkspace(workspace);
  return workspace;
}

export async function issueToken(storage: Storage, workspaceId: string): Promise<string> {
  const token = newDeviceToken();
  await storage.createDevice(hashToken(token), { workspaceId, name: 'test device', createdAt: TEST_NOW });
  return token;
}

const createCaller = createCallerFactory(appRouter);

/** An in-process tRPC caller as a device holding `token` (or none). */
export async function callerFor(storage: Storage, token?: string, demo = true) {
  const ctx = await createContext({
    storage,
    log: silentLogger,
    demo,
    authorization: token ? `Bearer ${token}` : undefined,
  });
  return createCaller(ctx);
}

/** Numbers mutation bodies from `firstId` on, like a device's outbox. */
export function numbered(bodies: MutationBody[], firstId = 1, clientTime = TEST_NOW): Mutation[] {
  return bodies.map((b, i) => ({ ...b, id: firstId + i, clientTime }) as Mutation);
}
