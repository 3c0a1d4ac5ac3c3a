// Entry point: `tsx server/index.ts` starts the one server process (R1); tests call startServer().
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEMO_EMAIL, ensureDemoPassword } from './accounts/demo';
import { archiveAssets } from './asset-archive';
import { parseEnv } from './env';
import { createAppServer } from './http';
import { ensureIngestKey, type IngestKeyInfo } from './ingest/key-file';
import { createLogger, type Logger } from './log';
import { ensureDemoWorkspace } from './seed/seed';
import { isPostgresUrl, openStorage } from './storage/open';

export type StartServerOptions = {
  port: number;
  host?: string;
  dataDir: string;
  distDir?: string;
  demo?: boolean;
  quiet?: boolean;
  /** Fixed ingest key for the first workspace (INGEST_KEY); default: DATA_DIR/ingest-key. */
  ingestKey?: string;
  /** Per-device-token push rate limit (S9); default 20/s, burst 40. */
  pushRate?: { perSecond: number; burst: number };
  /** DATABASE_URL: postgres://... stores everything in PostgreSQL instead of DATA_DIR's SQLite file (R5). */
  databaseUrl?: string;
};

export type RunningServer = {
  url: string;
  port: number;
  dataFile: string;
  /** The first workspace's ingest key (R2), or null when there is no workspace yet. */
  ingest: IngestKeyInfo | null;
  /** DEMO on: the demo admin's password (also in DATA_DIR/demo-password); null with DEMO off. */
  demoPassword: string | null;
  close(): Promise<void>;
};

export async function startServer(opts: StartServerOptions): Promise<RunningServer> {
  const log = createLogger({ quiet: opts.quiet });
  const storage = await openStorage({ dataDir: opts.dataDir, databaseUrl: opts.databaseUrl });
  const demo = opts.demo ?? true;
  if (demo) {
    const made = await ensureDemoWorkspace(storage);
    if (made) log.info('demo.seeded', { workspace: made.workspaceId, contacts: made.contacts });
  }
  const [demoWorkspace] = demo ? await storage.listWorkspaces() : [];
  const demoPassword = demoWorkspace ? await ensureDemoPassword(storage, opts.dataDir, demoWorkspace.id) : null;
  const ingest = await ensureIngestKey(storage, opts.dataDir, opts.ingestKey);
  const assetArchiveDir = keepOldAssets(opts, log);
  const server = createAppServer({ storage, log, demo, distDir: opts.distDir, assetArchiveDir, pushRate: opts.pushRate });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    dataFile: storage.location,
    ingest,
    demoPassword,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(() => storage.close());
      return closing;
    },
  };
}

/** P3: previous builds' assets stay resolvable after a deploy; never blocks the start. */
function keepOldAssets(opts: StartServerOptions, log: Logger): string | undefined {
  if (!opts.distDir) return undefined;
  try {
    return archiveAssets(opts.distDir, path.join(opts.dataDir, 'asset-archive')) ?? undefined;
  } catch (error) {
    log.error('assets.archive_failed', { error: error instanceof Error ? error.message : String(error) });
    return undefined;
  }
}

function ingestKeyLines({ ingest, url }: RunningServer): string[] {
  if (!ingest) return ['Ingest: no workspace yet, so no ingest key'];
  const where = ingest.source === 'env' ? 'from INGEST_KEY' : `saved in ${path.resolve(ingest.file)}`;
  // The simulator finds the key in ./data/ingest-key by itself; elsewhere it needs --key.
  const findsKey = ingest.source !== 'env' && path.resolve(path.dirname(ingest.file)) === path.resolve('data');
  return [
    `Ingest key for "${ingest.workspaceName}" (${where}): ${ingest.key}`,
    `Feed it traffic with: npm run simulate -- --rate 2 --url ${url}${findsKey ? '' : ` --key ${ingest.key}`}`,
  ];
}

async function main(): Promise<void> {
  const env = parseEnv();
  const running = await startServer({
    port: env.PORT,
    host: env.HOST,
    dataDir: env.DATA_DIR,
    distDir: env.DIST_DIR,
    demo: env.DEMO,
    ingestKey: env.INGEST_KEY,
    pushRate: { perSecond: env.PUSH_RATE_PER_SEC, burst: env.PUSH_RATE_BURST },
    databaseUrl: env.DATABASE_URL,
  });
  const lines = [
    `All Contacts is running at ${running.url}`,
    isPostgresUrl(running.dataFile) ? `Database: ${running.dataFile}` : `Data file: ${path.resolve(running.dataFile)}`,
    env.DEMO
      ? `Open ${running.url} and click 'Open demo workspace' (admin ${DEMO_EMAIL}, password: ${running.demoPassword ?? 'n/a'})`
      : `Demo is off (DEMO=0): open ${running.url} to sign up (creates your workspace) or sign in.`,
    ...ingestKeyLines(running),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const shutdown = (signal: string) => {
    process.stdout.write(`${signal}: shutting down\n`);
    const force = setTimeout(() => process.exit(1), 5000);
    force.unref();
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
