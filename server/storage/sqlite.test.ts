import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import { openTempStorage } from '../test-helpers';
import { describeStorageContract } from './contract';
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

describeStorageContract('sqlite', () => openTempStorage().storage);

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

});
