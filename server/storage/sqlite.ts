// The default storage: one SQLite file (better-sqlite3, synchronous API) in DATA_DIR.
// WAL + synchronous=FULL: a committed transaction survives a crash or power loss (R4).
// better-sqlite3 is synchronous but the Storage contract is async (for PostgreSQL), so a transaction
// may await between statements; a small mutex keeps every other operation out of an open transaction.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { RecordKind } from '../../shared/protocol';
import { migrate } from './migrations';
import { SqliteAccounts } from './sqlite-accounts';
import { prepareRecordStatements, SqliteTx, toRecord } from './sqlite-tx';
import { toDevice, type DeviceDb } from './account-rows';
import { changeJsonSql } from './dialect';
import type { ChangesJson, InviteRow, Role, Storage, StorageTx, UserRow, WorkspaceRow, WorkspaceSettings } from './types';

export const DB_FILE_NAME = 'contacts.sqlite';

type RecordRow = { kind: RecordKind; id: string; seq: number; deleted: number; data: string | null };
type PageJsonRow = { json: Buffer | null; count: number; last: number | null };

/** Whether a comma-separated list of seqs (or none) is strictly ascending. */
export function ascending(seqs: string | null): boolean {
  let prev = -Infinity;
  for (const part of seqs ? seqs.split(',') : []) {
    const seq = Number(part);
    if (!(seq > prev)) return false;
    prev = seq;
  }
  return true;
}

export function openSqliteStorage(dataDir: string): SqliteStorage {
  fs.mkdirSync(dataDir, { recursive: true });
  return new SqliteStorage(path.join(dataDir, DB_FILE_NAME));
}

export class SqliteStorage implements Storage {
  readonly location: string;
  private readonly db: Database.Database;
  private readonly s;
  private readonly tx: SqliteTx;
  private readonly accounts: SqliteAccounts;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(file: string) {
    this.location = file;
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    // 64 MiB page cache: big seeds and ingest bursts insert into several indexes at random positions.
    this.db.pragma('cache_size = -65536');
    migrate(this.db);
    const db = this.db;
    this.s = {
      getSeq: db.prepare<[string], { seq: number }>('SELECT seq FROM workspace_seq WHERE workspace_id = ?'),
      // Wire JSON built by SQLite and read as one BLOB: no per-row JS string or object (issue 9).
      // group_concat's order is documented only with ORDER BY, which re-sorts every row's JSON (~1/3
      // of the time). Without it SQLite concatenates in the subquery's seq order; `seqs` is built in
      // the same pass, so when it ascends the body does too, and otherwise the ordered form is used.
      sinceJson: db.prepare<[string, number, number], PageJsonRow & { seqs: string | null }>(
        `SELECT CAST(group_concat(${changeJsonSql('json_quote(id)')}, ',') AS BLOB) AS json, group_concat(seq) AS seqs,
                count(*) AS count, max(seq) AS last
         FROM (SELECT kind, id, seq, deleted, data FROM records WHERE workspace_id = ? AND seq > ? ORDER BY seq LIMIT ?)`,
      ),
      sinceJsonOrdered: db.prepare<[string, number, number], PageJsonRow>(
        `SELECT CAST(group_concat(${changeJsonSql('json_quote(id)')}, ',' ORDER BY seq) AS BLOB) AS json, count(*) AS count, max(seq) AS last
         FROM (SELECT kind, id, seq, deleted, data FROM records WHERE workspace_id = ? AND seq > ? ORDER BY seq LIMIT ?)`,
      ),
      since: db.prepare<[string, number, number], RecordRow>(
        'SELECT kind, id, seq, deleted, data FROM records WHERE workspace_id = ? AND seq > ? ORDER BY seq LIMIT ?',
      ),
      getClient: db.prepare<[string], { workspace_id: string; last_mutation_id: number }>(
        'SELECT workspace_id, last_mutation_id FROM clients WHERE client_id = ?',
      ),
      insertWorkspace: db.prepare<[string, string, number]>(
        'INSERT INTO workspaces (id, name, created_at) VALUES (?, ?, ?)',
      ),
      insertWorkspaceSeq: db.prepare<[string]>('INSERT INTO workspace_seq (workspace_id, seq) VALUES (?, 0)'),
      getWorkspace: db.prepare<[string], { id: string; name: string; created_at: number }>(
        'SELECT id, name, created_at FROM workspaces WHERE id = ?',
      ),
      listWorkspaces: db.prepare<[], { id: string; name: string; created_at: number }>(
        'SELECT id, name, created_at FROM workspaces ORDER BY created_at, id',
      ),
      insertDevice: db.prepare<[string, string, string, number, string | null]>(
        'INSERT INTO devices (token_hash, workspace_id, name, created_at, user_id) VALUES (?, ?, ?, ?, ?)',
      ),
      findDevice: db.prepare<[string], DeviceDb>('SELECT * FROM devices WHERE token_hash = ?'),
      setCreator: db.prepare<[string, string, string]>(
        'INSERT OR REPLACE INTO record_creators (id, workspace_id, user_id) VALUES (?, ?, ?)',
      ),
      getCreator: db.prepare<[string, string], { user_id: string }>(
        'SELECT user_id FROM record_creators WHERE workspace_id = ? AND id = ?',
      ),
      touchDevice: db.prepare<[number, string]>('UPDATE devices SET last_seen_at = ? WHERE token_hash = ?'),
      findByEmail: db.prepare<[string, string], RecordRow>(
        `SELECT kind, id, seq, deleted, data FROM records
         WHERE workspace_id = ? AND kind = 'contact' AND deleted = 0 AND email_key = lower(?)
         ORDER BY json_extract(data, '$.createdAt'), id LIMIT 1`,
      ),
      findByPhone: db.prepare<[string, string], RecordRow>(
        `SELECT kind, id, seq, deleted, data FROM records
         WHERE workspace_id = ? AND kind = 'contact' AND deleted = 0 AND phone_key = ?
         ORDER BY json_extract(data, '$.createdAt'), id LIMIT 1`,
      ),
      setIngestKey: db.prepare<[string | null, string]>('UPDATE workspaces SET ingest_key_hash = ? WHERE id = ?'),
      getIngestKey: db.prepare<[string], { ingest_key_hash: string | null }>(
        'SELECT ingest_key_hash FROM workspaces WHERE id = ?',
      ),
      byIngestKey: db.prepare<[string], { id: string }>('SELECT id FROM workspaces WHERE ingest_key_hash = ?'),
      revokeDevice: db.prepare<[number, string]>(
        'UPDATE devices SET revoked_at = COALESCE(revoked_at, ?) WHERE token_hash = ?',
      ),
    };
    this.tx = this.createTx();
    this.accounts = new SqliteAccounts(db);
  }

