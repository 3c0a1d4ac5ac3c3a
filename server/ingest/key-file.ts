// Where the demo's ingest key lives so it can be printed at start-up: only its hash is in the
// database, so the plain key is kept in DATA_DIR/ingest-key (mode 0600, beside the database it
// unlocks). INGEST_KEY in the environment overrides it (fixed keys for tests and deployments).
// Rule: key = INGEST_KEY ?? the file ?? a new random key (written to the file); the first
// workspace's stored hash is then made to match it.
import fs from 'node:fs';
import path from 'node:path';
import type { Storage } from '../storage/types';
import { hashIngestKey, INGEST_KEY_PATTERN, newIngestKey } from './key';

export const INGEST_KEY_FILE = 'ingest-key';

export type IngestKeyInfo = {
  workspaceId: string;
  workspaceName: string;
  key: string;
  /** Where the key came from: the environment, the key file, or newly created (and saved). */
  source: 'env' | 'file' | 'created';
  file: string;
};

export function ingestKeyFilePath(dataDir: string): string {
  return path.join(dataDir, INGEST_KEY_FILE);
}

/** The saved key, or null when there is no file; throws on a malformed one (never guess). */
export function readIngestKeyFile(dataDir: string): string | null {
  const file = ingestKeyFilePath(dataDir);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const key = text.trim();
  if (!INGEST_KEY_PATTERN.test(key)) {
    throw new Error(`${file} does not hold a valid ingest key: delete it to create a new one`);
  }
  return key;
}

function writeIngestKeyFile(dataDir: string, key: string): void {
  const file = ingestKeyFilePath(dataDir);
  fs.writeFileSync(file, `${key}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600); // mode is ignored when the file already existed
}

/** Gives the first workspace its ingest key; null when there is no workspace yet. */
export async function ensureIngestKey(
  storage: Storage,
  dataDir: string,
  envKey?: string,
): Promise<IngestKeyInfo | null> {
  const [workspace] = await storage.listWorkspaces();
  if (!workspace) return null;
  let source: IngestKeyInfo['source'];
  let key: string;
  const saved = envKey ? null : readIngestKeyFile(dataDir);
  if (envKey) {
    if (!INGEST_KEY_PATTERN.test(envKey)) throw new Error('INGEST_KEY must be 16-200 characters of A-Z a-z 0-9 _ -');
    [key, source] = [envKey, 'env'];
  } else if (saved) {
    [key, source] = [saved, 'file'];
  } else {
    [key, source] = [newIngestKey(), 'created'];
    writeIngestKeyFile(dataDir, key);
  }
  const hash = hashIngestKey(key);
  if ((await storage.getIngestKeyHash(workspace.id)) !== hash) await storage.setIngestKeyHash(workspace.id, hash);
  return { workspaceId: workspace.id, workspaceName: workspace.name, key, source, file: ingestKeyFilePath(dataDir) };
}
