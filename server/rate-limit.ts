// A per-key token bucket (S9): each key (a device token's hash) may spend `burst` requests at once,
// refilled at `perSecond`. Pushes are the only writes a device makes, so they are what we limit:
// one runaway or malicious device cannot monopolise the single SQLite writer (every push is an fsync).
export type RateLimitOptions = { perSecond: number; burst: number; now?: () => number };
export type RateDecision = { ok: true } | { ok: false; retryAfterMs: number };

/** Defaults: comfortably above a normal device (one push per ~300 ms debounce, 1000 mutations each). */
export const DEFAULT_PUSH_RATE = { perSecond: 20, burst: 40 } as const;

/** Buckets idle long enough to be full again are forgotten, so memory stays bounded by active keys. */
const SWEEP_EVERY = 1000;

type Bucket = { tokens: number; at: number };

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly now: () => number;
  private takes = 0;

  constructor(private readonly opts: RateLimitOptions) {
    if (!(opts.perSecond > 0) || !(opts.burst >= 1)) throw new Error('rate limit: perSecond must be > 0 and burst >= 1');
    this.now = opts.now ?? Date.now;
  }

  /** Spends one request for `key`, or says how long until one is available. */
  take(key: string): RateDecision {
    const now = this.now();
    if (++this.takes % SWEEP_EVERY === 0) this.sweep(now);
    const bucket = this.refilled(this.buckets.get(key), now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      this.buckets.set(key, bucket);
      return { ok: true };
    }
    this.buckets.set(key, bucket);
    return { ok: false, retryAfterMs: Math.max(1, Math.ceil(((1 - bucket.tokens) / this.opts.perSecond) * 1000)) };
  }

  private refilled(bucket: Bucket | undefined, now: number): Bucket {
    if (!bucket) return { tokens: this.opts.burst, at: now };
    const elapsed = Math.max(0, now - bucket.at) / 1000;
    return { tokens: Math.min(this.opts.burst, bucket.tokens + elapsed * this.opts.perSecond), at: now };
  }

  private sweep(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (this.refilled(bucket, now).tokens >= this.opts.burst) this.buckets.delete(key);
    }
  }
}

/** Thrown as the cause of a TOO_MANY_REQUESTS error so the HTTP layer can add `Retry-After`. */
export class RateLimitedError extends Error {
  constructor(readonly retryAfterMs: number) {
    super(`too many pushes from this device: retry in ${retryAfterMs} ms`);
    this.name = 'RateLimitedError';
  }
}
