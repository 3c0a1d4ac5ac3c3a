// Accounts wire messages (issue 11): sign-up/sign-in/invites, roles, workspace settings, devices.
// Shared so the client validates what it sends with the same rules the server applies.
import { z } from 'zod';
import { idSchema } from './schema';

export const roleSchema = z.enum(['admin', 'agent']);
export type Role = z.infer<typeof roleSchema>;

/** Emails compare trimmed and lower-cased everywhere (sign-up, sign-in, rate limit keys). */
export const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email('enter a valid email address'));
/** For new passwords only; sign-in accepts any non-empty string so old rules never lock anyone out. */
export const newPasswordSchema = z.string().min(8, 'password must be at least 8 characters').max(200);
const passwordSchema = z.string().min(1, 'enter your password').max(200);
export const deviceNameSchema = z.string().trim().min(1).max(120);

export const signUpSchema = z.strictObject({
  email: emailSchema,
  password: newPasswordSchema,
  deviceName: deviceNameSchema,
  /** The new workspace this user administers. */
  workspaceName: z.string().trim().min(1, 'enter a workspace name').max(120),
});
export const signInSchema = z.strictObject({
  email: emailSchema,
  password: passwordSchema,
  deviceName: deviceNameSchema,
  /** Preferred workspace (the one this device holds data of); default: the user's first. */
  workspaceId: idSchema.optional(),
});
export const acceptInviteSchema = z.strictObject({
  code: z.string().trim().min(8).max(100),
  email: emailSchema,
  /** A new user's password, or an existing user's current one. */
  password: passwordSchema,
  deviceName: deviceNameSchema,
});

export const workspaceSettingsSchema = z.strictObject({
  agentsMayDelete: z.boolean(),
  agentsMayExport: z.boolean(),
});
export type WorkspaceSettings = z.infer<typeof workspaceSettingsSchema>;

export const createInviteSchema = z.strictObject({
  role: roleSchema.default('agent'),
  expiresInHours: z.number().int().min(1).max(24 * 30).default(72),
});
export type InviteResponse = { code: string; role: Role; expiresAt: number };

/** Device ids are the token hash (sha256 hex): useless for signing in, stable for revoking. */
export const deviceIdSchema = z.string().regex(/^[0-9a-f]{64}$/, 'not a device id');

/** What this device's user may do in its workspace (drives the UI; the server enforces the same). */
export type Access = {
  email: string | null;
  role: Role;
  settings: WorkspaceSettings;
  workspace: { id: string; name: string };
};
export type DeviceInfo = {
  id: string;
  name: string;
  /** Email of the device's user (null for tokens from before accounts). */
  owner: string | null;
  createdAt: number;
  lastSeenAt: number | null;
  lastSyncAt: number | null;
  revokedAt: number | null;
  current: boolean;
};
export type Member = { email: string; role: Role };
