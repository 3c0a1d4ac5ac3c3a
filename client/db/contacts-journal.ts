// The contacts write journal (issue 9, cold start): every write to the contacts table, by any code
// path and any tab, adds one journal row listing the ids it changed, IN THE SAME TRANSACTION.
// A snapshot of the contacts taken "as of journal entry J" plus the current rows of the ids
// journaled after J is therefore exactly the current table (client/query/contact-snapshot.ts) -
// no write path has to remember to invalidate anything.
//
// Implemented as Dexie DBCore middleware: every read-write transaction that includes 'contacts'
// also includes the journal store, and each contacts mutation adds its journal row beside it.
import type { DBCore, DBCoreMutateRequest, DBCoreTable, Middleware } from 'dexie';

export const JOURNAL_TABLE = 'contactsJournal';

/** ids: the contacts this write changed (deleted or not); null = possibly every contact (clear()). */
export type JournalRow = { seq?: number; ids: string[] | null };

function changedIds(req: DBCoreMutateRequest, table: DBCoreTable): string[] | null {
  if (req.type === 'deleteRange') return null;
  if (req.type === 'delete') return req.keys.map(String);
  const ids: string[] = [];
  if (req.keys) ids.push(...req.keys.map(String));
  else {
    const extract = table.schema.primaryKey.extractKey;
    if (!extract) return null;
    for (const value of req.values) ids.push(String(extract(value)));
  }
  if (req.type === 'put' && req.updates) ids.push(...req.updates.keys.map(String));
  if (req.type === 'put' && req.criteria && !req.keys && req.values.length === 0) return null; // a modify() we cannot see into
  return ids;
}

export const contactsJournal: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'contacts-journal',
  create: (down) => ({
    ...down,
    transaction(stores, mode, options) {
      const scope = mode === 'readwrite' && stores.includes('contacts') && !stores.includes(JOURNAL_TABLE) ? [...stores, JOURNAL_TABLE] : stores;
      return down.transaction(scope, mode, options);
    },
    table(name) {
      const table = down.table(name);
      if (name !== 'contacts') return table;
      return {
        ...table,
        async mutate(req) {
          const row: JournalRow = { ids: changedIds(req, table) };
          const [result] = await Promise.all([table.mutate(req), down.table(JOURNAL_TABLE).mutate({ type: 'add', trans: req.trans, values: [row] })]);
          return result;
        },
      };
    },
  }),
};
