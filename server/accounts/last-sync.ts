// "Last sync" for Settings › Devices, written at most once a minute per device: every write is an
// fsync, and a first sync pulls many pages in a row.
import type { Storage } from '../storage/types';

const EVERY_MS = 60_000;
const marks = new WeakMap<Storage, Map<string, number>>();

export async function noteDeviceSynced(storage: Storage, tokenHash: string, now = Date.now()): Promise<void> {
  let seen = marks.get(storage);
  if (!seen) marks.set(storage, (seen = new Map()));
  const last = seen.get(tokenHash);
  if (last !== undefined && now - last < EVERY_MS) return;
  if (seen.size > 10_000) seen.clear(); // bounded memory; worst case one extra write per device
  seen.set(tokenHash, now);
  await storage.markDeviceSynced(tokenHash, now);
}
