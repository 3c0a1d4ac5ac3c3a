// PostgreSQL storage (R5): the same contract as the SQLite file, for several stateless server
// processes sharing one database. Chosen with DATABASE_URL=postgres://... (see open.ts).
// Ordering and exactly-once rules across processes are explained in postgres-tx.ts.
import pg from 'pg';
import { PostgresAccounts } from './postgres-accounts';
import { migratePostgres } from './postgres-migrate';
import { PostgresTx, statementName, toRecord } from './postgres-tx';
import { changeJsonSql } from './dialect';
import type { ChangesJson, DeviceRow, InviteRow, Role, Storage, StorageTx, UserRow, WorkspaceRow, WorkspaceSettings } from './types';

export type PostgresOptions = {
  connectionString: string;
  /** Schema for every table (tests isolate themselves in throwaway schemas); default: the server's search_path. */
  schema?: string;
  /** Pool size per process; default 10. */
  max?: number;
};

/** BIGINT (seq, epoch ms) as a JS number: every value we store is far below 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** Errors after which the whole transaction is run again: a concurrent duplicate (unique
 *  violation: the rerun finds the stored result), a serialization failure or a deadlock. */
const RETRY_CODES = new Set(['23505', '40001', '40P01']);
const MAX_ATTEMPTS = 5;

function retryable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && RETRY_CODES.has(String((error as { code?: unknown }).code));
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Where the database is, without the password, for start-up messages. */
export function describeUrl(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    url.password = '';
    return url.toString();
  } catch {
    return 'postgres (unparsable DATABASE_URL)';
  }
}

export class PostgresStorage implements Storage {
  readonly location: string;
  readonly pool: pg.Pool;
  /** Schema created and migrated; every operation waits for it. */
  readonly ready: Promise<void>;
  private readonly accounts = new PostgresAccounts((sql, params) => this.query(sql, params));

  constructor(opts: PostgresOptions) {
    this.location = describeUrl(opts.connectionString) + (opts.schema ? ` (schema ${opts.schema})` : '');
    this.pool = new pg.Pool({
      connectionString: opts.connectionString,
      max: opts.max ?? 10,
      types,
      options: opts.schema ? `-c search_path=${quoteIdent(opts.schema)}` : undefined,
    });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    this.pool.on('error', () => undefined);
    this.ready = migratePostgres(this.pool, opts.schema).then(() => undefined);
    this.ready.catch(() => undefined); // surfaced by the first operation (or openPostgresStorage)
  }

