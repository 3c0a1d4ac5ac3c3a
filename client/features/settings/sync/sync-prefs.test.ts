import { describe, expect, it } from 'vitest';
import { snapshotLabel } from '../../shell/snapshot-age';
import { DEFAULT_INTERVAL_SECONDS, INTERVAL_KEY, clampInterval, readIntervalSeconds, writeIntervalSeconds } from './sync-prefs';

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('sync interval preference', () => {
  it('[V4] defaults to 5 s, persists what the user sets (clamped to whole seconds in range)', () => {
    const storage = memoryStorage();
    expect(readIntervalSeconds(storage)).toBe(DEFAULT_INTERVAL_SECONDS);
    expect(DEFAULT_INTERVAL_SECONDS).toBe(5);
    expect(writeIntervalSeconds(12, storage)).toBe(12);
    expect(storage.data.get(INTERVAL_KEY)).toBe('12');
    expect(readIntervalSeconds(storage)).toBe(12);
    expect(writeIntervalSeconds(0, storage)).toBe(1);
    expect(clampInterval(2.6)).toBe(3);
    expect(clampInterval(1e9)).toBe(3600);
    storage.data.set(INTERVAL_KEY, 'garbage');
    expect(readIntervalSeconds(storage)).toBe(DEFAULT_INTERVAL_SECONDS);
  });

  it('[V4] blocked storage falls back to the default instead of failing', () => {
    const blocked = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(readIntervalSeconds(blocked)).toBe(DEFAULT_INTERVAL_SECONDS);
    expect(writeIntervalSeconds(7, blocked)).toBe(7);
  });

  it('[V4] the snapshot age reads "Snapshot from 2 minutes ago"', () => {
    const now = 1_800_000_000_000;
    expect(snapshotLabel(now - 2 * 60_000, now)).toBe('Snapshot from 2 minutes ago');
    expect(snapshotLabel(now - 5_000, now)).toBe('Snapshot from just now');
    expect(snapshotLabel(null, now)).toBe('No snapshot yet');
  });
});
