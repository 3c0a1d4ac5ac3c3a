// P3: a deploy must not leave a running old page with 404s for its hashed files (a lazy chunk,
// a font, CSS). On every start the server copies DIST_DIR/assets/* into DATA_DIR/asset-archive/
// and answers /assets/* misses from there, so previous builds stay resolvable across deploys
// (whether the new build went to the same dir or another DIST_DIR). Hashed names never clash.
// Files no build has shipped for ARCHIVE_MAX_AGE_MS are pruned (a tab that old reloads anyway).
import fs from 'node:fs';
import path from 'node:path';

export const ARCHIVE_MAX_AGE_MS = 30 * 24 * 3600_000;

/** Archives the current build's assets; returns the archive dir (null when there is nothing to archive). */
export function archiveAssets(distDir: string, archiveDir: string, now = Date.now()): string | null {
  const assets = path.join(distDir, 'assets');
  if (!fs.existsSync(assets)) return fs.existsSync(archiveDir) ? archiveDir : null;
  fs.mkdirSync(archiveDir, { recursive: true });
  const current = new Set<string>();
  for (const entry of fs.readdirSync(assets, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    current.add(entry.name);
    const target = path.join(archiveDir, entry.name);
    if (!fs.existsSync(target)) {
      // Copy to a temp name first: a crash mid-copy never leaves a truncated "immutable" file.
      const temp = `${target}.tmp-${process.pid}`;
      fs.copyFileSync(path.join(assets, entry.name), temp);
      fs.renameSync(temp, target);
    }
    const at = new Date(now);
    fs.utimesSync(target, at, at); // "last shipped": keeps the current build's files from pruning
  }
  for (const name of fs.readdirSync(archiveDir)) {
    if (current.has(name)) continue;
    const file = path.join(archiveDir, name);
    const stat = fs.statSync(file);
    if (stat.isFile() && now - stat.mtimeMs > ARCHIVE_MAX_AGE_MS) fs.rmSync(file, { force: true });
  }
  return archiveDir;
}

/** The archived file for an /assets/<name> URL path, or null. */
export function archivedAssetPath(archiveDir: string | undefined, urlPath: string): string | null {
  if (!archiveDir || !urlPath.startsWith('/assets/')) return null;
  const name = urlPath.slice('/assets/'.length);
  if (!name || name.includes('/') || name.includes('\\') || name.startsWith('.')) return null;
  return path.join(archiveDir, name);
}
