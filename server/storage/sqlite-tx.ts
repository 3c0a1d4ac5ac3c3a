// The StorageTx of the SQLite adapter: the record and mutation-log statements of a write transaction.
// Push speed (issue 9) comes from doing less per mutation while the write lock is held:
//  - seqs are counted in memory and the workspace_seq row is written once, just before COMMIT
//    (BEGIN IMMEDIATE holds SQLite's single write lock, so nobody else can take a seq meanwhile);
//  - a client's high-water mark likewise is written once per transaction;
//  - ownerOf reads the whole row by its globally unique id, so the getRecord that follows it costs nothing;
//  - an update that keeps a record live with the same ingest match keys (email_key, phone_key) and
//    contact_id writes only seq + data: SQLite then touches the row and the seq index, no other index.
import type Database from 'better-sqlite3';
import type { RecordKind } from '../../shared/protocol';
import type { RecordInput, StorageTx, StoredMutationResult, StoredRecord } from './types';

type RecordRow = { kind: RecordKind; id: string; seq: number; deleted: number; data: string | null };
type OwnedRow = RecordRow & { workspace_id: string };

export function toRecord(row: RecordRow): StoredRecord {
  return { kind: row.kind, id: row.id, seq: row.seq, deleted: row.deleted === 1, data: row.data === null ? null : JSON.parse(row.data) };
}

/** SQLite's lower() without ICU folds ASCII A-Z only; the ingest match (R2) relies on exactly that. */
const asciiLower = (s: string) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());

/** The ingest match keys of a live contact (R2), as migration 4 back-filled them. */
export function matchKeys(kind: RecordKind, data: unknown): { email: string | null; phone: string | null } {
  if (kind !== 'contact' || data === null || typeof data !== 'object') return { email: null, phone: null };
  const { email, phone } = data as { email?: unknown; phone?: unknown };
  return { email: typeof email === 'string' ? asciiLower(email) : null, phone: typeof phone === 'string' ? phone : null };
}

export function prepareRecordStatements(db: Database.Database) {
  return {
    getSeq: db.prepare<[string], { seq: number }>('SELECT seq FROM workspace_seq WHERE workspace_id = ?'),
    setSeq: db.prepare<[number, string]>('UPDATE workspace_seq SET seq = ? WHERE workspace_id = ?'),
    byId: db.prepare<[string], OwnedRow>('SELECT workspace_id, kind, id, seq, deleted, data FROM records WHERE id = ?'),
    get: db.prepare<[string, string, string], RecordRow>(
      'SELECT kind, id, seq, deleted, data FROM records WHERE workspace_id = ? AND kind = ? AND id = ?',
    ),
    listLive: db.prepare<[string, string], RecordRow>(
      'SELECT kind, id, seq, deleted, data FROM records WHERE workspace_id = ? AND kind = ? AND deleted = 0',
    ),
    put: db.prepare<[string, string, string, number, string | null, string | null, number, string | null, string | null]>(
      `INSERT INTO records (workspace_id, kind, id, seq, contact_id, data, deleted, email_key, phone_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (workspace_id, kind, id) DO UPDATE SET seq = excluded.seq, contact_id = excluded.contact_id,
         data = excluded.data, deleted = excluded.deleted, email_key = excluded.email_key, phone_key = excluded.phone_key`,
    ),
    // Only seq and data in SET: no index but the seq index is rewritten. Matches nothing (0 changes)
    // when the row is missing, a tombstone, or its keys or contact differ: then `put` does it all.
    putData: db.prepare<[number, string, string, string, string, string | null, string | null, string | null]>(
      `UPDATE records SET seq = ?, data = ? WHERE workspace_id = ? AND kind = ? AND id = ? AND deleted = 0
         AND contact_id IS ? AND email_key IS ? AND phone_key IS ?`,
    ),
    convIds: db.prepare<[string, string], { id: string }>(
      `SELECT id FROM records WHERE workspace_id = ? AND contact_id = ? AND kind = 'conversation' AND deleted = 0`,
    ),
    getClient: db.prepare<[string], { workspace_id: string; last_mutation_id: number }>(
      'SELECT workspace_id, last_mutation_id FROM clients WHERE client_id = ?',
    ),
    insertClient: db.prepare<[string, string]>('INSERT INTO clients (client_id, workspace_id) VALUES (?, ?)'),
    bumpClient: db.prepare<[number, string]>('UPDATE clients SET last_mutation_id = MAX(last_mutation_id, ?) WHERE client_id = ?'),
    getResult: db.prepare<[string, number], StoredMutationResult>(
      'SELECT status, reason FROM applied_mutations WHERE client_id = ? AND mutation_id = ?',
    ),
    putResult: db.prepare<[string, number, string, string, string | null]>(
      'INSERT INTO applied_mutations (client_id, mutation_id, workspace_id, status, reason) VALUES (?, ?, ?, ?, ?)',
    ),
  };
}

type RecordStatements = ReturnType<typeof prepareRecordStatements>;
/** The parts of StorageTx that are not about records (workspaces, creators, ingest lookups). */
export type OtherTxOps = Omit<
  StorageTx,
  'ownerOf' | 'getRecord' | 'listLive' | 'putRecord' | 'putRecords' | 'tombstone' | 'conversationIdsOf' | 'ensureClient' | 'getMutationResult' | 'recordMutationResult'
