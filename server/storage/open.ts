// Picks the storage engine (R5): PostgreSQL when DATABASE_URL is a postgres:// URL (several server
// processes may share it), else the SQLite file in DATA_DIR (one process, the default).
import { openPostgresStorage } from './postgres';
import { openSqliteStorage } from './sqlite';
import type { Storage } from './types';

export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//i.test(url);

export async function openStorage(opts: { dataDir: string; databaseUrl?: string }): Promise<Storage> {
  if (opts.databaseUrl) {
    if (!isPostgresUrl(opts.databaseUrl)) throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
    return openPostgresStorage({ connectionString: opts.databaseUrl });
  }
  return openSqliteStorage(opts.dataDir);
}
