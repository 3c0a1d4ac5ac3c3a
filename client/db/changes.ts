// THE local change API (S2): every feature changes data only through here. One rw transaction
// writes the new record state AND the outbox mutation (and remembers the record's server base
// for rebase), so a crash can never leave one without the other. After commit: change feed +
// a nudge to the sync loop (debounced push).
import { mutationSchema, type Mutation, type MutationBody } from '../../shared/mutations';
import type { ContactEditable, CustomFields, FieldDefinition, Segment } from '../../shared/schema';
import { validateCustomValue } from '../../shared/values';
import { LIMITS } from '../../shared/limits';
import { newId } from '../../shared/ids';
import { publishChanges } from './change-feed';
import type { BaseRow, ContactsDB, MutableTable } from './db';
import { unstoredContact } from './unstored';
import { isQuotaError, QUOTA_MESSAGE } from './quota';
import { applyToState, touchedBy, type RecordState } from './record-apply';
import { emptyTouched, viewTable, writeStates, type Touched } from './view-write';

/** A change the device refuses to make (invalid input or missing record); nothing was written. */
export class LocalChangeError extends Error {
  override name = 'LocalChangeError';
}

type LocalChangeListener = (db: ContactsDB) => void;
const localChangeListeners = new Set<LocalChangeListener>();

/** The sync loop listens here to push soon after a local edit. */
export function onLocalChange(listener: LocalChangeListener): () => void {
  localChangeListeners.add(listener);
  return () => localChangeListeners.delete(listener);
}

function validate(body: MutationBody, id: number, clientTime: number): Mutation {
  const parsed = mutationSchema.safeParse({ ...body, id, clientTime });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue.path.filter((p) => p !== 'args').join('.');
  throw new LocalChangeError(where ? `${where}: ${issue.message}` : issue.message);
}

export async function applyLocalChange(db: ContactsDB, body: MutationBody): Promise<Mutation> {
  return (await applyLocalChanges(db, [body]))[0];
}

/** Several changes in one transaction (all or nothing), e.g. a bulk delete in chunks. */
export async function applyLocalChanges(db: ContactsDB, bodies: MutationBody[]): Promise<Mutation[]> {
  const now = Date.now();
  bodies.forEach((b) => validate(b, 1, now)); // fail before touching the database
  const touched = emptyTouched();
  const done = await db
    .transaction('rw', [db.contacts, db.conversations, db.fields, db.segments, db.outbox, db.meta, db.bases], async () => {
      let counter = (await db.getMeta('mutationCounter')) ?? 0;
      const out: Mutation[] = [];
      for (const body of bodies) {
        const m = validate(body, ++counter, now);
        await applyOne(db, m, now, touched);
        await db.outbox.add(m);
        out.push(m);
      }
      await db.setMeta('mutationCounter', counter);
      return out;
    })
    .catch((error: unknown) => {
      // P4: the transaction rolled back as a whole (record, outbox, counter); say why in plain words.
      throw isQuotaError(error) ? new LocalChangeError(QUOTA_MESSAGE, { cause: error }) : error;
    });
  publishTouched(touched);
  for (const listener of localChangeListeners) listener(db);
  return done;
}

async function applyOne(db: ContactsDB, m: Mutation, now: number, touched: Touched): Promise<void> {
  const { table, ids } = touchedBy(m);
  const current = await viewTable(db, table).bulkGet(ids);
  const keys = ids.map((id) => [table, id] as [MutableTable, string]);
  const bases = await db.bases.bulkGet(keys);
  const isCreate = m.name.endsWith('.create');
  // First sync: a contact shown from the network but not stored yet is edited on top of that copy.
  if (table === 'contacts' && !isCreate) ids.forEach((id, i) => (current[i] ??= bases[i] ? undefined : unstoredContact(db, id)));
  const singular = table.slice(0, -1);
  if (isCreate && current[0]) throw new LocalChangeError(`${singular} ${ids[0]} already exists`);
  // Not shown but with pending history = deleted here: an id is never reused (no resurrection).
  if (isCreate && bases[0]) throw new LocalChangeError(`${singular} ${ids[0]} was deleted`);
  if (m.name.endsWith('.patch') && !current[0]) throw new LocalChangeError(`${singular} ${ids[0]} not found`);
  if (m.name === 'field.create' && (await db.fields.where('key').equals(m.args.key).count()) > 0) {
    throw new LocalChangeError(`key: a field with key "${m.args.key}" already exists`);
  }
  if ((m.name === 'contact.create' || m.name === 'contact.patch') && m.args.customFields) {
    await checkCustomFields(db, m.args.customFields);
  }
  // Remember the server version of records no pending mutation touched yet (rebase base).
  const newBases: BaseRow[] = [];
  const states = new Map<string, RecordState>();
  ids.forEach((id, i) => {
    if (!bases[i]) newBases.push({ table, id, record: current[i] ?? null, deleted: false });
    if (!current[i] && !isCreate) return; // deleting what this device never had: nothing to show
    states.set(id, applyToState({ record: current[i] ?? null, deleted: false }, id, m, now));
  });
  if (newBases.length) await db.bases.bulkPut(newBases);
  await writeStates(db, table, states, touched);
}

