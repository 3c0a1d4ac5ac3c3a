// The sync loop's timing rules with fake timers and a scripted transport (the network is not
// the subject here; the real server is exercised in sync.test.ts).
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { newId } from '../../shared/ids';
import type { PushRequest, PushResponse } from '../../shared/protocol';
import { createContact } from '../db/changes';
import { ContactsDB } from '../db/db';
import { SyncEngine, type SyncEngineOptions } from './loop';
import { createStatusStore } from './status';
import type { SyncTransport } from './transport';

const person = (name: string) => ({ name, email: '', phone: '', avatarUrl: '', campaignOptIn: false, customFields: {} });

/** Lets fake-indexeddb (real setImmediate) and promise chains run without moving fake time. */
async function flush(): Promise<void> {
  for (let i = 0; i < 40; i++) await new Promise((r) => setImmediate(r));
}

type Script = { calls: string[]; fail: unknown | null; active: number; maxActive: number; gate: Promise<void> | null };

function scriptedTransport(s: Script): SyncTransport {
  const run = async <T>(name: string, value: () => T): Promise<T> => {
    s.calls.push(name);
    s.active += 1;
    s.maxActive = Math.max(s.maxActive, s.active);
    try {
      if (s.gate) await s.gate;
      if (s.fail) throw s.fail;
      return value();
    } finally {
      s.active -= 1;
    }
  };
  return {
    pull: () => run('pull', () => ({ changes: [], cursor: 0, hasMore: false, headSeq: 0, lastMutationId: 0 })),
    push: (req: PushRequest) =>
      run('push', (): PushResponse => ({
        results: req.mutations.map((m) => ({ id: m.id, status: 'applied' as const })),
        lastMutationId: req.mutations[req.mutations.length - 1].id,
      })),
  };
}

let db: ContactsDB;
let script: Script;
let engine: SyncEngine;

function makeEngine(extra: Partial<SyncEngineOptions> = {}): SyncEngine {
  engine = new SyncEngine({
    db,
    transportFor: () => scriptedTransport(script),
    status: createStatusStore(),
    locks: null,
    events: null,
    random: () => 1,
    ...extra,
  });
  return engine;
}

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  db = new ContactsDB(`loop-${newId()}`);
  await db.setMeta('session', { token: 't'.repeat(43), workspaceId: newId(), workspaceName: 'w', clientId: newId() });
  script = { calls: [], fail: null, active: 0, maxActive: 0, gate: null };
});
afterEach(async () => {
  engine?.stop();
  vi.useRealTimers();
  db.close();
  await ContactsDB.delete(db.name);
});

const syncs = () => script.calls.filter((c) => c === 'pull').length;

