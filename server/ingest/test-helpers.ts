// Named helpers for ingest tests: a seeded workspace with an ingest key, an in-process tRPC caller
// holding that key, and a checksum of every table to prove a refused request changed nothing.
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { silentLogger } from '../log';
import { appRouter } from '../routers/_app';
import type { Storage } from '../storage/types';
import { seedWorkspace } from '../test-helpers';
import { createCallerFactory, createContext } from '../trpc';
import { hashIngestKey, newIngestKey } from './key';

const createCaller = createCallerFactory(appRouter);

/** A generated workspace (50 contacts, field definitions incl. conversation fields) plus its ingest key. */
export async function seedWithIngestKey(storage: Storage, opts: { contacts?: number; seed?: number } = {}) {
  const w = await seedWorkspace(storage, opts);
  const key = newIngestKey();
  await storage.setIngestKeyHash(w.workspace.id, hashIngestKey(key));
  return { ...w, key };
}

/** An in-process tRPC caller sending `x-ingest-key: key` (or no key). */
export async function ingestCallerFor(storage: Storage, key?: string) {
  const ctx = await createContext({ storage, log: silentLogger, demo: true, ingestKey: key });
  return createCaller(ctx);
}

/** sha256 over every row of every table, read through a second connection (sees only committed data). */
export function databaseChecksum(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    const hash = createHash('sha256');
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
    for (const { name } of tables) {
      const rows = db.prepare(`SELECT * FROM "${name}"`).all().map((r) => JSON.stringify(r)).sort();
      hash.update(`${name}\n${rows.join('\n')}\n`);
    }
    return hash.digest('hex');
  } finally {
    db.close();
  }
}
