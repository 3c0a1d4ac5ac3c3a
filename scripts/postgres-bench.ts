// Storage benchmark (R5): push throughput and full-pull time, SQLite (one process) beside
// PostgreSQL (two processes sharing one database), over real HTTP against real server processes.
//   npm run bench:storage [-- --contacts 20000 --mutations 4000 --clients 8 --batch 20 --runs 3]
// PostgreSQL comes from TEST_DATABASE_URL (scripts/with-postgres.sh starts a throwaway one); each
// run uses a fresh database. Push: `clients` devices push batches of new contacts at once, each
// batch to the next process. Pull: one device pulls the whole workspace in 5000-record pages.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { newId } from '../shared/ids';
import { createSyncApi } from '../client/trpc';
import { hashToken, newDeviceToken } from '../server/auth';
import { generateWorkspace } from '../server/seed/generate';
import { writeWorkspace } from '../server/seed/seed';
import { openPostgresStorage } from '../server/storage/postgres';
import { createTestDatabase, startServerProcess, type ServerProcess } from '../server/storage/postgres-cluster-testing';
import { openSqliteStorage } from '../server/storage/sqlite';
import type { Storage } from '../server/storage/types';

const argsSchema = z.object({
  contacts: z.coerce.number().int().min(100).default(20_000),
  mutations: z.coerce.number().int().min(10).default(4000),
  clients: z.coerce.number().int().min(1).max(64).default(8),
  batch: z.coerce.number().int().min(1).max(500).default(20),
  runs: z.coerce.number().int().min(1).max(20).default(3),
});
type Args = z.infer<typeof argsSchema>;
type Engine = { name: string; processes: number; open(): Promise<{ storage: Storage; databaseUrl: string; dataDir: string; cleanup(): Promise<void> }> };

const ENGINES: Engine[] = [
  {
    name: 'SQLite, 1 process',
    processes: 1,
    async open() {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-sqlite-'));
      return { storage: openSqliteStorage(dataDir), databaseUrl: '', dataDir, cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'PostgreSQL, 2 processes',
    processes: 2,
    async open() {
      const db = await createTestDatabase();
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-pg-'));
      const storage = await openPostgresStorage({ connectionString: db.url });
      const cleanup = async () => {
        fs.rmSync(dataDir, { recursive: true, force: true });
        await db.drop();
      };
      return { storage, databaseUrl: db.url, dataDir, cleanup };
    },
  },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function runOnce(engine: Engine, a: Args): Promise<{ pushPerSec: number; pullMs: number; records: number }> {
  const { storage, databaseUrl, dataDir, cleanup } = await engine.open();
  const servers: ServerProcess[] = [];
  try {
    const w = generateWorkspace({ contacts: a.contacts, seed: 1, now: Date.now() });
    await writeWorkspace(storage, w);
    const tokens = Array.from({ length: a.clients + 1 }, () => newDeviceToken());
    for (const t of tokens) await storage.createDevice(hashToken(t), { workspaceId: w.workspace.id, name: 'bench', createdAt: Date.now() });
    await storage.close();
    for (let i = 0; i < engine.processes; i++) servers.push(await startServerProcess(databaseUrl, dataDir));
    const api = (i: number, token: string) => createSyncApi({ baseUrl: servers[i % servers.length].url, getToken: () => token });

    const perClient = Math.ceil(a.mutations / a.clients);
    const started = performance.now();
    await Promise.all(
      Array.from({ length: a.clients }, async (_, c) => {
        const clientId = newId();
        for (let sent = 0, batchNo = 0; sent < perClient; batchNo++) {
          const n = Math.min(a.batch, perClient - sent);
          const mutations = Array.from({ length: n }, (_, k) => ({
            id: sent + k + 1,
            clientTime: Date.now(),
            name: 'contact.create' as const,
            args: { id: newId(), createdAt: Date.now(), name: `Bench ${c}-${sent + k}`, email: '', phone: '', avatarUrl: '', campaignOptIn: false, customFields: {} },
          }));
          await api(c + batchNo, tokens[c]).sync.push.mutate({ clientId, mutations });
          sent += n;
        }
      }),
    );
    const pushPerSec = (perClient * a.clients) / ((performance.now() - started) / 1000);

    const reader = tokens[a.clients];
    const clientId = newId();
    const pullStart = performance.now();
    let cursor = 0;
    let records = 0;
    for (let page = 0; ; page++) {
      const res = await api(page, reader).sync.pull.query({ clientId, cursor, limit: 5000 });
      records += res.changes.length;
      cursor = res.cursor;
      if (!res.hasMore) break;
    }
    return { pushPerSec, pullMs: performance.now() - pullStart, records };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await cleanup();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { contacts: { type: 'string' }, mutations: { type: 'string' }, clients: { type: 'string' }, batch: { type: 'string' }, runs: { type: 'string' } },
  });
  const a = argsSchema.parse(values);
  process.stdout.write(
    `Storage benchmark: ${a.contacts} seeded contacts; push ${a.mutations} creates from ${a.clients} clients in batches of ${a.batch}; median of ${a.runs} runs\n\n`,
  );
  const rows: string[][] = [['engine', 'push (mutations/s)', 'full pull (ms)', 'records pulled']];
  for (const engine of ENGINES) {
    const runs = [];
    for (let r = 0; r < a.runs; r++) runs.push(await runOnce(engine, a));
    rows.push([engine.name, median(runs.map((x) => x.pushPerSec)).toFixed(0), median(runs.map((x) => x.pullMs)).toFixed(0), String(runs[0].records)]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) process.stdout.write(`${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
