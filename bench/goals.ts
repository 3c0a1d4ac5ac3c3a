// The goals of issue 9, by measure. The benchmark reports them; it never fails on them.
export type Goal = { text: string; ok: (median: number) => boolean };

const atMost = (limit: number, unit = 'ms'): Goal => ({ text: `<= ${limit.toLocaleString('en-US')} ${unit}`, ok: (m) => m <= limit });
const atLeast = (limit: number, unit: string): Goal => ({ text: `>= ${limit.toLocaleString('en-US')} ${unit}`, ok: (m) => m >= limit });

export function goalFor(name: string): Goal | null {
  const measure = name.replace(/ \[index only\]$/, '');
  if (measure.startsWith('search: ') && measure !== 'search: debounce') return atMost(3);
  if (measure.startsWith('filter: ') || measure === 'apply segment') return atMost(8);
  if (measure === 'sort by name' || measure === 'jump to last page') return atMost(5);
  if (measure === 'typing: long tasks > 50 ms') return atMost(0, 'tasks');
  if (measure === 'cold start: first page visible') return atMost(400);
  if (measure === 'cold start: all searchable') return atMost(1000);
  if (measure === 'initial sync: first page visible') return atMost(1000);
  if (measure === 'initial sync: all searchable') return atMost(5000);
  if (measure === 'edit opt-in: stored with outbox entry') return atMost(3);
  if (measure === 'CSV export of all, both extras -> file ready') return atMost(1200);
  if (measure === 'delete 10k selected -> gone from the table') return atMost(2000);
  if (measure === 'JS heap after load (MB)') return atMost(100, 'MB');
  if (measure.startsWith('server: push')) return atLeast(20_000, '/s');
  // The goal is the server's own time (Server-Timing per page, summed); the wall time is reported beside it.
  if (measure === 'server: full pull, server time (s)') return atMost(1, 's');
  return null;
}
