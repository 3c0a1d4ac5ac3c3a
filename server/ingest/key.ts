// Per-workspace ingest keys (R2): like device tokens (32 random bytes, only a sha256 stored) but a
// separate credential: a key can only ingest, a device token can never ingest. The "ik_" prefix
// makes a key recognisable in configs and logs scanners.
import { randomBytes } from 'node:crypto';
import { bearerToken, hashToken } from '../auth';
import type { Storage } from '../storage/types';

export const INGEST_KEY_PREFIX = 'ik_';
/** What a key may look like (also accepted from INGEST_KEY): URL-safe, 16-200 characters. */
export const INGEST_KEY_PATTERN = /^[A-Za-z0-9_-]{16,200}$/;

export function newIngestKey(): string {
  return `${INGEST_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export const hashIngestKey = hashToken;

/** The key from `x-ingest-key: K` or `Authorization: Bearer K`, or null. */
export function ingestKeyFrom(headers: {
  ingestKey?: string | string[];
  authorization?: string | string[];
}): string | null {
  const direct = Array.isArray(headers.ingestKey) ? headers.ingestKey[0] : headers.ingestKey;
  if (direct !== undefined) {
    const key = direct.trim();
    return INGEST_KEY_PATTERN.test(key) ? key : null;
  }
  return bearerToken(headers.authorization);
}

/** The workspace this key ingests into, or null for a missing or unknown key. */
export async function resolveIngestKey(storage: Storage, key: string | null): Promise<string | null> {
  if (!key) return null;
  return storage.workspaceByIngestKeyHash(hashIngestKey(key));
}
