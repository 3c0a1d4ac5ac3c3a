import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import { openTempStorage, tempDataDir } from '../test-helpers';
import { describeStorageContract } from './contract';
import { stepSql } from './dialect';
import { MIGRATIONS } from './migrations';
import { ascending, DB_FILE_NAME, openSqliteStorage } from './sqlite';
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

  it('[S4] a pull page built without ORDER BY is used only when its seqs ascend (else the ordered form)', () => {
    expect(ascending('1,2,10,11')).toBe(true);
    expect(ascending('7')).toBe(true);
    expect(ascending(null)).toBe(true);
    expect(ascending('1,10,2')).toBe(false);
    expect(ascending('3,3')).toBe(false);
    expect(ascending('1,x')).toBe(false);
  });

  it('[R2] migration 4 gives contacts written before it their ingest match keys (email, phone)', async () => {
    const dataDir = tempDataDir();
    const db = new Database(path.join(dataDir, DB_FILE_NAME));
    for (const step of MIGRATIONS.slice(0, 3)) db.exec(stepSql(step, 'sqlite'));
    db.pragma('user_version = 3');
    const ws = newId();
    const [live, gone] = [newId(), newId()];
    db.prepare('INSERT INTO workspaces (id, name, created_at) VALUES (?, ?, 1)').run(ws, 'W');
    db.prepare('INSERT INTO workspace_seq (workspace_id, seq) VALUES (?, 2)').run(ws);
    const insert = db.prepare('INSERT INTO records (workspace_id, kind, id, seq, deleted, data) VALUES (?, ?, ?, ?, ?, ?)');
    insert.run(ws, 'contact', live, 1, 0, JSON.stringify({ email: 'Ann@X.io', phone: '+33612345678', createdAt: 1 }));
    insert.run(ws, 'contact', gone, 2, 1, null);
    db.close();
    const storage = track(openSqliteStorage(dataDir));
    await storage.transaction(async (tx) => {
      expect((await tx.findContactByEmail(ws, 'ann@x.IO'))?.id).toBe(live);
      expect((await tx.findContactByPhone(ws, '+33612345678'))?.id).toBe(live);
    });
  });
});
