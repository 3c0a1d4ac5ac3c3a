// PostgreSQL statements for accounts (issue 11), mirroring sqlite-accounts.ts: users, memberships,
// invites, workspace settings and the user's devices. Plain pooled queries: each is one statement.
import type pg from 'pg';
import { parseSettings, toDevice, toInvite, toUser, type DeviceDb, type InviteDb, type UserDb } from './account-rows';
import {
  type DeviceRow,
  type InviteRow,
  type Role,
  type UserRow,
  type WorkspaceSettings,
} from './types';

type Query = <R extends pg.QueryResultRow>(sql: string, params?: unknown[]) => Promise<pg.QueryResult<R>>;

export class PostgresAccounts {
  constructor(private readonly query: Query) {}

  private async one<R extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<R | null> {
    return (await this.query<R>(sql, params)).rows[0] ?? null;
  }

  async createUser(u: UserRow): Promise<void> {
    await this.query('INSERT INTO users (id, email, password_hash, created_at) VALUES ($1, $2, $3, $4)', [
      u.id,
      u.email,
      u.passwordHash,
      u.createdAt,
    ]);
  }
  async findUserByEmail(email: string): Promise<UserRow | null> {
    const r = await this.one<UserDb>('SELECT * FROM users WHERE email = $1', [email]);
    return r ? toUser(r) : null;
  }
  async getUser(id: string): Promise<UserRow | null> {
    const r = await this.one<UserDb>('SELECT * FROM users WHERE id = $1', [id]);
    return r ? toUser(r) : null;
  }
  async setUserPassword(userId: string, hash: string): Promise<void> {
    await this.query('UPDATE users SET password_hash = $1 WHERE id = $2', [hash, userId]);
  }
  async setMembership(workspaceId: string, userId: string, role: Role, at: number): Promise<void> {
    await this.query(
      `INSERT INTO memberships (workspace_id, user_id, role, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (workspace_id, user_id) DO UPDATE SET role = excluded.role`,
      [workspaceId, userId, role, at],
    );
  }
  async getRole(workspaceId: string, userId: string): Promise<Role | null> {
    const r = await this.one<{ role: Role }>('SELECT role FROM memberships WHERE workspace_id = $1 AND user_id = $2', [
      workspaceId,
      userId,
    ]);
    return r?.role ?? null;
  }
  async listMemberships(userId: string): Promise<{ workspaceId: string; role: Role }[]> {
    const { rows } = await this.query<{ workspace_id: string; role: Role }>(
      'SELECT workspace_id, role FROM memberships WHERE user_id = $1 ORDER BY created_at, workspace_id',
      [userId],
    );
    return rows.map((r) => ({ workspaceId: r.workspace_id, role: r.role }));
  }
  async listMembers(workspaceId: string): Promise<{ userId: string; email: string; role: Role }[]> {
    const { rows } = await this.query<{ user_id: string; email: string; role: Role }>(
      `SELECT m.user_id, u.email, m.role FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.workspace_id = $1 ORDER BY m.created_at, u.email`,
      [workspaceId],
    );
    return rows.map((r) => ({ userId: r.user_id, email: r.email, role: r.role }));
  }
  async getWorkspaceSettings(workspaceId: string): Promise<WorkspaceSettings> {
    const r = await this.one<{ settings: string | null }>('SELECT settings FROM workspaces WHERE id = $1', [workspaceId]);
    return parseSettings(r?.settings);
  }
  async setWorkspaceSettings(workspaceId: string, settings: WorkspaceSettings): Promise<void> {
    const { rowCount } = await this.query('UPDATE workspaces SET settings = $1 WHERE id = $2', [JSON.stringify(settings), workspaceId]);
    if (rowCount === 0) throw new Error(`unknown workspace ${workspaceId}`);
  }
  async createInvite(i: Omit<InviteRow, 'usedAt' | 'usedBy'>): Promise<void> {
    await this.query(
      'INSERT INTO invites (code_hash, workspace_id, role, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [i.codeHash, i.workspaceId, i.role, i.createdBy, i.createdAt, i.expiresAt],
    );
  }
  async findInvite(codeHash: string): Promise<InviteRow | null> {
    const r = await this.one<InviteDb>('SELECT * FROM invites WHERE code_hash = $1', [codeHash]);
    return r ? toInvite(r) : null;
  }
  /** Single use across processes: the conditional UPDATE lets exactly one caller win. */
  async useInvite(codeHash: string, userId: string, at: number): Promise<boolean> {
    const { rowCount } = await this.query(
      'UPDATE invites SET used_at = $1, used_by = $2 WHERE code_hash = $3 AND used_at IS NULL',
      [at, userId, codeHash],
    );
    return rowCount === 1;
  }
  async markDeviceSynced(tokenHash: string, at: number): Promise<void> {
    await this.query('UPDATE devices SET last_sync_at = $1, last_seen_at = $1 WHERE token_hash = $2', [at, tokenHash]);
  }
  async findDevice(tokenHash: string): Promise<DeviceRow | null> {
    const r = await this.one<DeviceDb>('SELECT * FROM devices WHERE token_hash = $1', [tokenHash]);
    return r ? toDevice(r) : null;
  }
  async listUserDevices(userId: string): Promise<(DeviceRow & { tokenHash: string })[]> {
    const { rows } = await this.query<DeviceDb>('SELECT * FROM devices WHERE user_id = $1 ORDER BY created_at DESC, token_hash', [
      userId,
    ]);
    return rows.map((r) => ({ ...toDevice(r), tokenHash: r.token_hash }));
  }
}
