// The push rate limiter on its own (S9), with a fake clock.
import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../rate-limit';

describe('[S9] per-token push rate limit (token bucket)', () => {
  it('allows a burst, then refuses with a retry hint, then refills at the sustained rate', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter({ perSecond: 10, burst: 3, now: () => now });
    expect([1, 2, 3].map(() => limiter.take('a').ok)).toEqual([true, true, true]);
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterMs: 100 });
    // Another token has its own bucket.
    expect(limiter.take('b').ok).toBe(true);
    now += 50;
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterMs: 50 });
    now += 50;
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a').ok).toBe(false);
    // A long pause refills only up to the burst.
    now += 60_000;
    expect([1, 2, 3, 4].map(() => limiter.take('a').ok)).toEqual([true, true, true, false]);
  });

  it('refuses nonsense settings', () => {
    expect(() => new RateLimiter({ perSecond: 0, burst: 1 })).toThrow(/perSecond/);
    expect(() => new RateLimiter({ perSecond: 1, burst: 0 })).toThrow(/burst/);
  });
});