  private async query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []) {
    await this.ready;
    return this.pool.query<R>({ name: statementName(sql), text: sql, values: params });
  }

  async transaction<T>(fn: (tx: StorageTx) => Promise<T>): Promise<T> {
    await this.ready;
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(new PostgresTx(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        if (!retryable(error) || attempt >= MAX_ATTEMPTS) throw error;
      } finally {
        client.release();
      }
      await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
    }
  }

  async changesSince(workspaceId: string, cursor: number, limit: number) {
    // One statement = one snapshot: the page and headSeq agree, and the snapshot holds a gap-free
    // prefix of the workspace's seqs (postgres-tx.ts), so nothing after `cursor` is passed over.
    const { rows } = await this.query<{
      head: number;
      kind: string | null;
      id: string;
      seq: number;
      deleted: number;
      data: unknown;
    }>(
      `SELECT h.seq AS head, r.kind, r.id, r.seq, r.deleted, r.data
       FROM workspace_seq h
       LEFT JOIN LATERAL (
         SELECT kind, id, seq, deleted, data FROM records
         WHERE workspace_id = h.workspace_id AND seq > $2 ORDER BY seq LIMIT $3
       ) r ON true
       WHERE h.workspace_id = $1
       ORDER BY r.seq`,
      [workspaceId, cursor, limit],
    );
    const records = rows.filter((r) => r.kind !== null).map((r) => toRecord(r as Parameters<typeof toRecord>[0]));
    return { records, headSeq: rows[0]?.head ?? 0 };
  }

  async changesSinceJson(workspaceId: string, cursor: number, limit: number): Promise<ChangesJson> {
    // One statement = one snapshot, as in changesSince; the body is built by PostgreSQL.
    const { rows } = await this.query<{ head: number; count: number | null; last: number | null; json: string | null }>(
      `SELECT h.seq AS head, p.count, p.last, p.json
       FROM workspace_seq h
       LEFT JOIN LATERAL (
         SELECT count(*)::int AS count, max(seq) AS last,
                string_agg(${changeJsonSql('to_json(id)::text', 'seq::text', 'data::text')}, ',' ORDER BY seq) AS json
         FROM (SELECT kind, id, seq, deleted, data FROM records
               WHERE workspace_id = h.workspace_id AND seq > $2 ORDER BY seq LIMIT $3) r
       ) p ON true
       WHERE h.workspace_id = $1`,
      [workspaceId, cursor, limit],
    );
    const row = rows[0];
    return {
      json: Buffer.from(row?.json ?? '', 'utf8'),
      count: row?.count ?? 0,
      lastSeq: row?.last ?? cursor,
      headSeq: row?.head ?? 0,
    };
  }

  async headSeq(workspaceId: string) {
    const { rows } = await this.query<{ seq: number }>('SELECT seq FROM workspace_seq WHERE workspace_id = $1', [workspaceId]);
    return rows[0]?.seq ?? 0;
  }

  async getWorkspace(id: string): Promise<WorkspaceRow | null> {
    const { rows } = await this.query<{ id: string; name: string; created_at: number }>(
      'SELECT id, name, created_at FROM workspaces WHERE id = $1',
      [id],
    );
    return rows[0] ? { id: rows[0].id, name: rows[0].name, createdAt: rows[0].created_at } : null;
  }

  async listWorkspaces(): Promise<WorkspaceRow[]> {
    const { rows } = await this.query<{ id: string; name: string; created_at: number }>(
      'SELECT id, name, created_at FROM workspaces ORDER BY created_at, id',
    );
    return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at }));
  }

  createWorkspace(w: { id: string; name: string; createdAt: number }) {
    return this.transaction((tx) => tx.createWorkspace(w));
  }

  async createDevice(tokenHash: string, d: { workspaceId: string; name: string; createdAt: number; userId?: string | null }) {
    await this.query('INSERT INTO devices (token_hash, workspace_id, name, created_at, user_id) VALUES ($1, $2, $3, $4, $5)', [
      tokenHash,
      d.workspaceId,
      d.name,
      d.createdAt,
      d.userId ?? null,
    ]);
  }

  findDevice(tokenHash: string): Promise<DeviceRow | null> {
    return this.accounts.findDevice(tokenHash);
  }

  async touchDevice(tokenHash: string, at: number) {
    await this.query('UPDATE devices SET last_seen_at = $1 WHERE token_hash = $2', [at, tokenHash]);
  }

  async revokeDevice(tokenHash: string, at: number) {
    await this.query('UPDATE devices SET revoked_at = COALESCE(revoked_at, $1) WHERE token_hash = $2', [at, tokenHash]);
  }

  markDeviceSynced(tokenHash: string, at: number) {
    return this.accounts.markDeviceSynced(tokenHash, at);
  }
  listUserDevices(userId: string) {
    return this.accounts.listUserDevices(userId);
  }
  createUser(user: UserRow) {
    return this.accounts.createUser(user);
  }
  findUserByEmail(email: string) {
    return this.accounts.findUserByEmail(email);
  }
  getUser(id: string) {
    return this.accounts.getUser(id);
  }
  setUserPassword(userId: string, passwordHash: string) {
    return this.accounts.setUserPassword(userId, passwordHash);
  }
  setMembership(workspaceId: string, userId: string, role: Role, at: number) {
    return this.accounts.setMembership(workspaceId, userId, role, at);
  }
  getRole(workspaceId: string, userId: string) {
    return this.accounts.getRole(workspaceId, userId);
  }
  listMemberships(userId: string) {
    return this.accounts.listMemberships(userId);
  }
  listMembers(workspaceId: string) {
    return this.accounts.listMembers(workspaceId);
  }
  getWorkspaceSettings(workspaceId: string) {
    return this.accounts.getWorkspaceSettings(workspaceId);
  }
  setWorkspaceSettings(workspaceId: string, settings: WorkspaceSettings) {
    return this.accounts.setWorkspaceSettings(workspaceId, settings);
  }
  createInvite(invite: Omit<InviteRow, 'usedAt' | 'usedBy'>) {
    return this.accounts.createInvite(invite);
  }
  findInvite(codeHash: string) {
    return this.accounts.findInvite(codeHash);
  }
  useInvite(codeHash: string, userId: string, at: number) {
    return this.accounts.useInvite(codeHash, userId, at);
  }

  async setIngestKeyHash(workspaceId: string, keyHash: string | null) {
    const { rowCount } = await this.query('UPDATE workspaces SET ingest_key_hash = $1 WHERE id = $2', [keyHash, workspaceId]);
    if (rowCount === 0) throw new Error(`unknown workspace ${workspaceId}`);
  }

  async getIngestKeyHash(workspaceId: string) {
    const { rows } = await this.query<{ ingest_key_hash: string | null }>(
      'SELECT ingest_key_hash FROM workspaces WHERE id = $1',
      [workspaceId],
    );
    return rows[0]?.ingest_key_hash ?? null;
  }

  async workspaceByIngestKeyHash(keyHash: string) {
    const { rows } = await this.query<{ id: string }>('SELECT id FROM workspaces WHERE ingest_key_hash = $1', [keyHash]);
    return rows[0]?.id ?? null;
  }

  async getClient(clientId: string) {
    const { rows } = await this.query<{ workspace_id: string; last_mutation_id: number }>(
      'SELECT workspace_id, last_mutation_id FROM clients WHERE client_id = $1',
      [clientId],
    );
    return rows[0] ? { workspaceId: rows[0].workspace_id, lastMutationId: rows[0].last_mutation_id } : null;
  }

  async health() {
    try {
      await this.query('SELECT 1');
      return { ok: true };
    } catch (error) {
      return { ok: false, detail: error instanceof Error ? error.message : String(error) };
    }
  }

  private closing: Promise<void> | null = null;
  close() {
    this.closing ??= this.ready.catch(() => undefined).then(() => this.pool.end());
    return this.closing;
  }
}

/** Opens and migrates; rejects when the database cannot be reached (fail at start-up, not later). */
export async function openPostgresStorage(opts: PostgresOptions): Promise<PostgresStorage> {
  const storage = new PostgresStorage(opts);
  try {
    await storage.ready;
  } catch (error) {
    await storage.pool.end().catch(() => undefined);
    throw error;
  }
  return storage;
}
