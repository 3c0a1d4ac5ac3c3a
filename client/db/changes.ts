// THE local change API (S2): every feature changes data only through here. One rw transaction
// writes the new record state AND the outbox mutation (and remembers the record's server base
// for rebase), so a crash can never leave one without the other. After commit: change feed +
// a nudge to the sync loop (debounced push).
import { mutationSchema, type Mutation, type MutationBody } from '../../shared/mutations';
import type { ContactEditable, FieldDefinition, Segment } from '../../shared/schema';
import { LIMITS } from '../../shared/limits';
import { newId } from '../../shared/ids';
import { publishChanges } from './change-feed';
import type { ContactsDB } from './db';
import { isQuotaError, QUOTA_MESSAGE } from './quota';
import { applyBatch, batchTables, LocalChangeError } from './change-batch';
import { removeConversationsOf } from './conversation-cleanup';
import { emptyTouched, type Touched } from './view-write';

export { LocalChangeError };

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
  // Validated once, before touching the database; the real ids are given inside the transaction.
  const validated = bodies.map((b) => validate(b, 1, now));
  const touched = emptyTouched();
  const { mutations, deletedContacts } = await db
    .transaction('rw', batchTables(db, validated), () => applyBatch(db, validated, now, touched))
    .catch((error: unknown) => {
      // P4: the transaction rolled back as a whole (record, outbox, counter); say why in plain words.
      throw isQuotaError(error) ? new LocalChangeError(QUOTA_MESSAGE, { cause: error }) : error;
    });
  // Deleted contacts get their own notice, so the query index drops them without reading them back.
  for (const id of deletedContacts) touched.contacts.delete(id);
  publishTouched(touched);
  publishChanges({ table: 'contacts', ids: deletedContacts, deleted: true });
  for (const listener of localChangeListeners) listener(db);
  removeConversationsOf(db, deletedContacts);
  return mutations;
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
