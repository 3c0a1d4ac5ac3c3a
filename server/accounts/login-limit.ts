// Login rate limit (issue 11): per (email, IP), 5 attempts at once then one per 30 s, so password
// guessing against one account is slow while other users and addresses are unaffected.
import { RateLimiter } from '../rate-limit';
import type { Storage } from '../storage/types';

export const LOGIN_RATE = { perSecond: 1 / 30, burst: 5 } as const;

// One limiter per server (its storage), so parallel test servers in one process do not share buckets.
const limiters = new WeakMap<Storage, RateLimiter>();

export function loginLimiter(storage: Storage): RateLimiter {
  let limiter = limiters.get(storage);
  if (!limiter) {
    limiter = new RateLimiter(LOGIN_RATE);
    limiters.set(storage, limiter);
  }
  return limiter;
}

export function loginKey(email: string, ip: string | null | undefined): string {
  return `${email}\n${ip ?? 'local'}`;
}
