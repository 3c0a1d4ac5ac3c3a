// The sync loop (S7, S10). One SyncEngine per app; sync = push, then pull.
//
//            local change (debounce ~300 ms) / 'online' / syncNow() / interval while live
//   idle ───────────────────────────────────────────────────────────────────────► want sync
//     ▲                                                                              │ in-tab single flight
//     │ ok: failures = 0, schedule interval if live        Web Lock busy (other tab) │ (a trigger while running
//     │                                                   → retry in lockRetryMs ◄───┤  = run once more after)
//   syncing ◄────────────────────────────────────────────── lock acquired ◄──────────┘
//     │ error: failures++, retry after min(cap, base·2^n)·jitter  (backoff; interval paused)
//     │ 401: status 'signed out', no retries, outbox kept (until syncNow / sign-in)
//     ▼ offline: nothing runs until 'online'
import type { ContactsDB, Session } from '../db/db';
import { onLocalChange } from '../db/changes';
import { subscribeChanges } from '../db/change-feed';
import { getSession } from '../session';
import { pullAll } from './pull';
import { pushAll } from './push';
import { appSyncStatus, type SyncStatusStore } from './status';
import { errorText, isUnauthorized, retryHintMs, type SyncTransport } from './transport';

export const SYNC_LOCK_NAME = 'all-contacts-sync';

type LockManagerLike = {
  request<T>(name: string, options: { ifAvailable: true }, callback: (lock: unknown) => Promise<T>): Promise<T>;
};

export type SyncEngineOptions = {
  db: ContactsDB;
  /** Builds the network calls for a session (its token). */
  transportFor: (session: Session) => SyncTransport;
  status?: SyncStatusStore;
  debounceMs?: number;
  intervalMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  lockRetryMs?: number;
  pullLimit?: number;
  random?: () => number;
  /** Cross-tab lock; defaults to navigator.locks when present (null = in-tab only). */
  locks?: LockManagerLike | null;
  /** Where 'online' / 'offline' events come from (window in the browser). */
  events?: EventTarget | null;
};

export class SyncEngine {
  readonly status: SyncStatusStore;
  private readonly db: ContactsDB;
  private readonly opts: SyncEngineOptions;
  private intervalMs: number;
  private live = false;
  private failures = 0;
  private signedOut = false;
  private running: Promise<void> | null = null;
  private again = false;
  private debounceTimer: ReturnType<typeof setTimeout> | undefined;
  private nextTimer: ReturnType<typeof setTimeout> | undefined;
  private cleanups: (() => void)[] = [];
  private stopped = true;

  constructor(opts: SyncEngineOptions) {
    this.opts = opts;
    this.db = opts.db;
    this.status = opts.status ?? appSyncStatus;
    this.intervalMs = opts.intervalMs ?? 5000;
  }

  /** Starts listening for triggers and runs a first sync. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.cleanups.push(onLocalChange((db) => db === this.db && this.notifyLocalChange()));
    this.cleanups.push(subscribeChanges(() => void this.refreshCounts()));
    const events = this.opts.events === undefined ? (globalThis as { window?: EventTarget }).window ?? null : this.opts.events;
    if (events) {
      const online = () => {
        this.status.set({ online: true });
        void this.syncNow();
      };
      const offline = () => this.status.set({ online: false });
      events.addEventListener('online', online);
      events.addEventListener('offline', offline);
      this.cleanups.push(() => events.removeEventListener('online', online));
      this.cleanups.push(() => events.removeEventListener('offline', offline));
    }
    void this.refreshCounts();
    void this.requestSync();
  }

  stop(): void {
    this.stopped = true;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    clearTimeout(this.debounceTimer);
    clearTimeout(this.nextTimer);
  }

  /** A sync right now (clears backoff and 'signed out'); resolves when it has finished. */
  syncNow(): Promise<void> {
    this.failures = 0;
    this.signedOut = false;
    clearTimeout(this.nextTimer);
    return this.requestSync();
  }

  /** Called after every local change: push soon, once the user pauses. */
  notifyLocalChange(): void {
    void this.refreshCounts();
    if (this.stopped) return;
    clearTimeout(this.debounceTimer);
    this.debounceTimer = setTimeout(() => void this.requestSync(), this.opts.debounceMs ?? 300);
  }

