// `npm run seed -- --contacts 100000 --seed 42 --data-dir DIR [--now 2026-01-01]`
// Builds one generated workspace into a fresh data dir (benchmarks, tests, big demos).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ensureIngestKey } from '../ingest/key-file';
import { DB_FILE_NAME, openSqliteStorage } from '../storage/sqlite';
import { generateWorkspace, startOfUtcDay } from './generate';
import { writeWorkspace } from './seed';

const argsSchema = z.object({
  contacts: z.coerce.number().int().min(0).max(5_000_000),
  seed: z.coerce.number().int(),
  'data-dir': z.string().min(1),
  now: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return startOfUtcDay();
      const ms = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
      if (Number.isNaN(ms)) ctx.addIssue({ code: 'custom', message: 'must be epoch ms or a date' });
      return ms;
    }),
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      contacts: { type: 'string', default: '2000' },
      seed: { type: 'string', default: '1' },
      'data-dir': { type: 'string', default: './data' },
      now: { type: 'string' },
    },
  });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  }
  const args = parsed.data;
  const dataFile = path.join(args['data-dir'], DB_FILE_NAME);
  if (fs.existsSync(dataFile)) throw new Error(`${dataFile} already exists: seed into a fresh data dir`);

  const started = performance.now();
  const w = generateWorkspace({ contacts: args.contacts, seed: args.seed, now: args.now });
  const generated = performance.now();
  const storage = openSqliteStorage(args['data-dir']);
  await writeWorkspace(storage, w);
  // The ingest key (R2) is saved beside the database so `npm start` and the simulator find it.
  const ingest = await ensureIngestKey(storage, args['data-dir']);
  await storage.close();
  const done = performance.now();
  const lines = [
    `Seeded workspace "${w.workspace.name}" (${w.workspace.id}) into ${path.resolve(dataFile)}`,
    `  ${w.contacts.length} contacts, ${w.conversations.length} conversations, ${w.fields.length} field definitions, ${w.segments.length} segments`,
    `  seed ${args.seed}, now ${new Date(args.now).toISOString()}`,
    `  generated in ${Math.round(generated - started)} ms, written in ${Math.round(done - generated)} ms`,
    ...(ingest ? [`  ingest key saved in ${path.resolve(ingest.file)}`] : []),
    `Start it with: DATA_DIR=${args['data-dir']} npm start`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`seed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
