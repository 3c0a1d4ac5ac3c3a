// Serves the built PWA from DIST_DIR. Hashed files under /assets/ are immutable for a year; the
// shell files (index.html, sw.js, registerSW.js, the manifest) are revalidated on every load so a
// new deploy is picked up (P3). GET paths without an extension fall back to index.html (SPA routes).
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { archivedAssetPath } from './asset-archive';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};
const NO_CACHE_FILES = new Set(['/index.html', '/sw.js', '/registerSW.js', '/manifest.webmanifest']);
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Hashed build output is immutable; everything else (shell files above, icons) revalidates via ETag. */
function cacheControl(urlPath: string): string {
  return urlPath.startsWith('/assets/') && !NO_CACHE_FILES.has(urlPath) ? IMMUTABLE : 'no-cache';
}

function sendFile(req: http.IncomingMessage, res: http.ServerResponse, file: string, urlPath: string, stat: fs.Stats) {
  const etag = `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, { ETag: etag, 'Cache-Control': cacheControl(urlPath) }).end();
    return;
  }
  res.writeHead(200, {
    ETag: etag,
    'Content-Type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': stat.size,
    'Cache-Control': cacheControl(urlPath),
    'X-Content-Type-Options': 'nosniff',
  });
  if (req.method === 'HEAD') return void res.end();
  fs.createReadStream(file).pipe(res);
}

function fileAt(root: string, urlPath: string): { file: string; stat: fs.Stats } | null {
  const file = path.join(root, urlPath);
  if (file !== root && !file.startsWith(root + path.sep)) return null; // no escaping DIST_DIR
  try {
    const stat = fs.statSync(file);
    return stat.isFile() ? { file, stat } : null;
  } catch {
    return null;
  }
}

export function serveStatic(
  distDir: string | undefined,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  /** P3: previous builds' hashed assets (see asset-archive.ts); answers /assets/* misses. */
  assetArchiveDir?: string,
): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain' }).end('Method not allowed');
    return;
  }
  let urlPath: string;
  try {
    urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  } catch {
    res.writeHead(400, { 'Content-Type': 'text/plain' }).end('Bad request');
    return;
  }
  if (urlPath.includes('\0') || urlPath.split(/[\\/]/).includes('..')) {
    res.writeHead(400, { 'Content-Type': 'text/plain' }).end('Bad request');
    return;
  }
  const root = distDir ? path.resolve(distDir) : null;
  const direct = root && urlPath !== '/' ? fileAt(root, urlPath) : null;
  if (direct) return sendFile(req, res, direct.file, urlPath, direct.stat);
  const archived = archivedAssetPath(assetArchiveDir, urlPath);
  const old = archived ? fileAt(path.dirname(archived), `/${path.basename(archived)}`) : null;
  if (old) return sendFile(req, res, old.file, urlPath, old.stat);
  // SPA fallback: routes like /contacts have no extension; missing assets (/x.js) are a real 404.
  if (path.extname(urlPath) === '' && root) {
    const index = fileAt(root, '/index.html');
    if (index) return sendFile(req, res, index.file, '/index.html', index.stat);
  }
  const hint = root && path.extname(urlPath) === '' ? 'The client is not built: run `npm run build`.' : 'Not found';
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache' }).end(hint);
}
