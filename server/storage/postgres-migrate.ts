// Brings a PostgreSQL schema to the newest version from the one migration list (migrations.ts).
// Several server processes may start at once: a transaction-scoped advisory lock makes them take
// turns, and each re-reads the version after getting the lock, so a step runs once.
import type pg from 'pg';
import { stepSql } from './dialect';
import { MIGRATIONS } from './migrations';

const LOCK = `SELECT pg_advisory_xact_lock(hashtext('all-contacts-migrate'))`;
const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function locked<T>(client: pg.PoolClient, fn: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    await client.query(LOCK);
    const result = await fn();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

async function currentVersion(client: pg.PoolClient): Promise<number> {
  const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_version');
  return rows[0]?.version ?? 0;
}

/** Returns the resulting version; throws when the database is newer than this server. */
export async function migratePostgres(pool: pg.Pool, schema?: string): Promise<number> {
  const client = await pool.connect();
  try {
    await locked(client, async () => {
      if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
      await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
      await client.query('INSERT INTO schema_version (version) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM schema_version)');
    });
    for (;;) {
      const done = await locked(client, async () => {
        const version = await currentVersion(client);
        if (version > MIGRATIONS.length) {
          throw new Error(`Database schema version ${version} is newer than this server (${MIGRATIONS.length})`);
        }
        if (version === MIGRATIONS.length) return true;
        await client.query(stepSql(MIGRATIONS[version], 'postgres'));
        await client.query('UPDATE schema_version SET version = $1', [version + 1]);
        return false;
      });
      if (done) return MIGRATIONS.length;
    }
  } finally {
    client.release();
  }
}
