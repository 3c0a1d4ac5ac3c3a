// One batch of local mutations applied inside the caller's rw transaction with the fewest
// IndexedDB round trips (issue 9: an inline edit <= 3 ms, a 10k delete <= 2 s): every record the
// batch touches, its base, the mutation counter and (when needed) the field definitions are read
// at once, the mutations are applied in memory in order, then every write is issued at once.
// The result is exactly what applying them one by one gives (see changes.test.ts).
import type { Mutation } from '../../shared/mutations';
import type { CustomFields, FieldDefinition } from '../../shared/schema';
import { validateCustomValue } from '../../shared/values';
import type { BaseRow, ContactsDB, MutableRecord, MutableTable } from './db';
import { applyToState, keyString, touchedBy, type RecordState } from './record-apply';
import { unstoredContact } from './unstored';
import { splitStates, viewTable, type Touched } from './view-write';

/** A change the device refuses to make (invalid input or missing record); nothing was written. */
export class LocalChangeError extends Error {
  override name = 'LocalChangeError';
}

/** The Dexie tables a batch needs in its transaction (fewer tables = less waiting on other transactions). */
export function batchTables(db: ContactsDB, ms: readonly Mutation[]) {
  const tables = new Set<MutableTable>();
  for (const m of ms) tables.add(touchedBy(m).table);
  return [
    ...[...tables].map((t) => viewTable(db, t)),
    ...(needsFields(ms) && !tables.has('fields') ? [db.fields] : []),
    db.outbox,
    db.meta,
    db.bases,
  ];
}

function needsFields(ms: readonly Mutation[]): boolean {
  return ms.some((m) => m.name === 'field.create' || ((m.name === 'contact.create' || m.name === 'contact.patch') && m.args.customFields));
}

type Loaded = { table: MutableTable; ids: string[]; current: (MutableRecord | undefined)[]; based: Set<string> };

/**
 * Which of these records already have a base (only whether, never its content, matters here).
 * Many ids: one key-only read of the table's bases instead of one read per id (10k reads ~0.5 s
 * in Chromium; the bases of one table are as many as its records with pending changes).
 */
async function idsWithBase(db: ContactsDB, table: MutableTable, ids: string[]): Promise<Set<string>> {
  if (ids.length < 64) {
    const rows = await db.bases.bulkGet(ids.map((id) => [table, id] as [MutableTable, string]));
    return new Set(ids.filter((_, i) => rows[i]));
  }
  // [table, -Infinity] .. [table, [[]]] = Dexie.minKey / maxKey: every id of that table. (No value
  // import of Dexie here: tests load this module before fake-indexeddb installs itself.)
  const keys = await db.bases.where(':id').between([table, -Infinity], [table, [[]]], true, true).primaryKeys();
  return new Set(keys.map(([, id]) => id));
}

/**
 * Applies already validated mutations (their ids are assigned here, from the stored counter) and
 * stores records, bases, outbox entries and the counter. Must run inside a rw transaction over
 * batchTables(db, ms). Throws LocalChangeError before writing anything if one is refused.
 */
