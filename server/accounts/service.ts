// Sign-up, sign-in and invites (issue 11). Every successful path ends in issueDevice: a fresh device
// token (S9) for one workspace, tied to the user, named after the browser/OS the client reported.
import { createHash, randomBytes } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import type { z } from 'zod';
import { newPasswordSchema, type acceptInviteSchema, type signInSchema, type signUpSchema } from '../../shared/accounts';
import { newId } from '../../shared/ids';
import type { SignInResponse } from '../../shared/protocol';
import { hashToken, newDeviceToken } from '../auth';
import type { Role, Storage, UserRow } from '../storage/types';
import { loginKey, loginLimiter } from './login-limit';
import { dummyHash, hashPassword, verifyPassword } from './password';

/** The one message for a wrong password AND an unknown email: never tells which accounts exist. */
export const BAD_CREDENTIALS = 'wrong email or password';
export const BAD_INVITE = 'this invite is not valid: it may have expired or been used already';

export async function issueDevice(
  storage: Storage,
  workspaceId: string,
  userId: string,
  deviceName: string,
  now: number,
): Promise<SignInResponse> {
  const workspace = await storage.getWorkspace(workspaceId);
  if (!workspace) throw new TRPCError({ code: 'NOT_FOUND', message: 'workspace not found' });
  const token = newDeviceToken();
  await storage.createDevice(hashToken(token), { workspaceId, name: deviceName, createdAt: now, userId });
  return { token, workspace: { id: workspace.id, name: workspace.name } };
}

/** Rate-limited password check; the same error and (about) the same time whether or not the user exists. */
export async function authenticate(storage: Storage, email: string, password: string, ip: string | null): Promise<UserRow> {
  const decision = loginLimiter(storage).take(loginKey(email, ip));
  if (!decision.ok) {
    const seconds = Math.ceil(decision.retryAfterMs / 1000);
    throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: `too many sign-in attempts: try again in ${seconds} s` });
  }
  const user = await storage.findUserByEmail(email);
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));
  if (!user || !ok) throw new TRPCError({ code: 'UNAUTHORIZED', message: BAD_CREDENTIALS });
  return user;
}

async function createUser(storage: Storage, email: string, password: string, now: number): Promise<UserRow> {
  const user: UserRow = { id: newId(), email, passwordHash: await hashPassword(password), createdAt: now };
  try {
    await storage.createUser(user);
  } catch {
    throw new TRPCError({ code: 'CONFLICT', message: 'an account with this email already exists: sign in instead' });
  }
  return user;
}

/** A new user and their new workspace, which they administer. */
export async function signUp(storage: Storage, input: z.output<typeof signUpSchema>, now: number): Promise<SignInResponse> {
  if (await storage.findUserByEmail(input.email)) {
    throw new TRPCError({ code: 'CONFLICT', message: 'an account with this email already exists: sign in instead' });
  }
  const user = await createUser(storage, input.email, input.password, now);
  const workspace = { id: newId(), name: input.workspaceName, createdAt: now };
  await storage.createWorkspace(workspace);
  await storage.setMembership(workspace.id, user.id, 'admin', now);
  return issueDevice(storage, workspace.id, user.id, input.deviceName, now);
}

export async function signIn(
  storage: Storage,
  input: z.output<typeof signInSchema>,
  ip: string | null,
  now: number,
): Promise<SignInResponse> {
  const user = await authenticate(storage, input.email, input.password, ip);
  const memberships = await storage.listMemberships(user.id);
  const chosen = memberships.find((m) => m.workspaceId === input.workspaceId) ?? memberships[0];
  if (!chosen) throw new TRPCError({ code: 'FORBIDDEN', message: 'this account belongs to no workspace: ask an admin for an invite' });
  return issueDevice(storage, chosen.workspaceId, user.id, input.deviceName, now);
}

export function inviteCodeHash(code: string): string {
  return createHash('sha256').update(code.trim()).digest('hex');
}

export async function createInvite(
  storage: Storage,
  opts: { workspaceId: string; createdBy: string; role: Role; expiresInHours: number },
  now: number,
): Promise<{ code: string; role: Role; expiresAt: number }> {
  const code = randomBytes(12).toString('base64url');
  const expiresAt = now + opts.expiresInHours * 3_600_000;
  await storage.createInvite({ codeHash: inviteCodeHash(code), workspaceId: opts.workspaceId, role: opts.role, createdBy: opts.createdBy, createdAt: now, expiresAt });
  return { code, role: opts.role, expiresAt };
}

/** Joins the invite's workspace: a new user signs up, an existing one proves their password. */
export async function acceptInvite(
  storage: Storage,
  input: z.output<typeof acceptInviteSchema>,
  ip: string | null,
  now: number,
): Promise<SignInResponse> {
  const codeHash = inviteCodeHash(input.code);
  const invite = await storage.findInvite(codeHash);
  if (!invite || invite.usedAt !== null || invite.expiresAt <= now) throw new TRPCError({ code: 'BAD_REQUEST', message: BAD_INVITE });
  let user = await storage.findUserByEmail(input.email);
  if (user) {
    user = await authenticate(storage, input.email, input.password, ip);
  } else {
    const password = newPasswordSchema.safeParse(input.password);
    if (!password.success) throw new TRPCError({ code: 'BAD_REQUEST', message: password.error.issues[0]?.message ?? 'password too short' });
    user = await createUser(storage, input.email, input.password, now);
  }
  if (!(await storage.useInvite(codeHash, user.id, now))) throw new TRPCError({ code: 'BAD_REQUEST', message: BAD_INVITE });
  // Never downgrade: an admin who follows an agent invite stays admin.
  const current = await storage.getRole(invite.workspaceId, user.id);
  if (current !== 'admin') await storage.setMembership(invite.workspaceId, user.id, invite.role, now);
  return issueDevice(storage, invite.workspaceId, user.id, input.deviceName, now);
}
