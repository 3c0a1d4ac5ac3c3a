// Server measures over HTTP (tRPC on loopback): push throughput and a full pull of the workspace.
import { createSyncApi } from '../client/trpc';
import { apiClient, signedInApi } from '../e2e/api';
import { newId } from '../shared/ids';
import type { Mutation } from '../shared/mutations';
import { LIMITS } from '../shared/limits';
import type { Samples } from './browser-measures';

const add = (s: Samples, name: string, value: number): void => void (s[name] ??= []).push(value);

/** Ids of the first contacts of the workspace (targets of the pushed edits). */
async function someContactIds(url: string, n: number): Promise<string[]> {
  const api = await signedInApi(url);
  const ids: string[] = [];
  let cursor = 0;
  while (ids.length < n) {
    const page = await api.sync.pull.query({ clientId: newId(), cursor, limit: LIMITS.pullPageMax });
    for (const c of page.changes) if (c.kind === 'contact' && !c.deleted) ids.push(c.id);
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  return ids.slice(0, n);
}

/** Pushes `count` opt-in edits in batches of 1,000 from a new client; mutations per second. */
export async function pushThroughput(url: string, count: number, runs: number, s: Samples): Promise<void> {
  const ids = await someContactIds(url, 5000);
  for (let run = 0; run < runs; run++) {
    const api = await signedInApi(url); // own token: its own rate-limit bucket
    const clientId = newId();
    const mutations: Mutation[] = Array.from({ length: count }, (_, i) => ({
      id: i + 1,
      clientTime: Date.now(),
      name: 'contact.patch',
      args: { id: ids[i % ids.length], set: { campaignOptIn: (i + run) % 2 === 0 } },
    }));
    const t0 = performance.now();
    for (let i = 0; i < mutations.length; i += LIMITS.pushBatchMax) {
      await api.sync.push.mutate({ clientId, mutations: mutations.slice(i, i + LIMITS.pushBatchMax) });
    }
    add(s, `server: push ${count.toLocaleString('en-US')} mutations (mutations/s)`, count / ((performance.now() - t0) / 1000));
  }
}

/** Full pull of the workspace over HTTP in the largest pages: the client's wall time and the sum of
 *  the server's own time per page (its Server-Timing header: request in -> answer built). */
export async function fullPull(url: string, runs: number, s: Samples): Promise<number> {
  let records = 0;
  for (let run = 0; run < runs; run++) {
    const { token } = await apiClient(url).auth.demoSignIn.mutate({ deviceName: 'bench-pull' });
    let serverMs = 0;
    const timed: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      serverMs += parseServerTiming(res.headers.get('server-timing'), 'pull') ?? NaN;
      return res;
    };
    const api = createSyncApi({ baseUrl: url, getToken: () => token, fetch: timed });
    const clientId = newId();
    let cursor = 0;
    records = 0;
    const t0 = performance.now();
    for (;;) {
      const page = await api.sync.pull.query({ clientId, cursor, limit: LIMITS.pullPageMax });
      records += page.changes.length;
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    add(s, 'server: full pull over HTTP (s)', (performance.now() - t0) / 1000);
    add(s, 'server: full pull, server time (s)', serverMs / 1000);
  }
  return records;
}

/** Duration (ms) of the named metric in a Server-Timing header ("pull;dur=12.3"), or null. */
export function parseServerTiming(header: string | null, metric: string): number | null {
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (name.trim() !== metric) continue;
    for (const p of params) {
      const m = /^\s*dur=([0-9.]+)\s*$/.exec(p);
      if (m) return Number(m[1]);
    }
  }
  return null;
}
