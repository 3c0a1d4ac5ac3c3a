// Test helper (not a test): PostgreSQL storages in throwaway schemas of the server named by
// TEST_DATABASE_URL (scripts/with-postgres.sh and .ci/run start one). Never skipped: without a
// reachable server the PostgreSQL tests fail, so a CI that forgot to start it cannot pass.
import pg from 'pg';
import { afterAll } from 'vitest';
import { PostgresStorage } from './postgres';
import { testDatabaseUrl } from './postgres-cluster-testing';

export { testDatabaseUrl };

const schemas: string[] = [];
afterAll(async () => {
  if (schemas.length === 0) return;
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    for (const s of schemas.splice(0)) await client.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
  } finally {
    await client.end();
  }
});

/** A fresh, empty schema name (dropped after the test file). */
export function freshSchema(): string {
  const name = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  schemas.push(name);
  return name;
}

/** A storage on the test database; pass one schema to several to act as several server processes. */
export function openTestPostgres(schema = freshSchema(), max = 4): PostgresStorage {
  return new PostgresStorage({ connectionString: testDatabaseUrl(), schema, max });
}
