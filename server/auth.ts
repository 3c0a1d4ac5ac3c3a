// Device tokens (S9): 32 random bytes, base64url, given to the device once; only a sha256 hash is
// stored, so a leaked database does not leak usable tokens. Each token is scoped to one workspace.
import { createHash, randomBytes } from 'node:crypto';
import type { Role, Storage } from './storage/types';

/** The caller: their workspace, token, user (null for tokens from before accounts) and role there. */
export type Auth = { workspaceId: string; tokenHash: string; userId: string | null; role: Role };

/** A token not used for this long expires (issue 11): the device must sign in again. */
export const TOKEN_IDLE_EXPIRY_MS = 90 * 24 * 3_600_000;

/** Don't write last_seen_at on every request: each write is an fsync (synchronous=FULL). */
const TOUCH_INTERVAL_MS = 60_000;

export function newDeviceToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function bearerToken(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  const m = value ? /^Bearer\s+([A-Za-z0-9_-]{16,200})\s*$/.exec(value) : null;
  return m ? m[1] : null;
}

/** The token's workspace and role, or null for a missing, unknown, revoked or expired token, or a
 *  user no longer member of the workspace. Tokens without a user predate accounts: admin. */
export async function resolveAuth(storage: Storage, token: string | null, now = Date.now()): Promise<Auth | null> {
  if (!token) return null;
  const tokenHash = hashToken(token);
  const device = await storage.findDevice(tokenHash);
  if (!device || device.revokedAt !== null) return null;
  if (device.lastSeenAt !== null && now - device.lastSeenAt > TOKEN_IDLE_EXPIRY_MS) return null;
  const role = device.userId === null ? 'admin' : await storage.getRole(device.workspaceId, device.userId);
  if (!role) return null;
  if (device.lastSeenAt === null || now - device.lastSeenAt > TOUCH_INTERVAL_MS) await storage.touchDevice(tokenHash, now);
  return { workspaceId: device.workspaceId, tokenHash, userId: device.userId, role };
}
