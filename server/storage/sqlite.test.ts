import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import { openTempStorage } from '../test-helpers';
import { MIGRATIONS } from './migrations';
import { DB_FILE_NAME, openSqliteStorage } from './sqlite';
import type { Storage } from './types';
import path from 'node:path';

const opened: Storage[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});
function track<T extends Storage>(s: T): T {
  opened.push(s);
  return s;
}

describe('SQLite storage', () => {
  it('[R1] migrates a fresh file to the newest version with WAL, foreign keys and FULL sync', async () => {
    const { storage, dataDir } = openTempStorage();
    await storage.close();
    const db = new Database(path.join(dataDir, DB_FILE_NAME));
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
    expect(tables.map((t) => (t as { name: string }).name)).toEqual(
      expect.arrayContaining(['applied_mutations', 'clients', 'devices', 'records', 'workspace_seq', 'workspaces']),
    );
    db.close();
  });

  it('[R1] reopening keeps the data and does not migrate again', async () => {
    const { storage, dataDir } = openTempStorage();
    const ws = { id: newId(), name: 'W', createdAt: 1 };
    await storage.createWorkspace(ws);
    await storage.transaction((tx) => tx.putRecord(ws.id, { kind: 'segment', id: newId(), data: { x: 1 } }));
    await storage.close();
    const again = track(openSqliteStorage(dataDir));
    expect(await again.listWorkspaces()).toEqual([ws]);
    expect(await again.headSeq(ws.id)).toBe(1);
  });

  it('[S4] every write takes the next seq of its workspace, independently per workspace', async () => {
    const storage = track(openTempStorage().storage);
    const a = { id: newId(), name: 'A', createdAt: 1 };
    const b = { id: newId(), name: 'B', createdAt: 1 };
    await storage.createWorkspace(a);
    await storage.createWorkspace(b);
    const id = newId();
    const seqs = await storage.transaction(async (tx) => [
      await tx.putRecord(a.id, { kind: 'contact', id, data: { v: 1 } }),
      await tx.putRecord(a.id, { kind: 'contact', id, data: { v: 2 } }),
      await tx.putRecord(b.id, { kind: 'contact', id: newId(), data: {} }),
      await tx.tombstone(a.id, 'contact', id),
    ]);
    expect(seqs).toEqual([1, 2, 1, 3]);
    const { records, headSeq } = await storage.changesSince(a.id, 0, 10);
    expect(headSeq).toBe(3);
    expect(records).toEqual([{ kind: 'contact', id, seq: 3, deleted: true, data: null }]);
  });

  it('[S9] ids are global: ownerOf names the workspace holding an id', async () => {
    const storage = track(openTempStorage().storage);
    const a = { id: newId(), name: 'A', createdAt: 1 };
    await storage.createWorkspace(a);
    const id = newId();
    await storage.transaction((tx) => tx.putRecord(a.id, { kind: 'contact', id, data: {} }));
    await storage.transaction(async (tx) => {
      expect(await tx.ownerOf(id)).toEqual({ workspaceId: a.id, kind: 'contact' });
      expect(await tx.ownerOf(newId())).toBeNull();
    });
  });

  it('[R4] a failing transaction rolls back everything it wrote', async () => {
    const storage = track(openTempStorage().storage);
    const a = { id: newId(), name: 'A', createdAt: 1 };
    await storage.createWorkspace(a);
    await expect(
      storage.transaction(async (tx) => {
        await tx.putRecord(a.id, { kind: 'contact', id: newId(), data: {} });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await storage.headSeq(a.id)).toBe(0);
    expect((await storage.changesSince(a.id, 0, 10)).records).toEqual([]);
  });

  it('[R4] reads wait for an open transaction instead of seeing its uncommitted writes', async () => {
    const storage = track(openTempStorage().storage);
    const a = { id: newId(), name: 'A', createdAt: 1 };
    await storage.createWorkspace(a);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const tx = storage.transaction(async (t) => {
      await t.putRecord(a.id, { kind: 'contact', id: newId(), data: {} });
      await gate;
      throw new Error('abort');
    });
    const read = storage.headSeq(a.id);
    release();
    await expect(tx).rejects.toThrow('abort');
    expect(await read).toBe(0);
  });
});
