// V4/S7: the Live sync interval, persisted per device (like the Live switch) and applied to the engine.
export const INTERVAL_KEY = 'all-contacts.sync-interval-seconds';
export const DEFAULT_INTERVAL_SECONDS = 5;
export const MIN_INTERVAL_SECONDS = 1;
export const MAX_INTERVAL_SECONDS = 3600;

export function clampInterval(seconds: number): number {
  if (!Number.isFinite(seconds)) return DEFAULT_INTERVAL_SECONDS;
  return Math.min(MAX_INTERVAL_SECONDS, Math.max(MIN_INTERVAL_SECONDS, Math.round(seconds)));
}

export function readIntervalSeconds(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): number {
  try {
    const raw = storage?.getItem(INTERVAL_KEY);
    return raw === null || raw === undefined || raw === '' ? DEFAULT_INTERVAL_SECONDS : clampInterval(Number(raw));
  } catch {
    return DEFAULT_INTERVAL_SECONDS; // storage blocked: the default still works
  }
}

export function writeIntervalSeconds(seconds: number, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): number {
  const value = clampInterval(seconds);
  try {
    storage?.setItem(INTERVAL_KEY, String(value));
  } catch {
    // not persisted; still applies to this tab
  }
  return value;
}
