// Row shapes of the accounts tables (issue 11) as both engines return them, and their mapping to
// the storage types: one definition for sqlite-accounts.ts and postgres-accounts.ts.
import {
  DEFAULT_WORKSPACE_SETTINGS,
  type DeviceRow,
  type InviteRow,
  type Role,
  type UserRow,
  type WorkspaceSettings,
} from './types';

export type UserDb = { id: string; email: string; password_hash: string; created_at: number };

export type InviteDb = {
  code_hash: string;
  workspace_id: string;
  role: Role;
  created_by: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  used_by: string | null;
};

export type DeviceDb = {
  token_hash: string;
  workspace_id: string;
  name: string;
  created_at: number;
  last_seen_at: number | null;
  revoked_at: number | null;
  user_id: string | null;
  last_sync_at: number | null;
};

export const toUser = (r: UserDb): UserRow => ({ id: r.id, email: r.email, passwordHash: r.password_hash, createdAt: r.created_at });

export function toInvite(r: InviteDb): InviteRow {
  return {
    codeHash: r.code_hash,
    workspaceId: r.workspace_id,
    role: r.role,
    createdBy: r.created_by,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    usedAt: r.used_at,
    usedBy: r.used_by,
  };
}

export function toDevice(r: DeviceDb): DeviceRow {
  return {
    workspaceId: r.workspace_id,
    name: r.name,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    revokedAt: r.revoked_at,
    userId: r.user_id,
    lastSyncAt: r.last_sync_at,
  };
}

/** Stored settings JSON -> settings, with defaults for anything missing or malformed. */
export function parseSettings(json: string | null | undefined): WorkspaceSettings {
  const raw = (json ? JSON.parse(json) : {}) as Partial<WorkspaceSettings>;
  return {
    agentsMayDelete: typeof raw.agentsMayDelete === 'boolean' ? raw.agentsMayDelete : DEFAULT_WORKSPACE_SETTINGS.agentsMayDelete,
    agentsMayExport: typeof raw.agentsMayExport === 'boolean' ? raw.agentsMayExport : DEFAULT_WORKSPACE_SETTINGS.agentsMayExport,
  };
}
