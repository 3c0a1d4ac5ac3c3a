// Issue 9 item 4: the benchmark's quick mode (5,000 contacts, one run) inside `npm test`, so the
// harness keeps working as the app changes. It checks that every measure produced a number; the
// goals are for the full run (`npm run bench`) and are not checked here.
import { describe, expect, it } from 'vitest';
import { runBench } from '../bench/bench';
import { DELETE_MEASURE } from '../bench/browser-measures';

describe('benchmark quick mode', () => {
  it('[issue 9] npm run bench -- --quick: every measure and baseline question produces a finite number', async () => {
    const result = await runBench({ contacts: 5000, runs: 1, dist: process.env.BENCH_DIST ?? 'dist', quick: true });
    const names = result.measures.map((m) => m.name);
    for (const expected of [
      'initial sync: first page visible',
      'initial sync: all searchable',
      'initial sync: all stored',
      'cold start: first page visible',
      'search: name fragment',
      'filter: 3 conditions AND',
      'apply segment',
      'sort by name',
      'jump to last page',
      'edit opt-in: stored with outbox entry',
      'typing: long tasks > 50 ms',
      'select all matching -> delete counts shown',
      'CSV export of all, both extras -> file ready',
      'JS heap after load (MB)',
      'server: push 10,000 mutations (mutations/s)',
      'server: full pull over HTTP (s)',
      'server: full pull, server time (s)',
      DELETE_MEASURE,
    ]) {
      expect(names).toContain(expected);
    }
    for (const m of [...result.measures, ...result.baseline]) expect(Number.isFinite(m.median), m.name).toBe(true);
    expect(result.ratios.length).toBe(7);
    expect(result.measures.find((m) => m.name === 'initial sync: all searchable')?.n).toBe(1);
  }, 90_000);
});
