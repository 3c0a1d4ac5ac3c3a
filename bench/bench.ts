// `npm run bench` (issue 9): seeds a fresh workspace, starts the production server, drives Debian
// Chromium and answers the same questions with a server-query baseline in the same run.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { startAppServer } from '../e2e/harness';
import { askBaseline, startBaselineServer } from './baseline-server';
import { chromiumVersion, coldStart, csvExport, deleteCountsMeasure, deleteSelected, initialSync, inlineEdit, memory, removeProfiles, searches, SEARCHES, typing, views, type Ctx, type Samples } from './browser-measures';
import { goalFor } from './goals';
import { fullPull, pushThroughput } from './server-measures';
import { summarize, type Summary } from './stats';

export type BenchOptions = {
  contacts: number;
  runs: number;
  /** Runs of the initial sync (each a fresh device); default min(runs, 3). */
  syncRuns?: number;
  /** Use this built app instead of building one (e.g. 'dist' after `npm run build`). */
  dist?: string;
  quick?: boolean;
  /** A data dir made by `npm run seed -- --contacts N --seed 42`, copied instead of seeding (the 1M seed takes minutes). */
  seeded?: string;
  /** Measure on once every contact is searchable, while the first sync still stores behind. */
  skipStored?: boolean;
  /** Only these measure groups (the initial sync always runs: it fills the device). */
  only?: readonly MeasureGroup[];
  log?: (line: string) => void;
};

export const MEASURE_GROUPS = ['cold', 'memory', 'search', 'views', 'edit', 'typing', 'delete-counts', 'csv', 'delete', 'baseline', 'server'] as const;
export type MeasureGroup = (typeof MEASURE_GROUPS)[number];

export type MeasureRow = Summary & { name: string; goal: string | null; met: boolean | null; samples: number[]; total?: number };
export type BenchResult = {
  at: string;
  options: { contacts: number; runs: number; syncRuns: number; quick: boolean; only?: MeasureGroup[]; skipStored?: boolean };
  machine: { cpus: number; cpuModel: string; memoryGB: number; node: string; chromium: string; os: string };
  records: number;
  measures: MeasureRow[];
  baseline: MeasureRow[];
  /** local = action -> on screen; localIndex = the query index's share (no rendering), like the baseline's answer. */
  ratios: { name: string; local: number; localIndex: number; baseline: number; ratio: number; ratioIndex: number }[];
};

function run(cmd: string, args: string[], log: (s: string) => void): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  for (const line of r.stdout.trim().split('\n').slice(-6)) log(`  ${line}`);
}

function rows(samples: Samples, totals: Record<string, number> = {}): MeasureRow[] {
  return Object.entries(samples).map(([name, values]) => {
    const summary = summarize(values);
    const goal = goalFor(name);
    return { name, ...summary, goal: goal?.text ?? null, met: goal ? goal.ok(summary.median) : null, samples: values, ...(name in totals ? { total: totals[name] } : {}) };
  });
}

