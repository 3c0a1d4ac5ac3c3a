// The narrow storage contract the server is written against (R5). SQLite (sqlite.ts) is the default;
// a PostgreSQL adapter implements the same interface. Everything is async so such an adapter fits.
//
// Model: one generic `records` table per workspace. Every write of a record (upsert or tombstone)
// takes the workspace's next sequence number, so "changes after cursor N" is one range query and
// pages by seq can never skip or repeat a change.
import type { RecordKind } from '../../shared/protocol';

export type StoredRecord = {
  kind: RecordKind;
  id: string;
  seq: number;
  deleted: boolean;
  /** Parsed JSON body; null for tombstones. */
  data: unknown;
};

export type WorkspaceRow = { id: string; name: string; createdAt: number };
export type DeviceRow = {
  workspaceId: string;
  name: string;
  createdAt: number;
  lastSeenAt: number | null;
  revokedAt: number | null;
  /** Signed-in user (issue 11); null for tokens issued before accounts existed (treated as admin). */
  userId: string | null;
  /** Last successful push or pull with this token. */
  lastSyncAt: number | null;
};

// Accounts (issue 11). Emails are stored trimmed + lower-cased; callers pass them normalised.
export type Role = 'admin' | 'agent';
export type UserRow = { id: string; email: string; passwordHash: string; createdAt: number };
/** Per-workspace switches an admin sets; absent = these defaults (see DEFAULT_WORKSPACE_SETTINGS). */
export type WorkspaceSettings = { agentsMayDelete: boolean; agentsMayExport: boolean };
export const DEFAULT_WORKSPACE_SETTINGS: WorkspaceSettings = { agentsMayDelete: false, agentsMayExport: true };
export type InviteRow = {
  /** sha256 of the invite code: a leaked database does not leak usable invites. */
  codeHash: string;
  workspaceId: string;
  role: Role;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
  usedBy: string | null;
};
export type MutationStatus = 'applied' | 'ignored' | 'rejected';
export type StoredMutationResult = { status: MutationStatus; reason: string | null };

/** A pull page as JSON text: `json` is `{...},{...}` (no brackets; empty for no changes). */
export type ChangesJson = { json: Buffer; count: number; lastSeq: number; headSeq: number };

export type RecordInput = { kind: RecordKind; id: string; data: unknown; contactId?: string | null };

/** Operations available inside one transaction (all-or-nothing, serialised with other writers). */
export interface StorageTx {
  /** Workspace that holds this id (any kind, live or tombstone), or null: ids are globally unique. */
  ownerOf(id: string): Promise<{ workspaceId: string; kind: RecordKind } | null>;
  getRecord(workspaceId: string, kind: RecordKind, id: string): Promise<StoredRecord | null>;
  /** Live records of one kind (used for field definitions, which are few). */
  listLive(workspaceId: string, kind: RecordKind): Promise<StoredRecord[]>;
  /** Upsert with the next seq; returns that seq. */
  putRecord(workspaceId: string, record: RecordInput): Promise<number>;
  /** Many upserts (seed, ingest); each gets the next seq, in array order. */
  putRecords(workspaceId: string, records: RecordInput[]): Promise<void>;
  /** Replace with a tombstone (data dropped) at the next seq; returns that seq. */
  tombstone(workspaceId: string, kind: RecordKind, id: string): Promise<number>;
  /** Ids of the live conversations of a contact. */
  conversationIdsOf(workspaceId: string, contactId: string): Promise<string[]>;

  /** Registers the client in the workspace on first use; returns its workspace. */
  ensureClient(clientId: string, workspaceId: string): Promise<{ workspaceId: string; lastMutationId: number }>;
  getMutationResult(clientId: string, mutationId: number): Promise<StoredMutationResult | null>;
  recordMutationResult(
    clientId: string,
    workspaceId: string,
    mutationId: number,
    result: StoredMutationResult,
  ): Promise<void>;

  createWorkspace(workspace: { id: string; name: string; createdAt: number }): Promise<void>;

  /** Who created a record (issue 11: agents may change only segments they created). */
  setCreator(workspaceId: string, id: string, userId: string): Promise<void>;
  getCreator(workspaceId: string, id: string): Promise<string | null>;

