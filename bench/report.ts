// The printed report of a benchmark run (also the README table).
import type { BenchResult } from './bench';
import { fmt, textTable } from './stats';

export function report(r: BenchResult): string {
  const m = r.machine;
  const lines = [
    `All Contacts benchmark, ${r.options.contacts.toLocaleString('en-US')} contacts (${r.records.toLocaleString('en-US')} records), ${r.options.runs} runs (initial sync: ${r.options.syncRuns}), ${r.at}`,
    `Machine: ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGB} GB, ${m.os}; Node ${m.node}; Chromium ${m.chromium}`,
    '',
    textTable(
      ['measure (ms unless stated)', 'min', 'median', 'p95', 'goal (median)', 'met', 'hits'],
      r.measures.map((x) => [x.name, fmt(x.min), fmt(x.median), fmt(x.p95), x.goal ?? '', x.met === null ? '' : x.met ? 'yes' : 'NO', x.total === undefined ? '' : String(x.total)]),
    ),
    '',
    'Baseline: the same questions as a server-query CRM answers them (SQL LIKE %q% over name/email/phone,',
    'COUNT(*), ORDER BY created_at LIMIT 10 OFFSET 0; SQLite in memory, HTTP on loopback). The baseline time is',
    'the answer only (no rendering): compare it with "local index only"; "local on screen" adds React rendering:',
    '',
    textTable(
      ['question', 'baseline median', 'baseline p95', 'hits', 'local on screen', 'local / baseline', 'local index only', 'index / baseline'],
      r.ratios.map((x) => {
        const b = r.baseline.find((y) => y.name === x.name);
        const ratio = (v: number) => (Number.isFinite(v) ? `${v.toFixed(3)}x` : 'n/a');
        return [x.name, fmt(x.baseline), fmt(b?.p95 ?? NaN), String(b?.total ?? ''), fmt(x.local), ratio(x.ratio), fmt(x.localIndex), ratio(x.ratioIndex)];
      }),
    ),
  ];
  return lines.join('\n');
}
