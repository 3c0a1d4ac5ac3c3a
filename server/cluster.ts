// `npm run start:cluster`: N server processes (node:cluster workers) sharing one port and one
// PostgreSQL database (R5). Workers hold no state of their own that matters (the database does:
// seq order, exactly-once push, ingest), so any worker can answer any device, and a retry may land
// on another worker. N = WORKERS (default 2). Requires DATABASE_URL=postgres://...
//
// The first worker starts alone (it migrates and, with DEMO on, seeds the demo workspace and writes
// DATA_DIR/ingest-key); the rest start once it listens, so they find everything ready.
// A worker that dies is replaced; SIGTERM/SIGINT stop every worker gracefully.
import cluster, { type Worker } from 'node:cluster';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseEnv } from './env';

const WORKER_SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'index.ts');
const workersSchema = z.coerce.number().int().min(1).max(64).default(2);

function say(line: string): void {
  process.stdout.write(`[cluster] ${line}\n`);
}

function main(): void {
  const env = parseEnv();
  if (!env.DATABASE_URL) {
    process.stderr.write('start:cluster needs DATABASE_URL=postgres://... (several processes cannot share one SQLite file)\n');
    process.exit(1);
  }
  const parsed = workersSchema.safeParse(process.env.WORKERS || undefined);
  if (!parsed.success) {
    process.stderr.write('WORKERS must be a whole number from 1 to 64\n');
    process.exit(1);
  }
  const count = parsed.data;
  // Workers run server/index.ts itself (its main() reads the same environment); the tsx loader
  // arrives through execArgv, which the workers inherit.
  cluster.setupPrimary({ exec: WORKER_SCRIPT });
  let stopping = false;
  const live = new Set<Worker>();

  const fork = (): Promise<void> =>
    new Promise((resolve) => {
      const worker = cluster.fork();
      live.add(worker);
      worker.once('listening', (address) => {
        say(`worker ${worker.process.pid} listening on port ${address.port}`);
        resolve();
      });
      worker.once('exit', (code, signal) => {
        live.delete(worker);
        resolve();
        if (stopping) {
          if (live.size === 0) process.exit(0);
          return;
        }
        say(`worker ${worker.process.pid} exited (${signal ?? code}); starting a new one`);
        setTimeout(() => void fork(), 1000).unref();
      });
    });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping ${live.size} workers`);
    if (live.size === 0) process.exit(0);
    for (const w of live) w.process.kill('SIGTERM');
    setTimeout(() => process.exit(1), 8000).unref();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));

  say(`starting ${count} workers on port ${env.PORT}`);
  void (async () => {
    await fork();
    for (let i = 1; i < count && !stopping; i++) await fork();
    if (!stopping) say(`${live.size} workers ready`);
  })();
}

if (cluster.isPrimary) main();