  /** Ingest matching (R2): the oldest live contact whose email equals `email` ignoring ASCII case. */
  findContactByEmail(workspaceId: string, email: string): Promise<StoredRecord | null>;
  /** The oldest live contact with exactly this E.164 phone. */
  findContactByPhone(workspaceId: string, phone: string): Promise<StoredRecord | null>;
}

export interface Storage {
  /** Path (or connection description) for start-up messages. */
  readonly location: string;
  /** Runs fn in one transaction; commits (durably, R4) before the returned promise resolves.
   *  Inside fn use only `tx`: calling other Storage methods there would wait for fn itself. */
  transaction<T>(fn: (tx: StorageTx) => Promise<T>): Promise<T>;

  /** Records with seq > cursor in seq order, at most limit, plus the workspace's head seq. */
  changesSince(workspaceId: string, cursor: number, limit: number): Promise<{ records: StoredRecord[]; headSeq: number }>;
  /** The same page as wire JSON for the pull fast path (issue 9): its changes as comma-separated
   *  Change objects, record bodies spliced verbatim (never parsed and re-serialised). */
  changesSinceJson(workspaceId: string, cursor: number, limit: number): Promise<ChangesJson>;
  headSeq(workspaceId: string): Promise<number>;

  getWorkspace(id: string): Promise<WorkspaceRow | null>;
  listWorkspaces(): Promise<WorkspaceRow[]>;
  createWorkspace(workspace: { id: string; name: string; createdAt: number }): Promise<void>;

  createDevice(
    tokenHash: string,
    device: { workspaceId: string; name: string; createdAt: number; userId?: string | null },
  ): Promise<void>;
  findDevice(tokenHash: string): Promise<DeviceRow | null>;
  touchDevice(tokenHash: string, at: number): Promise<void>;
  revokeDevice(tokenHash: string, at: number): Promise<void>;
  /** Records a successful sync (sets lastSyncAt; also lastSeenAt). */
  markDeviceSynced(tokenHash: string, at: number): Promise<void>;
  /** A user's devices (revoked ones included), newest first. */
  listUserDevices(userId: string): Promise<(DeviceRow & { tokenHash: string })[]>;

  // Accounts (issue 11).
  /** Fails (rejects) when the email is taken. */
  createUser(user: UserRow): Promise<void>;
  findUserByEmail(email: string): Promise<UserRow | null>;
  getUser(id: string): Promise<UserRow | null>;
  setUserPassword(userId: string, passwordHash: string): Promise<void>;
  /** Adds the user to the workspace, or changes the role when already a member. */
  setMembership(workspaceId: string, userId: string, role: Role, at: number): Promise<void>;
  getRole(workspaceId: string, userId: string): Promise<Role | null>;
  /** Workspaces the user belongs to, oldest membership first. */
  listMemberships(userId: string): Promise<{ workspaceId: string; role: Role }[]>;
  listMembers(workspaceId: string): Promise<{ userId: string; email: string; role: Role }[]>;
  getWorkspaceSettings(workspaceId: string): Promise<WorkspaceSettings>;
  setWorkspaceSettings(workspaceId: string, settings: WorkspaceSettings): Promise<void>;
  createInvite(invite: Omit<InviteRow, 'usedAt' | 'usedBy'>): Promise<void>;
  findInvite(codeHash: string): Promise<InviteRow | null>;
  /** Marks a single-use invite used; false when it was already used. */
  useInvite(codeHash: string, userId: string, at: number): Promise<boolean>;

  /** Ingest keys (R2) are stored hashed, one per workspace; null removes the key. */
  setIngestKeyHash(workspaceId: string, keyHash: string | null): Promise<void>;
  getIngestKeyHash(workspaceId: string): Promise<string | null>;
  /** The workspace whose ingest key has this hash, or null. */
  workspaceByIngestKeyHash(keyHash: string): Promise<string | null>;

  /** Client's workspace and highest processed mutation id, or null if never seen. */
  getClient(clientId: string): Promise<{ workspaceId: string; lastMutationId: number } | null>;

  /** Cheap liveness probe for /healthz. */
  health(): Promise<{ ok: boolean; detail?: string }>;
  close(): Promise<void>;
}
