// The demo admin (issue 11 item 5): demo@example.com administers the demo workspace. Its password is
// random per data dir, stored hashed, and kept in DATA_DIR/demo-password (0600) so every start can
// print it. "Open demo workspace" signs in as this user without the password (only while DEMO is on).
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { newId } from '../../shared/ids';
import type { Storage, UserRow } from '../storage/types';
import { hashPassword, verifyPassword } from './password';

export const DEMO_EMAIL = 'demo@example.com';
export const DEMO_PASSWORD_FILE = 'demo-password';

/** The demo user, admin of `workspaceId`; created (with an unknown random password) when missing. */
export async function ensureDemoAdmin(storage: Storage, workspaceId: string, password?: string): Promise<UserRow> {
  let user = await storage.findUserByEmail(DEMO_EMAIL);
  if (!user) {
    const secret = password ?? randomBytes(18).toString('base64url');
    user = { id: newId(), email: DEMO_EMAIL, passwordHash: await hashPassword(secret), createdAt: Date.now() };
    await storage.createUser(user);
  }
  if ((await storage.getRole(workspaceId, user.id)) !== 'admin') await storage.setMembership(workspaceId, user.id, 'admin', Date.now());
  return user;
}

/** Start-up: makes sure the demo admin exists and DATA_DIR/demo-password holds its password; returns it. */
export async function ensureDemoPassword(storage: Storage, dataDir: string, workspaceId: string): Promise<string> {
  const file = path.join(dataDir, DEMO_PASSWORD_FILE);
  const saved = readSecret(file);
  const user = await storage.findUserByEmail(DEMO_EMAIL);
  if (user && saved && (await verifyPassword(saved, user.passwordHash))) {
    await ensureDemoAdmin(storage, workspaceId);
    return saved;
  }
  // No user yet, or the file was lost or edited: set a fresh password and save it.
  const password = randomBytes(12).toString('base64url');
  if (user) await storage.setUserPassword(user.id, await hashPassword(password));
  await ensureDemoAdmin(storage, workspaceId, password);
  fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return password;
}

function readSecret(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8').trim() || null;
  } catch {
    return null;
  }
}
