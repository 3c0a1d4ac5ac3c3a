// Rebase (S5): a record that pending mutations touch is shown as its server base with those
// mutations re-applied in id order, so a pull never makes a local edit flicker back and a
// refused mutation disappears exactly. Runs inside the caller's rw transaction.
import type { Mutation } from '../../shared/mutations';
import type { BaseRow, ContactsDB, MutableTable } from '../db/db';
import { applyToState, keyString, touchedBy, type RecordKey, type RecordState } from '../db/record-apply';
import { writeStates, type Touched } from '../db/view-write';

/** Pending mutations by the records they touch ("table:id"), each list in id order. */
export type PendingIndex = Map<string, Mutation[]>;

export function indexPending(outbox: Mutation[]): PendingIndex {
  const index: PendingIndex = new Map();
  for (const m of [...outbox].sort((a, b) => a.id - b.id)) {
    const { table, ids } = touchedBy(m);
    for (const id of ids) {
      const key = keyString(table, id);
      const list = index.get(key);
      if (list) list.push(m);
      else index.set(key, [m]);
    }
  }
  return index;
}

/** Ids of contacts a pending mutation deletes: pulled conversations of them are not stored. */
export function pendingDeletedContacts(outbox: Mutation[]): Set<string> {
  const out = new Set<string>();
  for (const m of outbox) if (m.name === 'contact.delete') for (const id of m.args.ids) out.add(id);
  return out;
}

/**
 * Recomputes the view of every given record that has a base: base + its pending mutations.
 * A base no pending mutation needs any more is dropped (the view then equals the server's).
 */
export async function rebaseRecords(
  db: ContactsDB,
  keys: RecordKey[],
  pending: PendingIndex,
  now: number,
  touched: Touched,
): Promise<void> {
  const byTable = new Map<MutableTable, Set<string>>();
  for (const { table, id } of keys) {
    const set = byTable.get(table) ?? new Set<string>();
    set.add(id);
    byTable.set(table, set);
  }
  for (const [table, idSet] of byTable) {
    const ids = [...idSet];
    const bases = await db.bases.bulkGet(ids.map((id) => [table, id] as [MutableTable, string]));
    const states = new Map<string, RecordState>();
    const dropped: [MutableTable, string][] = [];
    bases.forEach((base, i) => {
      if (!base) return;
      const list = pending.get(keyString(table, ids[i])) ?? [];
      let state: RecordState = { record: base.record, deleted: base.deleted };
      for (const m of list) state = applyToState(state, ids[i], m, now);
      states.set(ids[i], state);
      if (!list.length) dropped.push([table, ids[i]]);
    });
    await writeStates(db, table, states, touched);
    if (dropped.length) await db.bases.bulkDelete(dropped);
  }
}

/** Records the server's new state of a record as its base (only where a base exists). */
export async function updateBases(db: ContactsDB, rows: BaseRow[]): Promise<Set<string>> {
  if (!rows.length || (await db.bases.count()) === 0) return new Set(); // the common case: nothing pending
  const existing = await db.bases.bulkGet(rows.map((r) => [r.table, r.id] as [MutableTable, string]));
  const update = rows.filter((_, i) => existing[i]);
  if (update.length) await db.bases.bulkPut(update);
  return new Set(update.map((r) => keyString(r.table, r.id)));
}