>;

/** One per storage; `begin` before and `flush` (then COMMIT) or `discard` (then ROLLBACK) after each transaction. */
export class SqliteTx implements StorageTx {
  /** Next free seq per workspace touched by this transaction (see the header). */
  private readonly seqs = new Map<string, number>();
  /** Highest mutation id recorded per client in this transaction. */
  private readonly marks = new Map<string, number>();
  /** The row ownerOf just read (id -> row or missing); dropped by any record write. */
  private lastRead: { id: string; row: OwnedRow | undefined } | null = null;
  readonly createWorkspace: OtherTxOps['createWorkspace'];
  readonly setCreator: OtherTxOps['setCreator'];
  readonly getCreator: OtherTxOps['getCreator'];
  readonly findContactByEmail: OtherTxOps['findContactByEmail'];
  readonly findContactByPhone: OtherTxOps['findContactByPhone'];

  constructor(private readonly s: RecordStatements, other: OtherTxOps) {
    this.createWorkspace = other.createWorkspace;
    this.setCreator = other.setCreator;
    this.getCreator = other.getCreator;
    this.findContactByEmail = other.findContactByEmail;
    this.findContactByPhone = other.findContactByPhone;
  }

  /** Writes the counted seqs and high-water marks; call inside the transaction, right before COMMIT. */
  flush(): void {
    for (const [workspaceId, seq] of this.seqs) this.s.setSeq.run(seq, workspaceId);
    for (const [clientId, id] of this.marks) this.s.bumpClient.run(id, clientId);
    this.discard();
  }

  discard(): void {
    this.seqs.clear();
    this.marks.clear();
    this.lastRead = null;
  }

  /** Takes `count` consecutive seqs; returns the first. */
  private takeSeqs(workspaceId: string, count = 1): number {
    let head = this.seqs.get(workspaceId);
    if (head === undefined) {
      const row = this.s.getSeq.get(workspaceId);
      if (!row) throw new Error(`unknown workspace ${workspaceId}`);
      head = row.seq;
    }
    this.seqs.set(workspaceId, head + count);
    return head + 1;
  }

  private write(workspaceId: string, kind: RecordKind, id: string, contactId: string | null, data: unknown): number {
    this.lastRead = null;
    const seq = this.takeSeqs(workspaceId);
    const json = JSON.stringify(data);
    const keys = matchKeys(kind, data);
    if (this.s.putData.run(seq, json, workspaceId, kind, id, contactId, keys.email, keys.phone).changes === 0) {
      this.s.put.run(workspaceId, kind, id, seq, contactId, json, 0, keys.email, keys.phone);
    }
    return seq;
  }

  async ownerOf(id: string) {
    const row = this.s.byId.get(id);
    this.lastRead = { id, row };
    return row ? { workspaceId: row.workspace_id, kind: row.kind } : null;
  }

  async getRecord(workspaceId: string, kind: RecordKind, id: string) {
    if (this.lastRead?.id === id) {
      const { row } = this.lastRead;
      return row && row.workspace_id === workspaceId && row.kind === kind ? toRecord(row) : null;
    }
    const row = this.s.get.get(workspaceId, kind, id);
    return row ? toRecord(row) : null;
  }

  async listLive(workspaceId: string, kind: RecordKind) {
    return this.s.listLive.all(workspaceId, kind).map(toRecord);
  }

  async putRecord(workspaceId: string, r: RecordInput) {
    return this.write(workspaceId, r.kind, r.id, r.contactId ?? null, r.data);
  }

  /** Seed and ingest: mostly new rows, so straight to the upsert. */
  async putRecords(workspaceId: string, records: RecordInput[]) {
    this.lastRead = null;
    if (records.length === 0) return;
    let seq = this.takeSeqs(workspaceId, records.length);
    for (const r of records) {
      const keys = matchKeys(r.kind, r.data);
      this.s.put.run(workspaceId, r.kind, r.id, seq++, r.contactId ?? null, JSON.stringify(r.data), 0, keys.email, keys.phone);
    }
  }

  async tombstone(workspaceId: string, kind: RecordKind, id: string) {
    this.lastRead = null;
    const seq = this.takeSeqs(workspaceId);
    this.s.put.run(workspaceId, kind, id, seq, null, null, 1, null, null);
    return seq;
  }

  async conversationIdsOf(workspaceId: string, contactId: string) {
    return this.s.convIds.all(workspaceId, contactId).map((r) => r.id);
  }

  async ensureClient(clientId: string, workspaceId: string) {
    const row = this.s.getClient.get(clientId);
    if (!row) {
      this.s.insertClient.run(clientId, workspaceId);
      return { workspaceId, lastMutationId: this.marks.get(clientId) ?? 0 };
    }
    return { workspaceId: row.workspace_id, lastMutationId: Math.max(row.last_mutation_id, this.marks.get(clientId) ?? 0) };
  }

  async getMutationResult(clientId: string, mutationId: number) {
    return this.s.getResult.get(clientId, mutationId) ?? null;
  }

  async recordMutationResult(clientId: string, workspaceId: string, mutationId: number, result: StoredMutationResult) {
    this.s.putResult.run(clientId, mutationId, workspaceId, result.status, result.reason);
    this.marks.set(clientId, Math.max(this.marks.get(clientId) ?? 0, mutationId));
  }
}
