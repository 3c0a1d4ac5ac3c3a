// Push (S3): the outbox in id order, in batches of <= LIMITS.pushBatchMax. Each processed
// mutation leaves the outbox; refused ones are kept in meta 'rejected' with the server's reason.
// Records touched by a refused or ignored mutation are recomputed from their server base, so
// the optimistic change disappears at once (the following pull brings any newer server data).
import { LIMITS } from '../../shared/limits';
import type { Mutation } from '../../shared/mutations';
import type { MutationResult } from '../../shared/protocol';
import type { ContactsDB, MutableTable, RejectedMutation } from '../db/db';
import { publishTouched } from '../db/changes';
import { applyToState, keyString, touchedBy, type RecordKey } from '../db/record-apply';
import { emptyTouched } from '../db/view-write';
import { indexPending, rebaseRecords } from './rebase';
import { errorText, isBadRequest, type SyncTransport } from './transport';

export type PushSummary = { pushed: number; applied: number; ignored: number; rejected: number };

const REJECTED_KEEP = 200;

export async function pushAll(db: ContactsDB, transport: SyncTransport, clientId: string): Promise<PushSummary> {
  const summary: PushSummary = { pushed: 0, applied: 0, ignored: 0, rejected: 0 };
  let after = 0;
  for (;;) {
    const batch = await db.outbox.where('id').above(after).limit(LIMITS.pushBatchMax).toArray();
    if (!batch.length) return summary;
    const results = await pushBatch(db, transport, clientId, batch);
    summary.pushed += batch.length;
    for (const r of results) summary[r.status] += 1;
    after = batch[batch.length - 1].id;
  }
}

/**
 * A batch the server refuses as a whole (400: e.g. a mutation an older app version queued that
 * the current schema no longer accepts) is retried one mutation at a time; one that is still
 * refused becomes 'rejected' locally, so it can never block the rest of the outbox. Results are
 * stored as they arrive, so a failure midway (e.g. 429) keeps the progress made so far.
 */
async function pushBatch(db: ContactsDB, transport: SyncTransport, clientId: string, batch: Mutation[]): Promise<MutationResult[]> {
  let results: MutationResult[];
  try {
    results = (await transport.push({ clientId, mutations: batch })).results;
  } catch (error) {
    if (!isBadRequest(error)) throw error;
    if (batch.length > 1) {
      const split: MutationResult[] = [];
      for (const m of batch) split.push(...(await pushBatch(db, transport, clientId, [m])));
      return split;
    }
    results = [{ id: batch[0].id, status: 'rejected', reason: errorText(error) }];
  }
  await storeResults(db, batch, results);
  return results;
}

/** Applies one push response (exported for tests). */
export async function storeResults(db: ContactsDB, batch: Mutation[], results: MutationResult[]): Promise<void> {
  const byId = new Map(batch.map((m) => [m.id, m]));
  const touched = emptyTouched();
  await db.transaction('rw', [db.contacts, db.conversations, db.fields, db.segments, db.outbox, db.meta, db.bases], async () => {
    const now = Date.now();
    const done: number[] = [];
    const rejected: RejectedMutation[] = [];
    const keys = new Map<string, RecordKey>();
    for (const result of [...results].sort((a, b) => a.id - b.id)) {
      const m = byId.get(result.id);
      if (!m) continue;
      done.push(m.id);
      const { table, ids } = touchedBy(m);
      for (const id of ids) keys.set(keyString(table, id), { table, id });
      if (result.status === 'applied') await advanceBases(db, m, table, ids, now);
      if (result.status === 'rejected') rejected.push({ mutation: m, reason: result.reason, at: now });
    }
    // Another tab may have processed these already: only act on entries still in the outbox.
    const present = new Set((await db.outbox.bulkGet(done)).filter(Boolean).map((m) => m!.id));
    await db.outbox.bulkDelete(done.filter((id) => present.has(id)));
    const keep = rejected.filter((r) => present.has(r.mutation.id));
    if (keep.length) {
      const old = (await db.getMeta('rejected')) ?? [];
      await db.setMeta('rejected', [...old, ...keep].slice(-REJECTED_KEEP));
    }
    const remaining = await db.outbox.toArray();
    await rebaseRecords(db, [...keys.values()], indexPending(remaining), now, touched);
  });
  publishTouched(touched);
}

/** An applied mutation is now part of the server's state: move it into the records' bases. */
async function advanceBases(db: ContactsDB, m: Mutation, table: MutableTable, ids: string[], now: number): Promise<void> {
  const keys = ids.map((id) => [table, id] as [MutableTable, string]);
  const bases = await db.bases.bulkGet(keys);
  const next = bases.flatMap((b, i) => (b ? [{ ...b, ...applyToState(b, ids[i], m, now) }] : []));
  if (next.length) await db.bases.bulkPut(next);
}