  setLive(on: boolean): void {
    this.live = on;
    this.status.set({ live: on });
    if (on) void this.syncNow();
    else if (this.failures === 0) clearTimeout(this.nextTimer);
  }

  setIntervalMs(ms: number): void {
    this.intervalMs = Math.max(250, ms);
    if (this.live && this.failures === 0 && !this.running) this.schedule(this.intervalMs);
  }

  /** Single flight: a request while a sync runs makes it run once more afterwards. */
  private requestSync(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.runOnce();
        } while (this.again);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private async runOnce(): Promise<void> {
    if (this.signedOut) return;
    if (this.status.get().online === false) return; // the 'online' event will bring us back
    const session = await getSession(this.db);
    if (!session) return;
    const locks = this.opts.locks === undefined ? defaultLocks() : this.opts.locks;
    if (!locks) return this.syncLocked(session);
    let ran = false;
    const got = await locks
      .request(SYNC_LOCK_NAME, { ifAvailable: true }, async (lock) => {
        if (!lock) return false;
        ran = true;
        await this.syncLocked(session);
        return true;
      })
      .catch(async () => {
        // The lock API itself failed (e.g. an insecure context): sync without it, in this tab only.
        if (!ran) await this.syncLocked(session);
        return true;
      });
    if (!got) this.schedule(this.opts.lockRetryMs ?? 1000); // another tab is syncing; check again soon
  }

  private async syncLocked(session: Session): Promise<void> {
    clearTimeout(this.nextTimer);
    this.status.set({ syncing: true });
    try {
      const transport = this.opts.transportFor(session);
      const firstSync = !(await this.db.getMeta('initialSyncDone'));
      if (firstSync) this.status.set({ firstSync: { received: 0, total: 0 } });
      await pushAll(this.db, transport, session.clientId);
      const startCursor = (await this.db.getMeta('cursor')) ?? 0;
      await pullAll(this.db, transport, {
        clientId: session.clientId,
        limit: this.opts.pullLimit,
        onProgress: (p) => {
          if (firstSync) this.status.set({ firstSync: { received: p.received, total: Math.max(p.received, p.headSeq - startCursor) } });
        },
      });
      const now = Date.now();
      await this.db.setMeta('lastSyncedAt', now);
      this.failures = 0;
      this.status.set({ lastSyncedAt: now, lastError: null, firstSync: null });
      if (this.live) this.schedule(this.intervalMs);
    } catch (error) {
      if (isUnauthorized(error)) {
        this.signedOut = true;
        this.status.set({ lastError: 'signed out', firstSync: null });
      } else {
        this.failures += 1;
        this.status.set({ lastError: errorText(error), firstSync: null });
        // Never sooner than a rate-limited server asked (S9: 429 with "retry in N ms").
        this.schedule(Math.max(this.backoffDelay(), retryHintMs(error)));
      }
    } finally {
      this.status.set({ syncing: false });
      await this.refreshCounts();
    }
  }

  /** Exponential backoff with "equal jitter": half fixed, half random, capped. */
  backoffDelay(failures = this.failures): number {
    const base = this.opts.backoffBaseMs ?? 1000;
    const cap = this.opts.backoffMaxMs ?? 60_000;
    const exp = Math.min(cap, base * 2 ** Math.max(0, failures - 1));
    return Math.round(exp / 2 + (exp / 2) * (this.opts.random ?? Math.random)());
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.nextTimer);
    this.nextTimer = setTimeout(() => void this.requestSync(), delayMs);
  }

  private async refreshCounts(): Promise<void> {
    try {
      const [pending, rejected, lastSyncedAt] = await Promise.all([
        this.db.outbox.count(),
        this.db.getMeta('rejected'),
        this.db.getMeta('lastSyncedAt'),
      ]);
      this.status.set({ pending, rejected: rejected?.length ?? 0, lastSyncedAt: lastSyncedAt ?? this.status.get().lastSyncedAt });
    } catch {
      /* database closed (reload needed): the status says so already */
    }
  }
}

function defaultLocks(): LockManagerLike | null {
  const nav = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator;
  return nav?.locks ?? null;
}