  private createWorkspaceSync(w: { id: string; name: string; createdAt: number }): void {
    this.s.insertWorkspace.run(w.id, w.name, w.createdAt);
    this.s.insertWorkspaceSeq.run(w.id);
  }

  private createTx(): SqliteTx {
    const s = this.s;
    return new SqliteTx(prepareRecordStatements(this.db), {
      createWorkspace: async (w) => this.createWorkspaceSync(w),
      setCreator: async (workspaceId, id, userId) => {
        s.setCreator.run(id, workspaceId, userId);
      },
      getCreator: async (workspaceId, id) => s.getCreator.get(workspaceId, id)?.user_id ?? null,
      findContactByEmail: async (workspaceId, email) => {
        const row = s.findByEmail.get(workspaceId, email);
        return row ? toRecord(row) : null;
      },
      findContactByPhone: async (workspaceId, phone) => {
        const row = s.findByPhone.get(workspaceId, phone);
        return row ? toRecord(row) : null;
      },
    });
  }

  /** Serialises every operation behind any open transaction (see the header comment). */
  private exclusive<T>(fn: () => Promise<T> | T): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  transaction<T>(fn: (tx: StorageTx) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(this.tx);
        this.tx.flush();
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        this.tx.discard();
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  changesSince(workspaceId: string, cursor: number, limit: number) {
    return this.exclusive(() =>
      // One read transaction so the page and headSeq are a consistent snapshot.
      this.db.transaction(() => ({
        records: this.s.since.all(workspaceId, cursor, limit).map(toRecord),
        headSeq: this.s.getSeq.get(workspaceId)?.seq ?? 0,
      }))(),
    );
  }

  changesSinceJson(workspaceId: string, cursor: number, limit: number) {
    return this.exclusive(() =>
      this.db.transaction((): ChangesJson => {
        const fast = this.s.sinceJson.get(workspaceId, cursor, limit);
        const page = fast && ascending(fast.seqs) ? fast : this.s.sinceJsonOrdered.get(workspaceId, cursor, limit);
        return {
          json: page?.json ?? Buffer.alloc(0),
          count: page?.count ?? 0,
          lastSeq: page?.last ?? cursor,
          headSeq: this.s.getSeq.get(workspaceId)?.seq ?? 0,
        };
      })(),
    );
  }

  headSeq(workspaceId: string) {
    return this.exclusive(() => this.s.getSeq.get(workspaceId)?.seq ?? 0);
  }

  getWorkspace(id: string) {
    return this.exclusive((): WorkspaceRow | null => {
      const row = this.s.getWorkspace.get(id);
      return row ? { id: row.id, name: row.name, createdAt: row.created_at } : null;
    });
  }

  listWorkspaces() {
    return this.exclusive(() =>
      this.s.listWorkspaces.all().map((r): WorkspaceRow => ({ id: r.id, name: r.name, createdAt: r.created_at })),
    );
  }

  createWorkspace(w: { id: string; name: string; createdAt: number }) {
    return this.exclusive(() => this.db.transaction(() => this.createWorkspaceSync(w))());
  }

  createDevice(tokenHash: string, d: { workspaceId: string; name: string; createdAt: number; userId?: string | null }) {
    return this.exclusive(() => {
      this.s.insertDevice.run(tokenHash, d.workspaceId, d.name, d.createdAt, d.userId ?? null);
    });
  }

  findDevice(tokenHash: string) {
    return this.exclusive(() => {
      const r = this.s.findDevice.get(tokenHash);
      return r ? toDevice(r) : null;
    });
  }

  touchDevice(tokenHash: string, at: number) {
    return this.exclusive(() => {
      this.s.touchDevice.run(at, tokenHash);
    });
  }

  revokeDevice(tokenHash: string, at: number) {
    return this.exclusive(() => {
      this.s.revokeDevice.run(at, tokenHash);
    });
  }

  markDeviceSynced(tokenHash: string, at: number) {
    return this.exclusive(() => this.accounts.markDeviceSynced(tokenHash, at));
  }
  listUserDevices(userId: string) {
    return this.exclusive(() => this.accounts.listUserDevices(userId));
  }
  createUser(user: UserRow) {
    return this.exclusive(() => this.accounts.createUser(user));
  }
  findUserByEmail(email: string) {
    return this.exclusive(() => this.accounts.findUserByEmail(email));
  }
  getUser(id: string) {
    return this.exclusive(() => this.accounts.getUser(id));
  }
  setUserPassword(userId: string, passwordHash: string) {
    return this.exclusive(() => this.accounts.setUserPassword(userId, passwordHash));
  }
  setMembership(workspaceId: string, userId: string, role: Role, at: number) {
    return this.exclusive(() => this.accounts.setMembership(workspaceId, userId, role, at));
  }
  getRole(workspaceId: string, userId: string) {
    return this.exclusive(() => this.accounts.getRole(workspaceId, userId));
  }
  listMemberships(userId: string) {
    return this.exclusive(() => this.accounts.listMemberships(userId));
  }
  listMembers(workspaceId: string) {
    return this.exclusive(() => this.accounts.listMembers(workspaceId));
  }
  getWorkspaceSettings(workspaceId: string) {
    return this.exclusive(() => this.accounts.getWorkspaceSettings(workspaceId));
  }
  setWorkspaceSettings(workspaceId: string, settings: WorkspaceSettings) {
    return this.exclusive(() => this.accounts.setWorkspaceSettings(workspaceId, settings));
  }
  createInvite(invite: Omit<InviteRow, 'usedAt' | 'usedBy'>) {
    return this.exclusive(() => this.accounts.createInvite(invite));
  }
  findInvite(codeHash: string) {
    return this.exclusive(() => this.accounts.findInvite(codeHash));
  }
  useInvite(codeHash: string, userId: string, at: number) {
    return this.exclusive(() => this.accounts.useInvite(codeHash, userId, at));
  }

  setIngestKeyHash(workspaceId: string, keyHash: string | null) {
    return this.exclusive(() => {
      const { changes } = this.s.setIngestKey.run(keyHash, workspaceId);
      if (changes === 0) throw new Error(`unknown workspace ${workspaceId}`);
    });
  }

  getIngestKeyHash(workspaceId: string) {
    return this.exclusive(() => this.s.getIngestKey.get(workspaceId)?.ingest_key_hash ?? null);
  }

  workspaceByIngestKeyHash(keyHash: string) {
    return this.exclusive(() => this.s.byIngestKey.get(keyHash)?.id ?? null);
  }

  getClient(clientId: string) {
    return this.exclusive(() => {
      const r = this.s.getClient.get(clientId);
      return r ? { workspaceId: r.workspace_id, lastMutationId: r.last_mutation_id } : null;
    });
  }

  health() {
    return this.exclusive(() => {
      try {
        this.db.prepare('SELECT 1').get();
        return { ok: true };
      } catch (error) {
        return { ok: false, detail: error instanceof Error ? error.message : String(error) };
      }
    });
  }

  close() {
    return this.exclusive(() => {
      if (this.db.open) this.db.close();
    });
  }
}