export async function applyBatch(
  db: ContactsDB,
  validated: readonly Mutation[],
  now: number,
  touched: Touched,
): Promise<{ mutations: Mutation[]; deletedContacts: string[] }> {
  const idsByTable = new Map<MutableTable, Set<string>>();
  for (const m of validated) {
    const { table, ids } = touchedBy(m);
    const set = idsByTable.get(table) ?? new Set<string>();
    for (const id of ids) set.add(id);
    idsByTable.set(table, set);
  }
  // Every read at once: one round trip instead of one per read.
  const [counter, fieldRows, ...loaded] = await Promise.all([
    db.getMeta('mutationCounter'),
    needsFields(validated) ? db.fields.toArray() : Promise.resolve([] as FieldDefinition[]),
    ...[...idsByTable].map(async ([table, idSet]): Promise<Loaded> => {
      const ids = [...idSet];
      const [current, based] = await Promise.all([viewTable(db, table).bulkGet(ids), idsWithBase(db, table, ids)]);
      return { table, ids, current, based };
    }),
  ]);

  const view = new Map<string, MutableRecord | undefined>();
  const hasBase = new Set<string>();
  for (const { table, ids, current, based } of loaded) {
    ids.forEach((id, i) => {
      const key = keyString(table, id);
      view.set(key, current[i]);
      if (based.has(id)) hasBase.add(key);
    });
  }
  const fields = new Map(fieldRows.map((f) => [f.id, f]));
  const newBases: BaseRow[] = [];
  const states = new Map<MutableTable, Map<string, RecordState>>();
  const out: Mutation[] = [];
  let nextId = counter ?? 0;

  for (const body of validated) {
    const m: Mutation = { ...body, id: ++nextId };
    const { table, ids } = touchedBy(m);
    const isCreate = m.name.endsWith('.create');
    const keys = ids.map((id) => keyString(table, id));
    const current = keys.map((key) => view.get(key));
    // First sync: a contact shown from the network but not stored yet is edited on top of that copy.
    if (table === 'contacts' && !isCreate) ids.forEach((id, i) => (current[i] ??= hasBase.has(keys[i]) ? undefined : unstoredContact(db, id)));
    const singular = table.slice(0, -1);
    if (isCreate && current[0]) throw new LocalChangeError(`${singular} ${ids[0]} already exists`);
    // Not shown but with pending history = deleted here: an id is never reused (no resurrection).
    if (isCreate && hasBase.has(keys[0])) throw new LocalChangeError(`${singular} ${ids[0]} was deleted`);
    if (m.name.endsWith('.patch') && !current[0]) throw new LocalChangeError(`${singular} ${ids[0]} not found`);
    if (m.name === 'field.create' && [...fields.values()].some((f) => f.key === m.args.key)) {
      throw new LocalChangeError(`key: a field with key "${m.args.key}" already exists`);
    }
    if ((m.name === 'contact.create' || m.name === 'contact.patch') && m.args.customFields) {
      checkCustomFields([...fields.values()], m.args.customFields);
    }
    const tableStates = states.get(table) ?? new Map<string, RecordState>();
    states.set(table, tableStates);
    const isDelete = m.name.endsWith('.delete');
    ids.forEach((id, i) => {
      // Remember the server version of records no pending mutation touched yet (rebase base).
      if (!hasBase.has(keys[i])) {
        newBases.push({ table, id, record: current[i] ?? null, deleted: false });
        hasBase.add(keys[i]);
      }
      if (!current[i] && !isCreate) return; // deleting what this device never had: nothing to show
      // A delete is final whatever the record was (applyToState's answer, without its per-id scan).
      const state = isDelete ? { record: null, deleted: true } : applyToState({ record: current[i] ?? null, deleted: false }, id, m, now);
      tableStates.set(id, state);
      const live = state.record && !state.deleted ? state.record : undefined;
      view.set(keys[i], live);
      if (table === 'fields') {
        if (live) fields.set(id, live as FieldDefinition);
        else fields.delete(id);
      }
    });
    out.push(m);
  }

  // Every write at once; the transaction commits them together or not at all.
  await Promise.all([
    newBases.length ? db.bases.bulkPut(newBases) : undefined,
    ...[...states].flatMap(([table, tableStates]) => writeStates(db, table, tableStates, touched)),
    db.outbox.bulkAdd(out),
    db.setMeta('mutationCounter', nextId),
  ]);
  const deletedContacts = [...(states.get('contacts') ?? [])].filter(([, st]) => st.deleted || !st.record).map(([id]) => id);
  return { mutations: out, deletedContacts };
}

/** Puts live states and deletes dead ones, all issued at once (conversations: conversation-cleanup.ts). */
function writeStates(db: ContactsDB, table: MutableTable, states: Map<string, RecordState>, touched: Touched): Promise<unknown>[] {
  const { live, dead } = splitStates(table, states, touched);
  return [
    live.length ? viewTable(db, table).bulkPut(live) : undefined,
    dead.length ? viewTable(db, table).bulkDelete(dead) : undefined,
  ].filter((p) => p !== undefined);
}

/** The same check the server makes, so an edit it would refuse fails here, at once, instead. */
function checkCustomFields(defs: FieldDefinition[], values: CustomFields): void {
  for (const [key, value] of Object.entries(values)) {
    if (value === null) continue; // clearing is always allowed, even of a field deleted meanwhile
    const def = defs.find((d) => d.key === key && d.scope === 'contact');
    if (!def) throw new LocalChangeError(`customFields.${key}: unknown field`);
    const result = validateCustomValue(def, value);
    if (!result.ok) throw new LocalChangeError(`customFields.${key}: ${result.error}`);
  }
}
