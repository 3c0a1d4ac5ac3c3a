// Pull (S4): pages of server changes after the stored cursor. Each page is stored with its
// cursor in ONE transaction, then pending mutations are re-applied on top (rebase, S5).
// Acknowledged outbox entries (id <= lastMutationId) are dropped on the LAST page only: the
// server reads lastMutationId and the changes in one snapshot, so by then every effect of
// those mutations has been pulled and the view never shows an acknowledged edit flicker back.
// Fetching and storing overlap (pull-pipeline.ts); during the first sync pulled contacts reach the
// query index before they are stored, and the cursor still only moves with what is stored.
import type { Change, PullResponse } from '../../shared/protocol';
import type { BaseRow, ContactsDB, MutableRecord, MutableTable } from '../db/db';
import { publishTouched } from '../db/changes';
import { publishChanges } from '../db/change-feed';
import { keyString, touchedBy, type RecordKey } from '../db/record-apply';
import { emptyTouched, deleteConversationsOf, type Touched } from '../db/view-write';
import { indexPending, pendingDeletedContacts, rebaseRecords, updateBases } from './rebase';
import { LIMITS } from '../../shared/limits';
import { CursorAheadError, runPullPipeline } from './pull-pipeline';
import type { SyncTransport } from './transport';

/** Performance mark (issue 9 benchmark): everything from the first sync is stored. */
export const FIRST_SYNC_STORED_MARK = 'sync:first-sync-stored';

export type PullProgress = { received: number; headSeq: number; cursor: number };
export type PullOptions = { clientId: string; limit?: number; onProgress?: (p: PullProgress) => void };

const TABLE_OF = { contact: 'contacts', conversation: 'conversations', field: 'fields', segment: 'segments' } as const;

/** Pulls until the server has nothing more. Returns the number of changes received. */
export async function pullAll(db: ContactsDB, transport: SyncTransport, opts: PullOptions): Promise<number> {
  let received = 0;
  for (;;) {
    const start = (await db.getMeta('cursor')) ?? 0;
    const first = !(await db.getMeta('initialSyncDone'));
    try {
      await runPullPipeline(db, transport, {
        clientId: opts.clientId,
        start,
        // The first sync asks for the largest pages: fewer round trips for the whole workspace.
        limit: opts.limit ?? (first ? LIMITS.pullPageMax : undefined),
        ahead: first,
        store: (page) => storePage(db, page),
        onStored: (page) => {
          received += page.changes.length;
          opts.onProgress?.({ received, headSeq: page.headSeq, cursor: page.cursor });
        },
      });
      break;
    } catch (error) {
      // Our cursor is ahead of the server (its data was restored from a backup): start over.
      if (error instanceof CursorAheadError) {
        await resetForResync(db);
        continue;
      }
      throw error;
    }
  }
  if (!(await db.getMeta('initialSyncDone'))) {
    await db.setMeta('initialSyncDone', true);
    markFirstSyncStored(received);
  }
  return received;
}

function markFirstSyncStored(received: number): void {
  try {
    globalThis.performance?.mark?.(FIRST_SYNC_STORED_MARK, { detail: { received } });
  } catch {
    // diagnostics only
  }
}

/** Stores one page (exported for tests): changes, cursor, acknowledgements, rebase. */
export async function storePage(db: ContactsDB, page: PullResponse): Promise<void> {
  const touched: Touched = emptyTouched();
  await db.transaction('rw', [db.contacts, db.conversations, db.fields, db.segments, db.outbox, db.meta, db.bases], async () => {
    const stored = (await db.getMeta('cursor')) ?? 0;
    if (page.cursor < stored) return; // another tab stored newer data meanwhile
    const now = Date.now();
    let outbox = await db.outbox.toArray();
    const rebaseKeys = new Map<string, RecordKey>();
    // Records with a base get their base updated; the others are written to the view directly.
    const baseRows: BaseRow[] = page.changes.flatMap((c) =>
      c.kind === 'conversation' ? [] : [{ table: TABLE_OF[c.kind] as MutableTable, id: c.id, record: c.deleted ? null : (c.data as MutableRecord), deleted: c.deleted }],
    );
    const based = await updateBases(db, baseRows);
    const direct = page.changes.filter((c) => c.kind === 'conversation' || !based.has(keyString(TABLE_OF[c.kind] as MutableTable, c.id)));
    await writeDirect(db, direct, pendingDeletedContacts(outbox), touched);
    for (const row of baseRows) if (based.has(keyString(row.table, row.id))) rebaseKeys.set(keyString(row.table, row.id), row);

    if (!page.hasMore) {
      const acked = outbox.filter((m) => m.id <= page.lastMutationId);
      if (acked.length) {
        await db.outbox.bulkDelete(acked.map((m) => m.id));
        outbox = outbox.filter((m) => m.id > page.lastMutationId);
        for (const m of acked) {
          const { table, ids } = touchedBy(m);
          for (const id of ids) rebaseKeys.set(keyString(table, id), { table, id });
        }
      }
    }
    await rebaseRecords(db, [...rebaseKeys.values()], indexPending(outbox), now, touched);
    await db.setMeta('cursor', page.cursor);
  });
  publishTouched(touched, 'pull');
}

async function writeDirect(db: ContactsDB, changes: Change[], pendingDeleted: Set<string>, touched: Touched): Promise<void> {
  for (const kind of ['field', 'segment', 'contact', 'conversation'] as const) {
    const table = TABLE_OF[kind];
    const ofKind = changes.filter((c) => c.kind === kind);
    if (!ofKind.length) continue;
    const live: unknown[] = [];
    const dead: string[] = [];
    for (const c of ofKind) {
      touched[table].add(c.id);
      if (c.deleted) dead.push(c.id);
      else if (c.kind === 'conversation' && pendingDeleted.has(c.data.contactId)) continue;
      else live.push(c.data);
    }
    const t = db[table] as unknown as { bulkPut(v: unknown[]): Promise<unknown>; bulkDelete(k: string[]): Promise<void> };
    if (live.length) await t.bulkPut(live);
    if (dead.length) {
      await t.bulkDelete(dead);
      if (kind === 'contact') await deleteConversationsOf(db, dead, touched);
    }
  }
}

/**
 * Full resync: forget everything pulled (keep the outbox), cursor back to 0. Pending mutations
 * are re-applied on an empty base so local creates stay visible while the workspace streams in.
 */
export async function resetForResync(db: ContactsDB): Promise<void> {
  await db.transaction('rw', [db.contacts, db.conversations, db.fields, db.segments, db.outbox, db.meta, db.bases], async () => {
    await Promise.all([db.contacts.clear(), db.conversations.clear(), db.fields.clear(), db.segments.clear(), db.bases.clear()]);
    await db.meta.bulkDelete(['cursor', 'initialSyncDone']);
    const outbox = await db.outbox.toArray();
    const keys = new Map<string, RecordKey>();
    for (const m of outbox) {
      const { table, ids } = touchedBy(m);
      for (const id of ids) keys.set(keyString(table, id), { table, id });
    }
    await db.bases.bulkPut([...keys.values()].map((k) => ({ ...k, record: null, deleted: false })));
    await rebaseRecords(db, [...keys.values()], indexPending(outbox), Date.now(), emptyTouched());
  });
  for (const table of ['contacts', 'conversations', 'fields', 'segments'] as const) publishChanges({ table, reset: true });
}
