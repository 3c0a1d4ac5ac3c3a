// The StorageTx of the PostgreSQL adapter: one pooled connection inside BEGIN ... COMMIT.
//
// Workspace lock (why pull cannot skip a row, and why no update is lost across processes):
// the first operation of a transaction on a workspace locks that workspace's workspace_seq row
// (SELECT ... FOR UPDATE) and keeps it until COMMIT/ROLLBACK. So per workspace, writing
// transactions run one at a time, in every process:
//  - seqs are taken from the locked row, so a transaction holding seq N+1 started after the one
//    holding N committed (PostgreSQL makes a commit visible before it releases its locks). Seq
//    order is commit order, a snapshot always holds a gap-free prefix of seqs, and "seq > cursor"
//    can never pass over a row that commits later with a smaller seq;
//  - reads made after the lock (READ COMMITTED: each statement sees the latest commits) are what
//    the writes are based on, so two processes patching one contact cannot lose a field.
// A transaction touching two workspaces in opposite orders can deadlock; PostgreSQL aborts one
// and PostgresStorage.transaction runs it again.
import type pg from 'pg';
import type { RecordKind } from '../../shared/protocol';
import { pgAsciiLower } from './dialect';
import type { RecordInput, StorageTx, StoredMutationResult, StoredRecord } from './types';

type RecordRow = { kind: RecordKind; id: string; seq: number; deleted: number; data: unknown };

const COLUMNS = 'kind, id, seq, deleted, data';
const UPSERT_TAIL = `ON CONFLICT (workspace_id, kind, id) DO UPDATE SET
  seq = excluded.seq, contact_id = excluded.contact_id, data = excluded.data, deleted = excluded.deleted`;
/** Rows per INSERT of putRecords (seed writes thousands at once). */
const BATCH = 1000;

export function toRecord(row: RecordRow): StoredRecord {
  return { kind: row.kind, id: row.id, seq: row.seq, deleted: row.deleted === 1, data: row.deleted === 1 ? null : row.data };
}

const names = new Map<string, string>();
/** A stable name per SQL text: PostgreSQL parses and plans each statement once per connection
 *  instead of on every call (every round trip counts while the workspace lock is held). */
export function statementName(sql: string): string {
  let name = names.get(sql);
  if (!name) names.set(sql, (name = `ac_${names.size + 1}`));
  return name;
}

/** JSON text for the `json` column; the column keeps it verbatim. */
const json = (data: unknown): string | null => (data === null || data === undefined ? null : JSON.stringify(data));

type Cached = { workspaceId: string; record: StoredRecord } | null;

export class PostgresTx implements StorageTx {
  private readonly locked = new Set<string>();
  /** Rows read by id while their workspace was locked (fewer round trips while holding the lock):
   *  nobody else can change them before COMMIT, and our own writes drop the entry. */
  private readonly byId = new Map<string, { entry: Cached; lockedWorkspaces: Set<string> }>();
  /** listLive results per workspace+kind (field definitions, read by every mutation); dropped on our writes. */
  private readonly live = new Map<string, StoredRecord[]>();

  constructor(private readonly client: pg.PoolClient) {}

  private async rows<R extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<R[]> {
    return (await this.client.query<R>({ name: statementName(sql), text: sql, values: params })).rows;
  }

  /** Takes the workspace's lock once per transaction (see the header). Unknown workspace: nothing to lock. */
  private async lock(workspaceId: string): Promise<void> {
    if (this.locked.has(workspaceId)) return;
    const rows = await this.rows('SELECT 1 FROM workspace_seq WHERE workspace_id = $1 FOR UPDATE', [workspaceId]);
    if (rows.length > 0) this.locked.add(workspaceId);
  }

  private forget(workspaceId: string, kind: RecordKind, id: string): void {
    this.byId.delete(id);
    this.live.delete(`${workspaceId}|${kind}`);
  }

  private async reserveSeqs(workspaceId: string, count: number): Promise<number> {
    const [row] = await this.rows<{ seq: number }>(
      'UPDATE workspace_seq SET seq = seq + $2 WHERE workspace_id = $1 RETURNING seq',
      [workspaceId, count],
    );
    if (!row) throw new Error(`unknown workspace ${workspaceId}`);
    this.locked.add(workspaceId);
    return row.seq - count + 1;
  }

