import { describe, expect, it } from 'vitest';
import { formatRelative } from './relative-time';

const now = Date.UTC(2026, 0, 31, 12);
const ago = (ms: number) => formatRelative(now - ms, now);

describe('relative times', () => {
  it.each([
    [10_000, 'just now'],
    [5 * 60_000, '5 minutes ago'],
    [3 * 3600_000, '3 hours ago'],
    [3 * 24 * 3600_000, '3 days ago'],
    [1 * 24 * 3600_000, 'yesterday'],
    [14 * 24 * 3600_000, '2 weeks ago'],
    [400 * 24 * 3600_000, 'last year'],
  ])('[V6] %i ms ago reads "%s"', (ms, text) => {
    expect(ago(ms)).toBe(text);
  });
});
