// The device's session (S9): a device token scoped to one workspace, kept in meta. The clientId
// is this browser profile's sync identity and survives sign-out/sign-in, so mutation ids stay
// unique per (clientId, id) forever.
import { useLiveQuery } from 'dexie-react-hooks';
import { newId } from '../shared/ids';
import type { SignInResponse } from '../shared/protocol';
import { workspaceSchema } from '../shared/schema';
import type { ContactsDB, Session } from './db/db';

/** The one call sign-in needs (the tRPC client satisfies it). */
export type SignInApi = { auth: { demoSignIn: { mutate(input: { deviceName: string }): Promise<SignInResponse> } } };

export async function signInDemo(db: ContactsDB, api: SignInApi, deviceName: string): Promise<Session> {
  return storeSignIn(db, await api.auth.demoSignIn.mutate({ deviceName }));
}

/**
 * Keeps a sign-in's token as this device's session (any sign-in: demo, password, invite). Signing in
 * again to the SAME workspace (after a revoked or expired token) keeps the local data, the outbox and
 * the clientId, so changes made meanwhile are pushed with the new token (issue 11).
 */
export async function storeSignIn(db: ContactsDB, response: SignInResponse): Promise<Session> {
  const workspace = workspaceSchema.parse(response.workspace);
  if (typeof response.token !== 'string' || !response.token) throw new Error('sign-in returned no token');
  return db.transaction('rw', [db.meta, db.contacts, db.conversations, db.fields, db.segments, db.outbox, db.bases], async () => {
    const identity = await db.getMeta('identity');
    let clientId = identity?.clientId ?? newId();
    if (identity && identity.workspaceId !== workspace.id) {
      // Another workspace's data must not stay on the device (S9); a client id belongs to one workspace.
      await clearWorkspaceData(db);
      clientId = newId();
    }
    const session: Session = { token: response.token, workspaceId: workspace.id, workspaceName: workspace.name, clientId };
    await db.setMeta('identity', { clientId, workspaceId: workspace.id });
    await db.setMeta('session', session);
    return session;
  });
}

export async function getSession(db: ContactsDB): Promise<Session | undefined> {
  return db.getMeta('session');
}

/** The call that revokes this device's token on the server (the tRPC client satisfies it). */
export type SignOutApi = { auth: { signOut: { mutate(): Promise<unknown> } } };

/**
 * Forgets the token (and revokes it on the server when an api is given and reachable). The local
 * data and outbox stay, so signing in again to the same workspace loses nothing.
 */
export async function signOut(db: ContactsDB, api?: SignOutApi): Promise<void> {
  if (api) await api.auth.signOut.mutate().catch(() => undefined); // offline: the token just stays unused
  await db.meta.delete('session');
}

async function clearWorkspaceData(db: ContactsDB): Promise<void> {
  await Promise.all([db.contacts.clear(), db.conversations.clear(), db.fields.clear(), db.segments.clear(), db.outbox.clear(), db.bases.clear()]);
  await db.meta.bulkDelete(['cursor', 'initialSyncDone', 'rejected', 'lastSyncedAt']);
}

/** The server refused this token (revoked/expired): forget it, keep data + outbox for the next sign-in.
 *  Only if it is still the current token, so a late 401 never drops a newer sign-in. */
export async function dropRefusedToken(db: ContactsDB, token: string): Promise<boolean> {
  return db.transaction('rw', db.meta, async () => {
    const session = await db.getMeta('session');
    if (!session || session.token !== token) return false;
    await db.meta.delete('session');
    return true;
  });
}

/** The workspace whose data this device holds (kept across sign-outs), for "sign in again". */
export async function heldWorkspaceId(db: ContactsDB): Promise<string | undefined> {
  return (await db.getMeta('identity'))?.workspaceId;
}

/** undefined while loading, null when signed out. */
export function useSession(db: ContactsDB): Session | null | undefined {
  return useLiveQuery(async () => (await db.getMeta('session')) ?? null, [db]);
}