export async function runBench(opts: BenchOptions): Promise<BenchResult> {
  const log = opts.log ?? (() => {});
  const work = mkdtempSync(join(os.tmpdir(), 'contacts-bench-'));
  const dataDir = join(work, 'data');
  const ctxBase = { contacts: opts.contacts, runs: opts.runs, syncRuns: opts.syncRuns ?? Math.min(opts.runs, 3), log, skipStored: opts.skipStored };
  const want = (group: MeasureGroup): boolean => !opts.only || opts.only.includes(group);
  try {
    let dist = opts.dist;
    if (!dist) {
      dist = join(work, 'dist');
      log(`building the app into ${dist}`);
      run('npx', ['vite', 'build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'warn'], log);
    }
    if (!existsSync(join(dist, 'index.html'))) throw new Error(`no built app in ${dist} (run npm run build)`);
    if (opts.seeded) {
      log(`copying the seeded workspace in ${opts.seeded}`);
      cpSync(opts.seeded, dataDir, { recursive: true });
    } else {
      log(`seeding ${opts.contacts.toLocaleString('en-US')} contacts`);
      run('npm', ['run', '--silent', 'seed', '--', '--contacts', String(opts.contacts), '--seed', '42', '--data-dir', dataDir], log);
    }

    const baseline = await startBaselineServer(dataDir, Date.now());
    const server = await startAppServer({ dataDir, env: { DIST_DIR: dist, PUSH_RATE_PER_SEC: '1000', PUSH_RATE_BURST: '1000' } });
    const samples: Samples = {};
    const totals: Record<string, number> = {};
    const baseSamples: Samples = {};
    let records = 0;
    let device: Awaited<ReturnType<typeof initialSync>> | null = null;
    try {
      const ctx: Ctx = { url: server.url, ...ctxBase };
      log('initial sync');
      device = await initialSync(ctx, samples);
      const { page } = device;
      Object.assign(ctxBase, { chromium: await chromiumVersion(page) });
      if (want('cold')) {
        log('cold start');
        await coldStart(page, ctx, samples);
      }
      if (want('memory')) await memory(page, samples);
      if (want('search')) {
        log('searches');
        await searches(page, ctx, samples, totals);
      }
      if (want('views')) {
        log('filters, segment, sort, last page');
        await views(page, ctx, samples, totals);
      }
      if (want('edit')) {
        log('inline edit');
        await inlineEdit(page, ctx, samples);
      }
      if (want('typing')) {
        log('typing');
        await typing(page, ctx, samples);
      }
      if (want('delete-counts')) {
        log('select all matching -> delete counts');
        await deleteCountsMeasure(page, ctx, samples, totals);
      }
      if (want('csv')) {
        log('CSV export');
        await csvExport(page, ctx, samples);
      }
      if (want('delete')) {
        log('delete 10k selected (last: it deletes contacts)');
        await deleteSelected(page, ctx, samples, totals);
      }

      if (want('baseline')) {
        log('baseline (SQL LIKE + COUNT + OFFSET over HTTP)');
        for (let i = 0; i < ctx.runs + 1; i++) {
          const keep = i > 0; // the first round warms the page cache and the statements
          for (const { name, q } of SEARCHES) {
            const { ms, answer } = await askBaseline(baseline.url, `/search?q=${encodeURIComponent(q)}`);
            if (keep) (baseSamples[`search: ${name}`] ??= []).push(ms);
            totals[`baseline search: ${name}`] = answer.total;
          }
          for (const [name, path] of [['filter: 3 conditions AND', '/all?plan=Pro&days=90'], ['filter: 3 conditions ANY', '/any?plan=Pro&days=90']]) {
            const { ms, answer } = await askBaseline(baseline.url, path);
            if (keep) (baseSamples[name] ??= []).push(ms);
            totals[`baseline ${name}`] = answer.total;
          }
        }
      }

      if (want('server')) {
        log('server: push and pull');
        await pushThroughput(server.url, 1000, ctx.runs, samples);
        await pushThroughput(server.url, 10_000, Math.max(1, Math.min(ctx.runs, 3)), samples);
        records = await fullPull(server.url, Math.max(1, Math.min(ctx.runs, 3)), samples);
      }
    } finally {
      await device?.context.close();
      removeProfiles();
      await server.stop();
      await baseline.close();
    }

    const measures = rows(samples, totals);
    const base = rows(baseSamples).map((r) => ({ ...r, goal: null, met: null, total: totals[`baseline ${r.name}`] }));
    const ratios = base.map((b) => {
      const local = measures.find((m) => m.name === b.name)?.median ?? NaN;
      const localIndex = measures.find((m) => m.name === `${b.name} [index only]`)?.median ?? NaN;
      return { name: b.name, local, localIndex, baseline: b.median, ratio: local / b.median, ratioIndex: localIndex / b.median };
    });
    return {
      at: new Date().toISOString(),
      options: { contacts: opts.contacts, runs: opts.runs, syncRuns: ctxBase.syncRuns, quick: Boolean(opts.quick), ...(opts.only ? { only: [...opts.only] } : {}), ...(opts.skipStored ? { skipStored: true } : {}) },
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? 'unknown',
        memoryGB: Math.round(os.totalmem() / 1e9),
        node: process.version,
        chromium: (ctxBase as { chromium?: string }).chromium ?? 'unknown',
        os: `${os.type()} ${os.release()}`,
      },
      records,
      measures,
      baseline: base,
      ratios,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
