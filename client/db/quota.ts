// P4: storage errors. Browsers report a full disk / exceeded origin quota as QuotaExceededError,
// but Chrome often reports it as the transaction's AbortError with the quota error inside (Dexie
// keeps it as `inner`). Both mean the same thing to the user: nothing was saved, space is needed.

export const QUOTA_MESSAGE =
  'Not saved: this device is out of storage space for All Contacts. Free up disk space (or clear other site data) and try again; your earlier changes are safe.';

type ErrorLike = { name?: unknown; message?: unknown; inner?: unknown; cause?: unknown };

/** True for QuotaExceededError, also when nested (AbortError.inner, error.cause) a few levels deep. */
export function isQuotaError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const e = error as ErrorLike;
  if (e.name === 'QuotaExceededError') return true;
  // Some engines name it generically but say what happened.
  if ((e.name === 'AbortError' || e.name === 'UnknownError') && typeof e.message === 'string' && /quota/i.test(e.message)) return true;
  return isQuotaError(e.inner, depth + 1) || isQuotaError(e.cause, depth + 1);
}
