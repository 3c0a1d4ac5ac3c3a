// The app's one sync engine, wired to the app's database, the same-origin API and the session.
import { db as appDb, type ContactsDB } from '../db/db';
import { guardUpgrades } from '../db/upgrade-guard';
import { createSyncApi, type SyncApi } from '../trpc';
import type { SignInResponse } from '../../shared/protocol';
import { dropRefusedToken, getSession, signInDemo, signOut, storeSignIn } from '../session';
import { SyncEngine } from './loop';
import { appSyncStatus } from './status';
import { isUnauthorized, transportFromApi, type SyncTransport } from './transport';

let engine: SyncEngine | null = null;
let api: SyncApi | null = null;
let currentToken: string | undefined;

/** Same-origin API client; the token is the current session's. */
export function getSyncApi(): SyncApi {
  api ??= createSyncApi({ baseUrl: '', getToken: () => currentToken });
  return api;
}

/** The API with this device's token loaded (a page that just loaded may not have read it yet). */
export async function getSignedInApi(database: ContactsDB = appDb): Promise<SyncApi> {
  currentToken ??= (await getSession(database))?.token;
  return getSyncApi();
}

export function getSyncEngine(database: ContactsDB = appDb): SyncEngine {
  if (engine) return engine;
  guardUpgrades(database, (notice) =>
    appSyncStatus.set(notice.kind === 'reload-needed' ? { reloadNeeded: true, lastError: notice.message } : { lastError: notice.message }),
  );
  engine = new SyncEngine({
    db: database,
    status: appSyncStatus,
    transportFor: (session) => {
      currentToken = session.token;
      return signOutOnRefusal(transportFromApi(getSyncApi()), database, session.token);
    },
  });
  void getSession(database).then((s) => {
    currentToken = s?.token;
  });
  engine.start();
  return engine;
}

/** A revoked or expired token (401) shows sign-in; local data and the outbox stay (issue 11). */
export function signOutOnRefusal(transport: SyncTransport, database: ContactsDB, token: string): SyncTransport {
  const guard = async <T>(call: Promise<T>): Promise<T> => {
    try {
      return await call;
    } catch (error) {
      if (isUnauthorized(error)) await dropRefusedToken(database, token).catch(() => false);
      throw error;
    }
  };
  return { pull: (req) => guard(transport.pull(req)), push: (req) => guard(transport.push(req)) };
}

/** Any sign-in (password, invite): store the session, then sync (pushes what waited in the outbox). */
export async function signInAndSync(
  call: (api: SyncApi) => Promise<SignInResponse>,
  database: ContactsDB = appDb,
): Promise<void> {
  const session = await storeSignIn(database, await call(getSyncApi()));
  currentToken = session.token;
  void getSyncEngine(database).syncNow();
}

/** One-click demo sign-in ("Open demo workspace"), then the first sync starts. */
export async function signInDemoAndSync(deviceName: string, database: ContactsDB = appDb): Promise<void> {
  const session = await signInDemo(database, getSyncApi(), deviceName);
  currentToken = session.token;
  void getSyncEngine(database).syncNow();
}

/** Sign out: revokes this device's token on the server (when reachable) and forgets it here. */
export async function signOutDevice(database: ContactsDB = appDb): Promise<void> {
  const session = await getSession(database);
  currentToken = session?.token;
  await signOut(database, getSyncApi());
  currentToken = undefined;
}
