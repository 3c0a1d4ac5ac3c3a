// Test helper: every row of every table of the SQLite file, read through a second read-only
// connection (so it sees only committed data), to prove a refused request changed nothing.
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';

/** table name -> sha256 over its rows (each row as JSON, sorted). */
export type DbSnapshot = Record<string, string>;

export function snapshotDb(file: string): DbSnapshot {
  const db = new Database(file, { readonly: true });
  try {
    const out: DbSnapshot = {};
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
    for (const { name } of tables) {
      const rows = db.prepare(`SELECT * FROM "${name}"`).all().map((r) => JSON.stringify(r)).sort();
      out[name] = createHash('sha256').update(rows.join('\n')).digest('hex');
    }
    return out;
  } finally {
    db.close();
  }
}

/** Names of the tables whose content differs between two snapshots. */
export function changedTables(before: DbSnapshot, after: DbSnapshot): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((n) => before[n] !== after[n]).sort();
}

export function queryRows<T>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
