// [R5] One migration list for both engines: portable steps become valid PostgreSQL.
import { expect, it } from 'vitest';
import { stepSql, toPostgres } from './dialect';
import { MIGRATIONS } from './migrations';

it('[R5] portable SQL: INTEGER becomes BIGINT (epoch ms do not fit 32 bits), WITHOUT ROWID is dropped', () => {
  expect(toPostgres('CREATE TABLE t (a INTEGER NOT NULL, b TEXT) WITHOUT ROWID;')).toBe('CREATE TABLE t (a BIGINT NOT NULL, b TEXT);');
  expect(stepSql('x INTEGER', 'sqlite')).toBe('x INTEGER');
  expect(stepSql({ sqlite: 'a', postgres: 'b' }, 'postgres')).toBe('b');
});

it('[R5] every migration has PostgreSQL SQL without SQLite-only constructs', () => {
  for (const step of MIGRATIONS) {
    const sql = stepSql(step, 'postgres');
    expect(sql).not.toMatch(/json_extract|WITHOUT ROWID|\bINTEGER\b|AUTOINCREMENT|INSERT OR /i);
  }
});
