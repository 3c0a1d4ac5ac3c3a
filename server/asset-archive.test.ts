import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ARCHIVE_MAX_AGE_MS, archiveAssets, archivedAssetPath } from './asset-archive';
import { serveStatic } from './static-files';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asset-archive-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function build(files: Record<string, string>): string {
  const dist = tempDir();
  fs.mkdirSync(path.join(dist, 'assets'));
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html>');
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dist, 'assets', name), text);
  return dist;
}

async function get(distDir: string, archiveDir: string | undefined, urlPath: string): Promise<{ status: number; body: string; cache: string | null }> {
  const server = http.createServer((req, res) => serveStatic(distDir, req, res, archiveDir));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  try {
    const res = await fetch(`http://127.0.0.1:${port}${urlPath}`);
    return { status: res.status, body: await res.text(), cache: res.headers.get('cache-control') };
  } finally {
    server.close();
  }
}

describe('asset archive', () => {
  it('[P3] after a deploy to another DIST_DIR, the previous build\'s hashed assets are still served', async () => {
    const archive = path.join(tempDir(), 'asset-archive');
    const a = build({ 'index-AAAA.js': 'build A', 'lazy-AAAA.js': 'lazy A' });
    archiveAssets(a, archive);
    const b = build({ 'index-BBBB.js': 'build B' });
    archiveAssets(b, archive);

    expect(await get(b, archive, '/assets/index-BBBB.js')).toMatchObject({ status: 200, body: 'build B' });
    const old = await get(b, archive, '/assets/lazy-AAAA.js');
    expect(old).toMatchObject({ status: 200, body: 'lazy A' });
    expect(old.cache).toContain('immutable');
    // Without the archive this is the 404 an old tab would have hit.
    expect((await get(b, undefined, '/assets/lazy-AAAA.js')).status).toBe(404);
    expect((await get(b, archive, '/assets/missing-XXXX.js')).status).toBe(404);
  });

  it('[P3] prunes files no build has shipped for a long time, keeps the current build', () => {
    const archive = path.join(tempDir(), 'asset-archive');
    const t0 = Date.now();
    archiveAssets(build({ 'old-1111.js': 'old' }), archive, t0);
    const later = t0 + ARCHIVE_MAX_AGE_MS + 60_000;
    fs.utimesSync(path.join(archive, 'old-1111.js'), new Date(t0), new Date(t0));
    archiveAssets(build({ 'new-2222.js': 'new' }), archive, later);
    expect(fs.readdirSync(archive).sort()).toEqual(['new-2222.js']);
  });

  it('[P3] only plain /assets/<name> paths map into the archive', () => {
    expect(archivedAssetPath('/a', '/assets/x.js')).toBe(path.join('/a', 'x.js'));
    expect(archivedAssetPath('/a', '/assets/sub/x.js')).toBeNull();
    expect(archivedAssetPath('/a', '/assets/.hidden')).toBeNull();
    expect(archivedAssetPath('/a', '/sw.js')).toBeNull();
    expect(archivedAssetPath(undefined, '/assets/x.js')).toBeNull();
  });
});
