// Server sync profile (issue 9): push throughput and full-pull time against a seeded SQLite workspace,
// measured three ways so a change can be attributed: the sync core alone (parse + pushMutations /
// pullChanges), the tRPC procedure in-process, and real HTTP on loopback.
//   npx tsx scripts/push-profile.ts [--contacts 100000] [--mutations 10000] [--runs 3] [--only push|pull]
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { apiClient } from '../e2e/api';
import { newId } from '../shared/ids';
import { LIMITS } from '../shared/limits';
import type { Mutation } from '../shared/mutations';
import { hashToken, newDeviceToken } from '../server/auth';
import { createAppServer } from '../server/http';
import { silentLogger } from '../server/log';
import { appRouter } from '../server/routers/_app';
import { generateWorkspace } from '../server/seed/generate';
import { writeWorkspace } from '../server/seed/seed';
import { openSqliteStorage } from '../server/storage/sqlite';
import type { Storage } from '../server/storage/types';
import { pullChanges, pullChangesJson } from '../server/sync/pull';
import { pushMutations } from '../server/sync/push';
import { parsePushItems } from '../server/sync/push-input';
import { createCallerFactory, createContext } from '../server/trpc';
import type { Samples } from '../bench/browser-measures';
import { fullPull } from '../bench/server-measures';

const argsSchema = z.object({
  contacts: z.coerce.number().int().min(100).default(100_000),
  mutations: z.coerce.number().int().min(1).default(10_000),
  runs: z.coerce.number().int().min(1).max(20).default(3),
  only: z.enum(['push', 'pull']).optional(),
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Opt-in toggles over the first contacts, like bench/server-measures.ts pushThroughput. */
function patches(ids: string[], count: number, run: number): Mutation[] {
  return Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    clientTime: Date.now(),
    name: 'contact.patch',
    args: { id: ids[i % ids.length], set: { campaignOptIn: (i + run) % 2 === 0 } },
  }));
}

async function timed(count: number, pushBatch: (batch: Mutation[], clientId: string) => Promise<unknown>, run: number, ids: string[]) {
  const mutations = patches(ids, count, run);
  const clientId = newId();
  const t0 = performance.now();
  for (let i = 0; i < mutations.length; i += LIMITS.pushBatchMax) await pushBatch(mutations.slice(i, i + LIMITS.pushBatchMax), clientId);
  return count / ((performance.now() - t0) / 1000);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { contacts: { type: 'string' }, mutations: { type: 'string' }, runs: { type: 'string' }, only: { type: 'string' } },
  });
  const a = argsSchema.parse(values);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'push-profile-'));
  const storage: Storage = openSqliteStorage(dataDir);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  try {
    const w = generateWorkspace({ contacts: a.contacts, seed: 42, now: Date.now() });
    await writeWorkspace(storage, w);
    const workspaceId = w.workspace.id;
    const ids = w.contacts.slice(0, 5000).map((c) => c.id);
    const token = newDeviceToken();
    await storage.createDevice(hashToken(token), { workspaceId, name: 'profile', createdAt: Date.now() });
    out(`seeded ${a.contacts} contacts (${w.conversations.length} conversations) in ${dataDir}`);

    const caller = createCallerFactory(appRouter)(
      await createContext({ storage, log: silentLogger, demo: false, authorization: `Bearer ${token}` }),
    );
    const server = createAppServer({ storage, log: silentLogger, demo: true, pushRate: { perSecond: 1e6, burst: 1e6 } });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const http = apiClient(url, token);
    try {
      if (a.only !== 'pull') {
        const rows: Record<string, number[]> = { core: [], trpc: [], http: [] };
        for (let run = 0; run < a.runs; run++) {
          rows.core.push(await timed(a.mutations, (batch, clientId) =>
            pushMutations(storage, workspaceId, clientId, parsePushItems({ clientId, mutations: batch }).items), run, ids));
          rows.trpc.push(await timed(a.mutations, (mutations, clientId) => caller.sync.push({ clientId, mutations }), run, ids));
          rows.http.push(await timed(a.mutations, (mutations, clientId) => http.sync.push.mutate({ clientId, mutations }), run, ids));
        }
        for (const [name, xs] of Object.entries(rows)) {
          out(`push ${a.mutations} (${name.padEnd(4)}): median ${median(xs).toFixed(0)} mutations/s  [${xs.map((x) => x.toFixed(0)).join(', ')}]`);
        }
      }
      if (a.only !== 'push') {
        // Over HTTP first: an idle keep-alive socket the server closes meanwhile can fail a client's next POST.
        const samples: Samples = {};
        await fullPull(url, a.runs, samples);
        const rows: Record<string, number[]> = { 'core, objects + JSON.stringify (tRPC path)': [], 'core, wire JSON (fast path)': [] };
        let records = 0;
        for (let run = 0; run < a.runs; run++) {
          for (const name of Object.keys(rows)) {
            const clientId = newId();
            let cursor = 0;
            records = 0;
            const t0 = performance.now();
            for (;;) {
              const req = { clientId, cursor, limit: LIMITS.pullPageMax };
              const page = name.includes('fast')
                ? await pullChangesJson(storage, workspaceId, req).then((p) => ({ ...p.tail, n: p.changes }))
                : await pullChanges(storage, workspaceId, req).then((p) => ({ ...p, body: JSON.stringify(p), n: p.changes.length }));
              records += page.n;
              cursor = page.cursor;
              if (!page.hasMore) break;
            }
            rows[name].push(performance.now() - t0);
          }
        }
        for (const [name, xs] of Object.entries(rows)) {
          out(`full pull of ${records} records (${name}): median ${median(xs).toFixed(0)} ms  [${xs.map((x) => x.toFixed(0)).join(', ')}]`);
        }
        for (const [name, xs] of Object.entries(samples)) {
          out(`${name}: median ${median(xs).toFixed(3)}  [${xs.map((x) => x.toFixed(3)).join(', ')}]`);
        }
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  } finally {
    await storage.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
