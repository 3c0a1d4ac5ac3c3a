// [R5] Engine choice: DATABASE_URL=postgres://... selects PostgreSQL, unset keeps the SQLite file.
import { afterEach, expect, it } from 'vitest';
import { parseEnv } from '../env';
import { tempDataDir } from '../test-helpers';
import { openStorage } from './open';
import { PostgresStorage } from './postgres';
import { createTestDatabase } from './postgres-cluster-testing';
import { SqliteStorage } from './sqlite';
import type { Storage } from './types';

const opened: Storage[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

it('[R5] DATABASE_URL picks PostgreSQL; without it the SQLite file in DATA_DIR', async () => {
  const sqlite = await openStorage({ dataDir: tempDataDir() });
  opened.push(sqlite);
  expect(sqlite).toBeInstanceOf(SqliteStorage);
  const db = await createTestDatabase();
  try {
    const url = new URL(db.url);
    url.password = 'secret-pw';
    const pg = await openStorage({ dataDir: tempDataDir(), databaseUrl: url.toString() });
    expect(pg).toBeInstanceOf(PostgresStorage);
    expect((await pg.health()).ok).toBe(true);
    expect(pg.location).not.toContain('secret-pw');
    await pg.close();
  } finally {
    await db.drop();
  }
});

it('[R5] DATABASE_URL must be a postgres URL; blank means unset', async () => {
  expect(parseEnv({ DATABASE_URL: 'postgres://u:p@db:5432/contacts' }).DATABASE_URL).toBe('postgres://u:p@db:5432/contacts');
  expect(parseEnv({ DATABASE_URL: 'postgresql://db/contacts' }).DATABASE_URL).toBe('postgresql://db/contacts');
  expect(parseEnv({ DATABASE_URL: '  ' }).DATABASE_URL).toBeUndefined();
  expect(() => parseEnv({ DATABASE_URL: 'mysql://db/contacts' })).toThrow(/DATABASE_URL/);
  await expect(openStorage({ dataDir: tempDataDir(), databaseUrl: 'sqlite://x' })).rejects.toThrow(/postgres/);
});
