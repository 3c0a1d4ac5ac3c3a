// SQLite statements for accounts (issue 11): users, memberships, invites, workspace settings and the
// user's devices. Synchronous; SqliteStorage wraps each call in its exclusive queue.
import type Database from 'better-sqlite3';
import { parseSettings, toDevice, toInvite, toUser, type DeviceDb, type InviteDb, type UserDb } from './account-rows';
import {
  type DeviceRow,
  type InviteRow,
  type Role,
  type UserRow,
  type WorkspaceSettings,
} from './types';

export class SqliteAccounts {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      insertUser: db.prepare<[string, string, string, number]>(
        'INSERT INTO users (id, email, password_hash, created_at) VALUES (?, ?, ?, ?)',
      ),
      userByEmail: db.prepare<[string], UserDb>('SELECT * FROM users WHERE email = ?'),
      userById: db.prepare<[string], UserDb>('SELECT * FROM users WHERE id = ?'),
      setPassword: db.prepare<[string, string]>('UPDATE users SET password_hash = ? WHERE id = ?'),
      upsertMember: db.prepare<[string, string, string, number]>(
        `INSERT INTO memberships (workspace_id, user_id, role, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (workspace_id, user_id) DO UPDATE SET role = excluded.role`,
      ),
      role: db.prepare<[string, string], { role: Role }>('SELECT role FROM memberships WHERE workspace_id = ? AND user_id = ?'),
      memberships: db.prepare<[string], { workspace_id: string; role: Role }>(
        'SELECT workspace_id, role FROM memberships WHERE user_id = ? ORDER BY created_at, workspace_id',
      ),
      members: db.prepare<[string], { user_id: string; email: string; role: Role }>(
        `SELECT m.user_id, u.email, m.role FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.workspace_id = ? ORDER BY m.created_at, u.email`,
      ),
      getSettings: db.prepare<[string], { settings: string | null }>('SELECT settings FROM workspaces WHERE id = ?'),
      setSettings: db.prepare<[string, string]>('UPDATE workspaces SET settings = ? WHERE id = ?'),
      insertInvite: db.prepare<[string, string, string, string, number, number]>(
        `INSERT INTO invites (code_hash, workspace_id, role, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      invite: db.prepare<[string], InviteDb>('SELECT * FROM invites WHERE code_hash = ?'),
      useInvite: db.prepare<[number, string, string]>(
        'UPDATE invites SET used_at = ?, used_by = ? WHERE code_hash = ? AND used_at IS NULL',
      ),
      markSynced: db.prepare<[number, number, string]>(
        'UPDATE devices SET last_sync_at = ?, last_seen_at = ? WHERE token_hash = ?',
      ),
      userDevices: db.prepare<[string], DeviceDb>('SELECT * FROM devices WHERE user_id = ? ORDER BY created_at DESC, token_hash'),
    };
  }

  createUser(u: UserRow): void {
    this.s.insertUser.run(u.id, u.email, u.passwordHash, u.createdAt);
  }
  findUserByEmail(email: string): UserRow | null {
    const r = this.s.userByEmail.get(email);
    return r ? toUser(r) : null;
  }
  getUser(id: string): UserRow | null {
    const r = this.s.userById.get(id);
    return r ? toUser(r) : null;
  }
  setUserPassword(userId: string, hash: string): void {
    this.s.setPassword.run(hash, userId);
  }
  setMembership(workspaceId: string, userId: string, role: Role, at: number): void {
    this.s.upsertMember.run(workspaceId, userId, role, at);
  }
  getRole(workspaceId: string, userId: string): Role | null {
    return this.s.role.get(workspaceId, userId)?.role ?? null;
  }
  listMemberships(userId: string): { workspaceId: string; role: Role }[] {
    return this.s.memberships.all(userId).map((r) => ({ workspaceId: r.workspace_id, role: r.role }));
  }
  listMembers(workspaceId: string): { userId: string; email: string; role: Role }[] {
    return this.s.members.all(workspaceId).map((r) => ({ userId: r.user_id, email: r.email, role: r.role }));
  }
  getWorkspaceSettings(workspaceId: string): WorkspaceSettings {
    return parseSettings(this.s.getSettings.get(workspaceId)?.settings);
  }
  setWorkspaceSettings(workspaceId: string, settings: WorkspaceSettings): void {
    const { changes } = this.s.setSettings.run(JSON.stringify(settings), workspaceId);
    if (changes === 0) throw new Error(`unknown workspace ${workspaceId}`);
  }
  createInvite(i: Omit<InviteRow, 'usedAt' | 'usedBy'>): void {
    this.s.insertInvite.run(i.codeHash, i.workspaceId, i.role, i.createdBy, i.createdAt, i.expiresAt);
  }
  findInvite(codeHash: string): InviteRow | null {
    const r = this.s.invite.get(codeHash);
    return r ? toInvite(r) : null;
  }
  useInvite(codeHash: string, userId: string, at: number): boolean {
    return this.s.useInvite.run(at, userId, codeHash).changes === 1;
  }
  markDeviceSynced(tokenHash: string, at: number): void {
    this.s.markSynced.run(at, at, tokenHash);
  }
  listUserDevices(userId: string): (DeviceRow & { tokenHash: string })[] {
    return this.s.userDevices.all(userId).map((r) => ({ ...toDevice(r), tokenHash: r.token_hash }));
  }
}
