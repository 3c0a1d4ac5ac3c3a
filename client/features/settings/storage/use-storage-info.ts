// P4: what the browser says about this site's storage: usage, quota, and whether it is persistent.
import { useCallback, useEffect, useState } from 'react';

export type StorageInfo = { usage: number | null; quota: number | null; persisted: boolean | null; supported: boolean };

async function read(): Promise<StorageInfo> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (!storage?.estimate) return { usage: null, quota: null, persisted: null, supported: false };
  const [estimate, persisted] = await Promise.all([
    storage.estimate().catch(() => ({ usage: undefined, quota: undefined })),
    storage.persisted ? storage.persisted().catch(() => null) : Promise.resolve(null),
  ]);
  return { usage: estimate.usage ?? null, quota: estimate.quota ?? null, persisted, supported: true };
}

export function useStorageInfo(): { info: StorageInfo | null; refresh: () => void; requestPersist: () => Promise<boolean> } {
  const [info, setInfo] = useState<StorageInfo | null>(null);
  const refresh = useCallback(() => void read().then(setInfo), []);
  useEffect(refresh, [refresh]);
  const requestPersist = useCallback(async () => {
    const granted = (await navigator.storage?.persist?.().catch(() => false)) ?? false;
    refresh();
    return granted;
  }, [refresh]);
  return { info, refresh, requestPersist };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