  async ownerOf(id: string) {
    const [row] = await this.rows<RecordRow & { workspace_id: string }>(
      `SELECT workspace_id, ${COLUMNS} FROM records WHERE id = $1`,
      [id],
    );
    // Ids are globally unique, so this one row also answers getRecord(any workspace, any kind, id).
    this.byId.set(id, { entry: row ? { workspaceId: row.workspace_id, record: toRecord(row) } : null, lockedWorkspaces: new Set(this.locked) });
    return row ? { workspaceId: row.workspace_id, kind: row.kind } : null;
  }

  async getRecord(workspaceId: string, kind: RecordKind, id: string) {
    await this.lock(workspaceId);
    const cached = this.byId.get(id);
    if (cached && cached.lockedWorkspaces.has(workspaceId)) {
      const { entry } = cached;
      return entry && entry.workspaceId === workspaceId && entry.record.kind === kind ? structuredClone(entry.record) : null;
    }
    const [row] = await this.rows<RecordRow>(
      `SELECT ${COLUMNS} FROM records WHERE workspace_id = $1 AND kind = $2 AND id = $3`,
      [workspaceId, kind, id],
    );
    return row ? toRecord(row) : null;
  }

  async listLive(workspaceId: string, kind: RecordKind) {
    await this.lock(workspaceId);
    const key = `${workspaceId}|${kind}`;
    let records = this.live.get(key);
    if (!records) {
      const rows = await this.rows<RecordRow>(
        `SELECT ${COLUMNS} FROM records WHERE workspace_id = $1 AND kind = $2 AND deleted = 0 ORDER BY seq`,
        [workspaceId, kind],
      );
      records = rows.map(toRecord);
      if (this.locked.has(workspaceId)) this.live.set(key, records);
    }
    return structuredClone(records);
  }

  /** Takes the next seq and writes the row in ONE statement (one round trip under the lock). */
  private async writeOne(workspaceId: string, kind: RecordKind, id: string, contactId: string | null, data: string | null, deleted: 0 | 1) {
    await this.lock(workspaceId);
    this.forget(workspaceId, kind, id);
    const [row] = await this.rows<{ seq: number }>(
      `WITH next AS (UPDATE workspace_seq SET seq = seq + 1 WHERE workspace_id = $1 RETURNING seq)
       INSERT INTO records (workspace_id, kind, id, seq, contact_id, data, deleted)
       SELECT $1, $2, $3, next.seq, $4, $5::json, $6 FROM next ${UPSERT_TAIL}
       RETURNING seq`,
      [workspaceId, kind, id, contactId, data, deleted],
    );
    if (!row) throw new Error(`unknown workspace ${workspaceId}`);
    this.locked.add(workspaceId);
    return row.seq;
  }

  putRecord(workspaceId: string, r: RecordInput) {
    return this.writeOne(workspaceId, r.kind, r.id, r.contactId ?? null, json(r.data), 0);
  }

  async putRecords(workspaceId: string, records: RecordInput[]) {
    if (records.length === 0) return;
    await this.lock(workspaceId);
    for (const r of records) this.forget(workspaceId, r.kind, r.id);
    const first = await this.reserveSeqs(workspaceId, records.length);
    // One statement cannot upsert a row twice: keep each record's last write (and its seq), as the
    // one-by-one upserts would leave it.
    const last = new Map<string, number>();
    records.forEach((r, i) => last.set(`${r.kind}\u0000${r.id}`, i));
    const order = [...last.values()].sort((a, b) => a - b);
    for (let start = 0; start < order.length; start += BATCH) {
      const chunk = order.slice(start, start + BATCH);
      await this.rows(
        `INSERT INTO records (workspace_id, kind, id, seq, contact_id, data, deleted)
         SELECT $1, t.kind, t.id, t.seq, t.contact_id, t.data::json, 0
         FROM unnest($2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[]) AS t(kind, id, seq, contact_id, data)
         ${UPSERT_TAIL}`,
        [
          workspaceId,
          chunk.map((i) => records[i].kind),
          chunk.map((i) => records[i].id),
          chunk.map((i) => first + i),
          chunk.map((i) => records[i].contactId ?? null),
          chunk.map((i) => json(records[i].data)),
        ],
      );
    }
  }

