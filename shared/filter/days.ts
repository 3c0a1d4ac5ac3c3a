// Calendar days in an IANA time zone. Timestamps are stored as UTC epoch ms; a date condition
// ("created on 2026-03-01") means that day on the user's wall clock, so we turn the day into a
// [start, end) range of epoch ms once per query instead of formatting every contact's timestamp.
export const DAY_MS = 86_400_000;

const DAY_KEY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written 'YYYY-MM-DD'. */
export function isDayKey(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = DAY_KEY_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

function utcDayKey(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function dayKeyUtcMs(key: string): number {
  return Date.UTC(+key.slice(0, 4), +key.slice(5, 7) - 1, +key.slice(8, 10));
}

/** The day `n` days after `key` (n may be negative). */
export function addDays(key: string, n: number): string {
  return utcDayKey(dayKeyUtcMs(key) + n * DAY_MS);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Wall-clock time in `timeZone` at `ms`, expressed as if it were UTC. */
function wallClockMs(ms: number, timeZone: string): number {
  if (timeZone === 'UTC') return ms;
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second);
  return wall + (ms % 1000 + 1000) % 1000;
}

/** The calendar day ('YYYY-MM-DD') of `ms` in `timeZone`. */
export function dayKeyAt(ms: number, timeZone: string): string {
  return utcDayKey(wallClockMs(ms, timeZone));
}

/** Epoch ms of the first instant of day `key` in `timeZone` (DST-aware). */
export function startOfDay(key: string, timeZone: string): number {
  const wall = dayKeyUtcMs(key);
  if (timeZone === 'UTC') return wall;
  // Offsets differ across a DST change; a second pass with the offset at the first guess settles it.
  let t = wall - (wallClockMs(wall, timeZone) - wall);
  t = wall - (wallClockMs(t, timeZone) - t);
  return t;
}

/** A usable IANA zone name: the given one if the runtime knows it, else 'UTC'. */
export function safeTimeZone(timeZone: string | undefined): string {
  if (!timeZone || timeZone === 'UTC') return 'UTC';
  try {
    formatterFor(timeZone);
    return timeZone;
  } catch {
    return 'UTC';
  }
}
