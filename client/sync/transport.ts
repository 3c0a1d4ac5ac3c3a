// What the sync engine needs from the network: two calls. The real one wraps the tRPC client;
// tests wrap it again to drop responses or send requests twice.
import type { PullRequest, PullResponse, PushRequest, PushResponse } from '../../shared/protocol';
import type { SyncApi } from '../trpc';
import { isQuotaError } from '../db/quota';

export type SyncTransport = {
  pull(req: PullRequest): Promise<PullResponse>;
  push(req: PushRequest): Promise<PushResponse>;
};

export function transportFromApi(api: SyncApi): SyncTransport {
  return {
    pull: (req) => api.sync.pull.query(req),
    push: (req) => api.sync.push.mutate(req),
  };
}

/** True when the server refused the device token (revoked / unknown): retrying will not help. */
export function isUnauthorized(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const data = (error as { data?: { code?: string; httpStatus?: number } }).data;
  return data?.code === 'UNAUTHORIZED' || data?.httpStatus === 401;
}

/** True when the server refused the request itself as malformed (HTTP 400). */
export function isBadRequest(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const data = (error as { data?: { code?: string; httpStatus?: number } }).data;
  return data?.code === 'BAD_REQUEST' || data?.httpStatus === 400;
}

/** The wait a rate-limited server asked for ("… retry in 1500 ms", HTTP 429), else 0. */
export function retryHintMs(error: unknown): number {
  const match = /retry in (\d+) ms/.exec(error instanceof Error ? error.message : String(error));
  return match ? Math.min(Number(match[1]), 10 * 60_000) : 0;
}

export function errorText(error: unknown): string {
  // P4: a pull that cannot be stored (disk full) says so; the cursor did not move, nothing is lost.
  if (isQuotaError(error)) return 'This device is out of storage space: new changes cannot be stored. Free up disk space.';
  return error instanceof Error ? error.message || error.name : String(error);
}