  tombstone(workspaceId: string, kind: RecordKind, id: string) {
    return this.writeOne(workspaceId, kind, id, null, null, 1);
  }

  async conversationIdsOf(workspaceId: string, contactId: string) {
    await this.lock(workspaceId);
    const rows = await this.rows<{ id: string }>(
      `SELECT id FROM records WHERE workspace_id = $1 AND contact_id = $2 AND kind = 'conversation' AND deleted = 0 ORDER BY seq`,
      [workspaceId, contactId],
    );
    return rows.map((r) => r.id);
  }

  async ensureClient(clientId: string, workspaceId: string) {
    await this.lock(workspaceId);
    const inserted = await this.rows(
      'INSERT INTO clients (client_id, workspace_id) VALUES ($1, $2) ON CONFLICT (client_id) DO NOTHING RETURNING client_id',
      [clientId, workspaceId],
    );
    if (inserted.length > 0) return { workspaceId, lastMutationId: 0 };
    const [row] = await this.rows<{ workspace_id: string; last_mutation_id: number }>(
      'SELECT workspace_id, last_mutation_id FROM clients WHERE client_id = $1',
      [clientId],
    );
    return { workspaceId: row.workspace_id, lastMutationId: row.last_mutation_id };
  }

  async getMutationResult(clientId: string, mutationId: number): Promise<StoredMutationResult | null> {
    const [row] = await this.rows<StoredMutationResult>(
      'SELECT status, reason FROM applied_mutations WHERE client_id = $1 AND mutation_id = $2',
      [clientId, mutationId],
    );
    return row ?? null;
  }

  async recordMutationResult(clientId: string, workspaceId: string, mutationId: number, result: StoredMutationResult) {
    await this.lock(workspaceId);
    // The primary key (client_id, mutation_id) is the exactly-once rule across processes: a
    // concurrent duplicate fails here with a unique violation and its transaction is run again.
    await this.rows(
      `WITH recorded AS (
         INSERT INTO applied_mutations (client_id, mutation_id, workspace_id, status, reason) VALUES ($1, $2, $3, $4, $5)
       )
       UPDATE clients SET last_mutation_id = GREATEST(last_mutation_id, $2) WHERE client_id = $1`,
      [clientId, mutationId, workspaceId, result.status, result.reason],
    );
  }

  async createWorkspace(w: { id: string; name: string; createdAt: number }) {
    await this.rows('INSERT INTO workspaces (id, name, created_at) VALUES ($1, $2, $3)', [w.id, w.name, w.createdAt]);
    await this.rows('INSERT INTO workspace_seq (workspace_id, seq) VALUES ($1, 0)', [w.id]);
    this.locked.add(w.id); // the new row is ours until commit
  }

  async setCreator(workspaceId: string, id: string, userId: string) {
    await this.lock(workspaceId);
    await this.rows(
      `INSERT INTO record_creators (id, workspace_id, user_id) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET workspace_id = excluded.workspace_id, user_id = excluded.user_id`,
      [id, workspaceId, userId],
    );
  }

  async getCreator(workspaceId: string, id: string) {
    await this.lock(workspaceId);
    const [row] = await this.rows<{ user_id: string }>('SELECT user_id FROM record_creators WHERE workspace_id = $1 AND id = $2', [
      workspaceId,
      id,
    ]);
    return row?.user_id ?? null;
  }

  async findContactByEmail(workspaceId: string, email: string) {
    await this.lock(workspaceId);
    const [row] = await this.rows<RecordRow>(
      `SELECT ${COLUMNS} FROM records
       WHERE workspace_id = $1 AND kind = 'contact' AND deleted = 0 AND ${pgAsciiLower("data->>'email'")} = ${pgAsciiLower('$2')}
       ORDER BY (data->>'createdAt')::numeric, id LIMIT 1`,
      [workspaceId, email],
    );
    return row ? toRecord(row) : null;
  }

  async findContactByPhone(workspaceId: string, phone: string) {
    await this.lock(workspaceId);
    const [row] = await this.rows<RecordRow>(
      `SELECT ${COLUMNS} FROM records
       WHERE workspace_id = $1 AND kind = 'contact' AND deleted = 0 AND (data->>'phone') = $2
       ORDER BY (data->>'createdAt')::numeric, id LIMIT 1`,
      [workspaceId, phone],
    );
    return row ? toRecord(row) : null;
  }
}
