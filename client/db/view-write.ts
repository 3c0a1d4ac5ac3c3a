// Writing computed record states into the view tables (contacts / fields / segments), inside
// the caller's transaction. A deleted contact also loses its conversations on this device.
import type { Table } from 'dexie';
import type { ContactsDB, MutableRecord, MutableTable } from './db';
import type { RecordState } from './record-apply';

export type Touched = { contacts: Set<string>; conversations: Set<string>; fields: Set<string>; segments: Set<string> };

export function emptyTouched(): Touched {
  return { contacts: new Set(), conversations: new Set(), fields: new Set(), segments: new Set() };
}

export function viewTable(db: ContactsDB, table: MutableTable): Table<MutableRecord, string> {
  return db[table] as unknown as Table<MutableRecord, string>;
}

/** Live records to put and dead ids to delete; records every id in `touched`. */
export function splitStates(
  table: MutableTable,
  states: Map<string, RecordState>,
  touched: Touched,
): { live: MutableRecord[]; dead: string[] } {
  const live: MutableRecord[] = [];
  const dead: string[] = [];
  for (const [id, state] of states) {
    if (state.record && !state.deleted) live.push(state.record);
    else dead.push(id);
    touched[table].add(id);
  }
  return { live, dead };
}

/** Puts live states and deletes dead ones; records every id written in `touched`. */
export async function writeStates(
  db: ContactsDB,
  table: MutableTable,
  states: Map<string, RecordState>,
  touched: Touched,
): Promise<void> {
  const { live, dead } = splitStates(table, states, touched);
  if (live.length) await viewTable(db, table).bulkPut(live);
  if (dead.length) {
    await viewTable(db, table).bulkDelete(dead);
    if (table === 'contacts') await deleteConversationsOf(db, dead, touched);
  }
}

export async function deleteConversationsOf(db: ContactsDB, contactIds: string[], touched: Touched): Promise<void> {
  const convIds = (await db.conversations.where('contactId').anyOf(contactIds).primaryKeys()) as string[];
  if (!convIds.length) return;
  await db.conversations.bulkDelete(convIds);
  for (const id of convIds) touched.conversations.add(id);
}
