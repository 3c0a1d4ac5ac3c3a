// Recovery from a broken local database (issue 8, item 6). The server holds the truth, so a damaged
// device database is rebuilt, not repaired: salvage what is still readable and valid (session, sync
// identity, mutation counter, outbox entries that pass the shared mutationSchema), delete the
// database, recreate it with only that, and let the normal sync do a full resync (cursor 0: the
// outbox is pushed, the workspace pulled). Everything is read through a schema-less Dexie "probe",
// because opening with our schema would silently re-create a missing table (Dexie's SchemaDiff
// patch) and hide the damage.
import Dexie from 'dexie';
import { z } from 'zod';
import { mutationSchema, type Mutation } from '../../shared/mutations';
import { contactSchema, conversationSchema, fieldDefinitionSchema, segmentSchema } from '../../shared/schema';
import { resetForResync } from '../sync/pull';
import { publishChanges } from './change-feed';
import type { ContactsDB, RejectedMutation, Session } from './db';

const TABLES = ['contacts', 'conversations', 'fields', 'segments', 'outbox', 'meta', 'bases'] as const;
/** Rows of each view table checked at start-up: cheap, and catches a table full of garbage. */
const SAMPLE = 20;

const sessionSchema = z.object({ token: z.string().min(1), workspaceId: z.string().min(1), workspaceName: z.string(), clientId: z.string().min(1) });
const identitySchema = z.object({ clientId: z.string().min(1), workspaceId: z.string().min(1) });
const counterSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const rejectedSchema = z.array(z.object({ mutation: mutationSchema, reason: z.string(), at: z.number() }));

/** What each meta row must look like (db.ts MetaRow); unknown keys are left alone. */
const META: Record<string, z.ZodType> = {
  session: sessionSchema,
  identity: identitySchema,
  cursor: counterSchema,
  mutationCounter: counterSchema,
  rejected: rejectedSchema,
  initialSyncDone: z.boolean(),
  lastSyncedAt: z.number(),
};
const VIEW: Record<string, z.ZodType> = { contacts: contactSchema, conversations: conversationSchema, fields: fieldDefinitionSchema, segments: segmentSchema };

export type DroppedMutation = { id: unknown; reason: string };
export type RecoveryReport =
  | { status: 'healthy' }
  | { status: 'recovered'; problem: string; keptMutations: number; dropped: DroppedMutation[]; signedIn: boolean };

/** Dexie/IndexedDB errors that mean the stored data is damaged (not: quota, a newer version, no IndexedDB). */
export function isCorruptionError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const e = error as { name?: unknown; inner?: unknown; cause?: unknown };
  if (e.name === 'UnknownError' || e.name === 'DataError' || e.name === 'NotFoundError' || e.name === 'DataCloneError') return true;
  return isCorruptionError(e.inner, depth + 1) || isCorruptionError(e.cause, depth + 1);
}

/** Opens the database, first rebuilding it if it is damaged. Never rebuilds a healthy or absent one. */
export async function openWithRecovery(db: ContactsDB): Promise<RecoveryReport> {
  let problem: string | null;
  try {
    problem = await findProblem(db.name, db.verno);
  } catch (error) {
    problem = `unreadable: ${describe(error)}`;
  }
  if (!problem) {
    try {
      await db.open();
      return { status: 'healthy' };
    } catch (error) {
      if (!isCorruptionError(error)) throw error;
      problem = `cannot open: ${describe(error)}`;
    }
  }
  return recoverDatabase(db, problem);
}

/** null = healthy (or no database yet); otherwise what is wrong, in words. ourVersion: ContactsDB.verno. */
export async function findProblem(name: string, ourVersion: number): Promise<string | null> {
  const probe = new Dexie(name);
  try {
    await probe.open();
  } catch (error) {
    if ((error as { name?: unknown })?.name === 'NoSuchDatabaseError') return null; // first start or wiped: nothing to repair
    if (!isCorruptionError(error)) throw error;
    return `cannot open: ${describe(error)}`;
  }
  try {
    // A newer app version (another tab) upgraded it: its schema is not ours to judge. (Native version
    // x.1 = Dexie's own patch of a missing table, not an upgrade.)
    if (Math.floor(probe.verno) > ourVersion) return null;
    const present = new Set(probe.tables.map((t) => t.name));
    const missing = TABLES.filter((t) => !present.has(t));
    if (missing.length) return `missing tables: ${missing.join(', ')}`;
    for (const row of await probe.table('meta').toArray()) {
      const key = (row as { key?: unknown })?.key;
      const schema = typeof key === 'string' ? META[key] : undefined;
      if (schema && !schema.safeParse((row as { value?: unknown }).value).success) return `meta "${String(key)}" is invalid`;
    }
    for (const entry of await probe.table('outbox').toArray()) {
      if (!mutationSchema.safeParse(entry).success) return `outbox entry ${String((entry as { id?: unknown })?.id)} is invalid`;
    }
    for (const [table, schema] of Object.entries(VIEW)) {
      for (const row of await probe.table(table).limit(SAMPLE).toArray()) {
        if (!schema.safeParse(row).success) return `${table} holds an invalid row`;
      }
    }
    return null;
  } catch (error) {
    return `unreadable: ${describe(error)}`;
  } finally {
    probe.close();
  }
}