/** The same check the server makes, so an edit it would refuse fails here, at once, instead. */
async function checkCustomFields(db: ContactsDB, values: CustomFields): Promise<void> {
  const defs = await db.fields.toArray();
  for (const [key, value] of Object.entries(values)) {
    if (value === null) continue; // clearing is always allowed, even of a field deleted meanwhile
    const def = defs.find((d) => d.key === key && d.scope === 'contact');
    if (!def) throw new LocalChangeError(`customFields.${key}: unknown field`);
    const result = validateCustomValue(def, value);
    if (!result.ok) throw new LocalChangeError(`customFields.${key}: ${result.error}`);
  }
}

export function publishTouched(touched: Touched, origin?: 'pull'): void {
  for (const table of ['contacts', 'conversations', 'fields', 'segments'] as const) {
    if (touched[table].size) publishChanges({ table, ids: [...touched[table]], ...(origin ? { origin } : {}) });
  }
}

// ---- Typed convenience wrappers (what feature code calls) ----

export async function createContact(db: ContactsDB, editable: ContactEditable): Promise<string> {
  const id = newId();
  await applyLocalChange(db, { name: 'contact.create', args: { id, createdAt: Date.now(), ...editable } });
  return id;
}

export async function patchContact(
  db: ContactsDB,
  id: string,
  patch: { set?: Partial<Omit<ContactEditable, 'customFields'>>; customFields?: ContactEditable['customFields'] },
): Promise<Mutation> {
  return applyLocalChange(db, { name: 'contact.patch', args: { id, ...patch } });
}

/** Deletes any number of contacts in ONE transaction (mutations of LIMITS.bulkDeleteMax ids each). */
export async function deleteContacts(db: ContactsDB, ids: string[]): Promise<Mutation[]> {
  const unique = [...new Set(ids)];
  const bodies: MutationBody[] = [];
  for (let i = 0; i < unique.length; i += LIMITS.bulkDeleteMax) {
    bodies.push({ name: 'contact.delete', args: { ids: unique.slice(i, i + LIMITS.bulkDeleteMax) } });
  }
  return bodies.length ? applyLocalChanges(db, bodies) : [];
}

export async function createSegment(db: ContactsDB, input: Pick<Segment, 'name' | 'definition'>): Promise<string> {
  const id = newId();
  const now = Date.now();
  await applyLocalChange(db, { name: 'segment.create', args: { id, ...input, createdAt: now, updatedAt: now } });
  return id;
}

export async function patchSegment(db: ContactsDB, id: string, patch: Partial<Pick<Segment, 'name' | 'definition'>>): Promise<Mutation> {
  return applyLocalChange(db, { name: 'segment.patch', args: { id, ...patch } });
}

export async function deleteSegment(db: ContactsDB, id: string): Promise<Mutation> {
  return applyLocalChange(db, { name: 'segment.delete', args: { id } });
}

export async function createField(
  db: ContactsDB,
  input: Omit<FieldDefinition, 'id' | 'createdAt' | 'updatedAt'>,
): Promise<string> {
  const id = newId();
  const now = Date.now();
  await applyLocalChange(db, { name: 'field.create', args: { id, ...input, createdAt: now, updatedAt: now } });
  return id;
}

export async function patchField(
  db: ContactsDB,
  id: string,
  patch: Partial<Pick<FieldDefinition, 'label' | 'options' | 'position'>>,
): Promise<Mutation> {
  return applyLocalChange(db, { name: 'field.patch', args: { id, ...patch } });
}

export async function deleteField(db: ContactsDB, id: string): Promise<Mutation> {
  return applyLocalChange(db, { name: 'field.delete', args: { id } });
}
