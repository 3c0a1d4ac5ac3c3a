// "3 days ago" / "in 2 hours" and the exact local date-time shown on hover (V6).
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['week', 7 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
];

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const exact = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatRelative(at: number, now: number): string {
  const diff = at - now;
  const abs = Math.abs(diff);
  if (abs < 60_000) return 'just now';
  for (const [unit, ms] of UNITS) {
    if (abs >= ms) return relative.format(Math.trunc(diff / ms), unit);
  }
  return 'just now';
}

export function formatExact(at: number): string {
  return exact.format(new Date(at));
}
