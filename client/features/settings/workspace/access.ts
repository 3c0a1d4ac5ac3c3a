// What this device's user may do (issue 11): role + workspace settings from workspace.access, cached
// in localStorage so the UI knows offline. Only a UI hint: the server enforces the same rules.
import { useEffect, useSyncExternalStore } from 'react';
import type { Access } from '../../../../shared/accounts';
import { db } from '../../../db/db';
import { getSignedInApi, useSession, useSyncStatus } from '../../deps';

const CACHE_KEY = 'all-contacts.access';
const MIN_REFRESH_MS = 2000;

let current: Access | null = readCache();
const listeners = new Set<() => void>();
let inFlight: Promise<void> | null = null;
let lastRefresh = 0;

function readCache(): Access | null {
  try {
    const raw = globalThis.localStorage?.getItem(CACHE_KEY);
    return raw ? (JSON.parse(raw) as Access) : null;
  } catch {
    return null;
  }
}

export function setAccess(access: Access | null): void {
  current = access;
  try {
    if (access) globalThis.localStorage?.setItem(CACHE_KEY, JSON.stringify(access));
    else globalThis.localStorage?.removeItem(CACHE_KEY);
  } catch {
    /* private mode: memory only */
  }
  for (const l of listeners) l();
}

/** Asks the server again (after a sync, a settings change); failures keep the cached value. */
export function refreshAccess(force = false): Promise<void> {
  if (inFlight) return inFlight;
  if (!force && Date.now() - lastRefresh < MIN_REFRESH_MS) return Promise.resolve();
  lastRefresh = Date.now();
  inFlight = getSignedInApi()
    .then((api) => api.workspace.access.query())
    .then((a) => setAccess(a))
    .catch(() => undefined)
    .finally(() => {
      inFlight = null;
    });
  return inFlight;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The signed-in user's access in the current workspace; null while unknown. */
export function useAccess(): Access | null {
  const session = useSession(db);
  const { lastSyncedAt } = useSyncStatus();
  const access = useSyncExternalStore(subscribe, () => current, () => current);
  const token = session?.token;
  useEffect(() => {
    if (token) void refreshAccess();
  }, [token, lastSyncedAt]);
  return access && session && access.workspace.id === session.workspaceId ? access : null;
}

export type Permission = { ok: true } | { ok: false; reason: string };
const OK: Permission = { ok: true };

export const DENIED = {
  delete: 'Your role (agent) cannot delete contacts: an admin can allow it in Settings › Workspace',
  export: 'Your role (agent) cannot export CSV: an admin can allow it in Settings › Workspace',
  fields: 'Only admins can change field definitions',
} as const;

/** Unknown access allows (the server still refuses): a first start offline is not locked. */
export function permissions(access: Access | null): { deleteContacts: Permission; exportCsv: Permission; editFields: Permission; admin: boolean } {
  const agent = access?.role === 'agent';
  return {
    deleteContacts: agent && !access.settings.agentsMayDelete ? { ok: false, reason: DENIED.delete } : OK,
    exportCsv: agent && !access.settings.agentsMayExport ? { ok: false, reason: DENIED.export } : OK,
    editFields: agent ? { ok: false, reason: DENIED.fields } : OK,
    admin: !agent,
  };
}

export function usePermissions() {
  return permissions(useAccess());
}
