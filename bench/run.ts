// `npm run bench [-- --contacts 100000 --runs 7 --json out.json --quick --dist dist --only search,views
//   --seeded DATA_DIR --skip-stored]`
// Prints min / median / p95 per measure with the goals, writes bench/results/latest.json (only for
// a complete run: not --quick, not --only, with --json a different size writes only there) and
// the --json path.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { MEASURE_GROUPS, runBench } from './bench';
import { report } from './report';

const argsSchema = z.object({
  contacts: z.coerce.number().int().min(100).max(1_000_000),
  runs: z.coerce.number().int().min(1).max(50),
  'sync-runs': z.coerce.number().int().min(1).max(20).optional(),
  json: z.string().min(1).optional(),
  dist: z.string().min(1).optional(),
  quick: z.boolean(),
  seeded: z.string().min(1).optional(),
  'skip-stored': z.boolean(),
  only: z
    .string()
    .transform((text) => text.split(',').map((g) => g.trim()))
    .pipe(z.array(z.enum(MEASURE_GROUPS)).min(1))
    .optional(),
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      contacts: { type: 'string' },
      runs: { type: 'string' },
      'sync-runs': { type: 'string' },
      json: { type: 'string' },
      dist: { type: 'string' },
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      seeded: { type: 'string' },
      'skip-stored': { type: 'boolean', default: false },
    },
  });
  const quick = values.quick ?? false;
  const parsed = argsSchema.safeParse({
    ...values,
    contacts: values.contacts ?? (quick ? 5000 : 100_000),
    runs: values.runs ?? (quick ? 1 : 7),
    quick,
  });
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  const a = parsed.data;
  const result = await runBench({
    contacts: a.contacts,
    runs: a.runs,
    syncRuns: a['sync-runs'],
    dist: a.dist,
    quick,
    only: a.only,
    seeded: a.seeded,
    skipStored: a['skip-stored'],
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`${report(result)}\n`);
  const text = `${JSON.stringify(result, null, 2)}\n`;
  // The committed latest.json is a complete 100k run; quick (CI), partial or other-size runs only
  // write where --json says (e.g. the 1M run).
  const complete = !quick && !a.only && !a.json && !a['skip-stored'] && a.contacts === 100_000;
  const targets = [...(complete ? [join('bench', 'results', 'latest.json')] : []), ...(a.json ? [a.json] : [])];
  for (const file of targets) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    process.stderr.write(`wrote ${file}\n`);
  }
}

// Exit explicitly: the client modules the measures import keep a BroadcastChannel (the change
// feed) open, which would keep node running after the report is written.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
