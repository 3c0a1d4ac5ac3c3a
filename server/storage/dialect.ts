// SQL dialect differences between the two storage engines (R5), kept in this one place.
// Migration steps are written once (migrations.ts); a step is either portable SQL, run on both
// engines after `toPostgres`, or a pair of per-engine texts where the engines really differ.
export type Dialect = 'sqlite' | 'postgres';

export type MigrationStep = string | { readonly sqlite: string; readonly postgres: string };

/**
 * Portable SQL -> PostgreSQL. SQLite's INTEGER is 64-bit while PostgreSQL's is 32-bit (epoch
 * milliseconds overflow it), so INTEGER becomes BIGINT; WITHOUT ROWID is a SQLite storage hint.
 */
export function toPostgres(sql: string): string {
  return sql.replace(/\bINTEGER\b/g, 'BIGINT').replace(/\)\s*WITHOUT ROWID/g, ')');
}

export function stepSql(step: MigrationStep, dialect: Dialect): string {
  if (typeof step !== 'string') return step[dialect];
  return dialect === 'sqlite' ? step : toPostgres(step);
}

/** PostgreSQL's lower() folds by locale; SQLite's (and the contract's) only folds ASCII A-Z. */
export const pgAsciiLower = (expr: string): string =>
  `translate(${expr}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')`;

/**
 * SQL building one pull Change as JSON text from a records row (kind, id, seq, deleted, data), the
 * same object the tRPC path serialises: {"kind","id","seq","deleted"[,"data"]}. `data` is stored
 * JSON (written with JSON.stringify) and spliced verbatim; kind is one of four plain words (CHECK).
 * `quotedId` is the engine's JSON string quoting of the id column.
 */
export function changeJsonSql(quotedId: string, seqText = 'seq', dataText = 'data'): string {
  const head = `'{"kind":"' || kind || '","id":' || ${quotedId} || ',"seq":' || ${seqText}`;
  return `CASE WHEN deleted = 1 THEN ${head} || ',"deleted":true}' ELSE ${head} || ',"deleted":false,"data":' || ${dataText} || '}' END`;
}