type Salvage = { session?: Session; identity?: { clientId: string; workspaceId: string }; counter?: number; rejected: RejectedMutation[]; outbox: Mutation[]; dropped: DroppedMutation[] };

/** Deletes and recreates the database with what could be salvaged; the next sync is a full resync. */
export async function recoverDatabase(db: ContactsDB, problem: string): Promise<RecoveryReport> {
  const saved = await salvage(db.name);
  db.close();
  await Dexie.delete(db.name);
  await db.open();
  // Queued changes belong to one workspace and client id; without that identity they cannot be sent safely.
  const identity = saved.session ? { clientId: saved.session.clientId, workspaceId: saved.session.workspaceId } : saved.identity;
  const outbox = identity ? saved.outbox : [];
  const dropped = identity ? saved.dropped : [...saved.dropped, ...saved.outbox.map((m) => ({ id: m.id, reason: 'no sync identity left' }))];
  const maxId = outbox.reduce((max, m) => Math.max(max, m.id), 0);
  // Ids must stay above every id the server has seen from this client: without the counter, the clock
  // (epoch ms) is a safe floor, as the server accepts gaps.
  const counter = Math.max(maxId, saved.counter ?? Date.now());
  await db.transaction('rw', db.meta, db.outbox, async () => {
    if (identity) await db.setMeta('identity', identity);
    if (saved.session) await db.setMeta('session', saved.session);
    if (identity) await db.setMeta('mutationCounter', counter);
    if (saved.rejected.length) await db.setMeta('rejected', saved.rejected);
    await db.outbox.bulkAdd(outbox);
  });
  await resetForResync(db); // cursor 0; pending creates and edits shown on an empty base
  if (dropped.length) console.warn('[recovery] queued changes that could not be read were dropped', dropped);
  return { status: 'recovered', problem, keptMutations: outbox.length, dropped, signedIn: Boolean(saved.session) };
}

async function salvage(name: string): Promise<Salvage> {
  const saved: Salvage = { rejected: [], outbox: [], dropped: [] };
  const probe = new Dexie(name);
  try {
    await probe.open();
  } catch {
    return saved; // nothing readable
  }
  const present = new Set(probe.tables.map((t) => t.name));
  const read = async (key: string) => (present.has('meta') ? probe.table('meta').get(key).then((r) => (r as { value?: unknown } | undefined)?.value, () => undefined) : undefined);
  try {
    saved.session = sessionSchema.safeParse(await read('session')).data;
    saved.identity = identitySchema.safeParse(await read('identity')).data;
    saved.counter = counterSchema.safeParse(await read('mutationCounter')).data;
    saved.rejected = rejectedSchema.safeParse(await read('rejected')).data ?? [];
    if (saved.session && saved.identity?.clientId !== saved.session.clientId) saved.identity = undefined;
    if (present.has('outbox')) {
      const rows: unknown[] = await probe.table('outbox').toArray().catch((error: unknown) => {
        saved.dropped.push({ id: 'all', reason: `outbox unreadable: ${describe(error)}` });
        return [];
      });
      for (const row of rows) {
        const parsed = mutationSchema.safeParse(row);
        if (parsed.success) saved.outbox.push(parsed.data);
        else saved.dropped.push({ id: (row as { id?: unknown })?.id, reason: parsed.error.issues[0]?.message ?? 'invalid' });
      }
    }
  } finally {
    probe.close();
  }
  return saved;
}

/**
 * Site data cleared under a running app: the browser force-closes the connection and Dexie reopens
 * an empty database on the next read. Then nudge the views (session -> sign-in screen, tables ->
 * reload) instead of leaving stale data on screen. A close for any other reason (another tab's
 * upgrade) leaves the session in place and does nothing.
 */
export function watchForWipe(db: ContactsDB): () => void {
  const onClose = () => {
    setTimeout(() => {
      void db
        .getMeta('session')
        .then(async (session) => {
          if (session) return;
          await db.meta.delete('session'); // a no-op write that re-runs useSession's live query
          for (const table of ['contacts', 'conversations', 'fields', 'segments'] as const) publishChanges({ table, reset: true });
        })
        .catch(() => undefined); // closed on purpose (upgrade guard): nothing to do
    }, 0);
  };
  db.on('close', onClose);
  return () => db.on('close').unsubscribe(onClose);
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
