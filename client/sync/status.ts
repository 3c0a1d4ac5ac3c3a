// Sync status (S8) as a tiny observable store, read by the header indicator via useSyncStatus().
import { useSyncExternalStore } from 'react';

export type SyncStatus = {
  online: boolean;
  syncing: boolean;
  lastSyncedAt: number | null;
  /** Mutations still in the outbox. */
  pending: number;
  /** Human-readable; 'signed out' when the server refused the device token. */
  lastError: string | null;
  /** Progress of the first full pull of this device; null once done (or not started). */
  firstSync: { received: number; total: number } | null;
  /** Mutations the server refused (reasons in meta 'rejected'). */
  rejected: number;
  /** Live mode: sync on an interval (S7). */
  live: boolean;
  /** The database was upgraded/blocked by another tab: this tab must reload. */
  reloadNeeded: boolean;
};

export type SyncStatusStore = {
  get(): SyncStatus;
  set(patch: Partial<SyncStatus>): void;
  subscribe(listener: () => void): () => void;
};

export const INITIAL_STATUS: SyncStatus = {
  online: typeof navigator === 'undefined' || navigator.onLine !== false,
  syncing: false,
  lastSyncedAt: null,
  pending: 0,
  lastError: null,
  firstSync: null,
  rejected: 0,
  live: false,
  reloadNeeded: false,
};

export function createStatusStore(initial: SyncStatus = INITIAL_STATUS): SyncStatusStore {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set(patch) {
      const changed = (Object.keys(patch) as (keyof SyncStatus)[]).some((k) => patch[k] !== state[k]);
      if (!changed) return;
      state = { ...state, ...patch }; // new object only on change: useSyncExternalStore needs stable snapshots
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The app's one status store (the engine from app-sync.ts writes it). */
export const appSyncStatus: SyncStatusStore = createStatusStore();

export function useSyncStatus(store: SyncStatusStore = appSyncStatus): SyncStatus {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}