describe('sync loop', () => {
  it('[S7] pushes once, ~300 ms after a burst of local edits', async () => {
    makeEngine().start();
    await flush();
    expect(syncs()).toBe(1); // start-up sync
    for (let i = 0; i < 3; i++) {
      await createContact(db, person(`P${i}`));
      await vi.advanceTimersByTimeAsync(100);
      await flush();
    }
    expect(syncs()).toBe(1);
    await vi.advanceTimersByTimeAsync(300);
    await flush();
    expect(syncs()).toBe(2);
    expect(script.calls.filter((c) => c === 'push')).toHaveLength(1);
    expect(await db.outbox.count()).toBe(0);
    expect(engine.status.get().pending).toBe(0);
  });

  it('[S7] syncs on the interval only while live, and the interval is configurable', async () => {
    makeEngine({ intervalMs: 5000 }).start();
    await flush();
    await vi.advanceTimersByTimeAsync(30_000);
    await flush();
    expect(syncs()).toBe(1);
    engine.setLive(true);
    await flush();
    expect(syncs()).toBe(2);
    for (let i = 0; i < 3; i++) {
      await vi.advanceTimersByTimeAsync(5000);
      await flush();
    }
    expect(syncs()).toBe(5);
    engine.setIntervalMs(1000);
    await vi.advanceTimersByTimeAsync(1000);
    await flush();
    expect(syncs()).toBe(6);
    engine.setLive(false);
    await vi.advanceTimersByTimeAsync(30_000);
    await flush();
    expect(syncs()).toBe(6);
  });

  it('[S7] backs off exponentially on failure (capped) and resets after a success', async () => {
    script.fail = new Error('network down');
    makeEngine({ backoffBaseMs: 1000, backoffMaxMs: 8000 }).start();
    await flush();
    const attempts = () => script.calls.filter((c) => c === 'pull').length + script.calls.filter((c) => c === 'push').length;
    // No outbox entries: each attempt is a single pull. With random = 1 the delays are 1, 2, 4, 8, 8 s.
    expect(attempts()).toBe(1);
    expect(engine.status.get().lastError).toBe('network down');
    const expected = [1000, 2000, 4000, 8000, 8000];
    for (const [i, delay] of expected.entries()) {
      await vi.advanceTimersByTimeAsync(delay - 1);
      await flush();
      expect(attempts()).toBe(i + 1);
      await vi.advanceTimersByTimeAsync(1);
      await flush();
      expect(attempts()).toBe(i + 2);
    }
    script.fail = null;
    await vi.advanceTimersByTimeAsync(8000);
    await flush();
    expect(engine.status.get().lastError).toBeNull();
    const after = attempts();
    await vi.advanceTimersByTimeAsync(120_000);
    await flush();
    expect(attempts()).toBe(after); // not live: no more retries once it worked
  });

  it('[S9] a rate-limited push waits at least the time the server asked for', async () => {
    script.fail = new Error('too many pushes from this device: retry in 5000 ms');
    makeEngine({ backoffBaseMs: 1000, backoffMaxMs: 8000 }).start();
    await flush();
    expect(script.calls.length).toBe(1);
    script.fail = null;
    await vi.advanceTimersByTimeAsync(4999);
    await flush();
    expect(script.calls.length).toBe(1); // the 1 s backoff alone would have retried by now
    await vi.advanceTimersByTimeAsync(1);
    await flush();
    expect(script.calls.length).toBeGreaterThan(1);
  });

  it('[S7] jitter keeps the delay between half and all of the exponential step', () => {
    const low = new SyncEngine({ db, transportFor: () => scriptedTransport(script), random: () => 0 });
    const high = new SyncEngine({ db, transportFor: () => scriptedTransport(script), random: () => 0.999 });
    expect(low.backoffDelay(3)).toBe(2000);
    expect(high.backoffDelay(3)).toBeLessThanOrEqual(4000);
    expect(high.backoffDelay(30)).toBeLessThanOrEqual(60_000);
  });

  it('[S7] never runs two syncs at once; triggers during a sync cause exactly one more', async () => {
    let open!: () => void;
    script.gate = new Promise((r) => (open = r));
    makeEngine().start();
    await flush();
    const a = engine.syncNow();
    const b = engine.syncNow();
    await createContact(db, person('during'));
    await vi.advanceTimersByTimeAsync(500);
    await flush();
    expect(script.maxActive).toBe(1);
    script.gate = null;
    open();
    await Promise.all([a, b]);
    await flush();
    expect(script.maxActive).toBe(1);
    expect(syncs()).toBe(2);
    expect(await db.outbox.count()).toBe(0);
  });

  it('[S10] while another tab holds the sync lock this tab does not sync, and tries again later', async () => {
    let held = true;
    const locks = {
      request: async <T>(_name: string, _o: { ifAvailable: true }, cb: (lock: unknown) => Promise<T>) => cb(held ? null : {}),
    };
    makeEngine({ locks, lockRetryMs: 1000 }).start();
    await flush();
    expect(syncs()).toBe(0);
    held = false;
    await vi.advanceTimersByTimeAsync(1000);
    await flush();
    expect(syncs()).toBe(1);
  });

  it('[S9] a refused token stops syncing with "signed out" and keeps the outbox', async () => {
    script.fail = Object.assign(new Error('UNAUTHORIZED'), { data: { code: 'UNAUTHORIZED', httpStatus: 401 } });
    await createContact(db, person('Kept'));
    makeEngine().start();
    await flush();
    expect(engine.status.get().lastError).toBe('signed out');
    const n = script.calls.length;
    await vi.advanceTimersByTimeAsync(600_000);
    await flush();
    expect(script.calls.length).toBe(n);
    expect(await db.outbox.count()).toBe(1);
    expect(engine.status.get().pending).toBe(1);
  });

  it('[S7] going back online syncs at once; offline nothing is attempted', async () => {
    const events = new EventTarget();
    makeEngine({ events }).start();
    await flush();
    events.dispatchEvent(new Event('offline'));
    await engine.syncNow();
    expect(syncs()).toBe(1);
    expect(engine.status.get().online).toBe(false);
    events.dispatchEvent(new Event('online'));
    await flush();
    expect(syncs()).toBe(2);
    expect(engine.status.get().online).toBe(true);
  });
});
