import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseEnv } from '../env';
import type { Storage } from '../storage/types';
import { openTempStorage, seedWorkspace } from '../test-helpers';
import { resolveIngestKey } from './key';
import { ensureIngestKey, ingestKeyFilePath, readIngestKeyFile } from './key-file';

const opened: Storage[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

function open() {
  const t = openTempStorage();
  opened.push(t.storage);
  return t;
}

describe('[R2] ingest key of the demo workspace', () => {
  it('[R2] is created once, saved 0600 beside the database, stored only as a hash, and reused', async () => {
    const { storage, dataDir } = open();
    expect(await ensureIngestKey(storage, dataDir)).toBeNull(); // no workspace yet
    const w = await seedWorkspace(storage);
    const first = await ensureIngestKey(storage, dataDir);
    expect(first).toMatchObject({ workspaceId: w.workspace.id, source: 'created', file: ingestKeyFilePath(dataDir) });
    expect(first!.key).toMatch(/^ik_[A-Za-z0-9_-]{43}$/);
    expect(fs.statSync(first!.file).mode & 0o777).toBe(0o600);
    expect(readIngestKeyFile(dataDir)).toBe(first!.key);
    expect(await storage.getIngestKeyHash(w.workspace.id)).not.toContain(first!.key);
    expect(await resolveIngestKey(storage, first!.key)).toBe(w.workspace.id);

    const again = await ensureIngestKey(storage, dataDir);
    expect(again).toMatchObject({ key: first!.key, source: 'file' });
  });

  it('[R2] INGEST_KEY overrides the file; without it the file key is restored', async () => {
    const { storage, dataDir } = open();
    const w = await seedWorkspace(storage);
    const saved = (await ensureIngestKey(storage, dataDir))!.key;
    const fixed = 'fixed-key-for-tests-0123456789';
    expect(await ensureIngestKey(storage, dataDir, fixed)).toMatchObject({ key: fixed, source: 'env' });
    expect(await resolveIngestKey(storage, fixed)).toBe(w.workspace.id);
    expect(await resolveIngestKey(storage, saved)).toBeNull();
    expect(readIngestKeyFile(dataDir)).toBe(saved); // the file is not touched by the override
    await ensureIngestKey(storage, dataDir);
    expect(await resolveIngestKey(storage, saved)).toBe(w.workspace.id);
    expect(await resolveIngestKey(storage, fixed)).toBeNull();
  });

  it('[R2] a malformed key file or INGEST_KEY is refused loudly, never replaced silently', async () => {
    const { storage, dataDir } = open();
    await seedWorkspace(storage);
    fs.writeFileSync(ingestKeyFilePath(dataDir), 'not a key\n');
    await expect(ensureIngestKey(storage, dataDir)).rejects.toThrow(/does not hold a valid ingest key/);
    expect(() => parseEnv({ INGEST_KEY: 'short' })).toThrow(/INGEST_KEY/);
    expect(parseEnv({ INGEST_KEY: '' }).INGEST_KEY).toBeUndefined();
    expect(parseEnv({ INGEST_KEY: 'fixed-key-for-tests-0123456789' }).INGEST_KEY).toBe('fixed-key-for-tests-0123456789');
  });
});
