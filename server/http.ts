// One node:http server: /trpc/* (tRPC), /api/ingest/* (webhooks, R2), /healthz, and the built PWA
// for everything else.
import http from 'node:http';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { LIMITS } from '../shared/limits';
import { replyAfterDrain } from './http-drain';
import { handleIngestHttp, INGEST_PATH_PREFIX } from './ingest/http-handler';
import type { Logger } from './log';
import { DEFAULT_PUSH_RATE, RateLimitedError, RateLimiter, type RateLimitOptions } from './rate-limit';
import { appRouter } from './routers/_app';
import { serveStatic } from './static-files';
import { PULL_PATH, servePull } from './sync/pull-http';
import { addServerTiming, timingMetric } from './sync/server-timing';
import type { Storage } from './storage/types';
import { createContext } from './trpc';

export type AppServerOptions = {
  storage: Storage;
  log: Logger;
  demo: boolean;
  distDir?: string;
  /** P3: where previous builds' /assets files are kept (asset-archive.ts). */
  assetArchiveDir?: string;
  /** Per-device-token push rate (S9); default DEFAULT_PUSH_RATE. */
  pushRate?: Omit<RateLimitOptions, 'now'>;
};

export function createAppServer(opts: AppServerOptions): http.Server {
  const pushLimiter = new RateLimiter(opts.pushRate ?? DEFAULT_PUSH_RATE);
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    maxBodySize: LIMITS.requestBodyMaxBytes,
    createContext: ({ req }) =>
      createContext({
        storage: opts.storage,
        log: opts.log,
        demo: opts.demo,
        authorization: req.headers.authorization,
        ingestKey: req.headers['x-ingest-key'],
        pushLimiter,
        ip: req.socket.remoteAddress ?? null,
      }),
    // A rate-limited call tells the client when to come back (HTTP Retry-After, in whole seconds).
    responseMeta: ({ errors }) => {
      const limited = errors.find((e) => e.cause instanceof RateLimitedError)?.cause as RateLimitedError | undefined;
      return limited ? { headers: { 'Retry-After': String(Math.ceil(limited.retryAfterMs / 1000)) } } : {};
    },
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        opts.log.error('trpc.error', { procedure: path ?? null, message: error.message });
      }
    },
  });

  return http.createServer((req, res) => {
    const pathname = (req.url ?? '/').split('?')[0];
    if (pathname === '/trpc' || pathname.startsWith('/trpc/')) {
      const started = performance.now();
      // Refuse a declared oversize body without parsing it (chunked bodies are capped by maxBodySize).
      const length = Number(req.headers['content-length'] ?? 0);
      if (length > LIMITS.requestBodyMaxBytes) {
        replyAfterDrain(req, () => {
          res.writeHead(413, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ error: `request body larger than ${LIMITS.requestBodyMaxBytes} bytes` }));
        });
        return;
      }
      res.setHeader('Cache-Control', 'no-store');
      addServerTiming(res, timingMetric(pathname), started);
      // A valid pull is answered by the fast path (issue 9); anything else by tRPC.
      if (pathname === PULL_PATH) {
        void servePull(req, res, opts, started).then(
          (done) => done || trpc(req, res),
          () => res.headersSent || trpc(req, res),
        );
      } else void trpc(req, res);
      return;
    }
    if (pathname.startsWith(INGEST_PATH_PREFIX) || `${pathname}/` === INGEST_PATH_PREFIX) {
      void handleIngestHttp(req, res, opts);
      return;
    }
    if (pathname === '/healthz') {
      void opts.storage.health().then((db) => {
        res.writeHead(db.ok ? 200 : 503, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
        res.end(JSON.stringify({ ok: db.ok, db: db.ok ? 'ok' : (db.detail ?? 'error') }));
      });
      return;
    }
    serveStatic(opts.distDir, req, res, opts.assetArchiveDir);
  });
}
