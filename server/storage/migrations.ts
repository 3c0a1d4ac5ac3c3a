// Versioned schema migrations: the ONE list for both engines (R5). SQLite tracks the version with
// PRAGMA user_version, PostgreSQL in schema_version (postgres-migrate.ts).
// Append a new entry for every change; never edit a shipped one. A plain string is portable SQL
// (dialect.ts turns INTEGER into BIGINT for PostgreSQL); use { sqlite, postgres } where they differ.
import type Database from 'better-sqlite3';
import { pgAsciiLower, stepSql, type MigrationStep } from './dialect';

export const MIGRATIONS: readonly MigrationStep[] = [
  // 1: workspaces, devices, the generic records table, the per-workspace sequence, the mutation log.
  // PostgreSQL keeps record bodies as `json` (verbatim text, so key order and escapes such as \u0000
  // survive; jsonb would reject them) and has no WITHOUT ROWID.
  {
    sqlite: `
  CREATE TABLE workspaces (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    ingest_key_hash TEXT
  );
  CREATE TABLE workspace_seq (
    workspace_id TEXT PRIMARY KEY REFERENCES workspaces(id),
    seq INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE devices (
    token_hash TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER,
    revoked_at INTEGER
  );
  CREATE TABLE records (
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    kind TEXT NOT NULL CHECK (kind IN ('contact', 'conversation', 'field', 'segment')),
    id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    contact_id TEXT,
    data TEXT,
    PRIMARY KEY (workspace_id, kind, id),
    UNIQUE (workspace_id, seq)
  );
  -- Ids are globally unique: an id of workspace B can never be created or touched from A.
  CREATE UNIQUE INDEX records_id ON records(id);
  CREATE INDEX records_contact ON records(workspace_id, contact_id) WHERE contact_id IS NOT NULL;
  CREATE TABLE clients (
    client_id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    last_mutation_id INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE applied_mutations (
    client_id TEXT NOT NULL REFERENCES clients(client_id),
    mutation_id INTEGER NOT NULL,
    workspace_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('applied', 'ignored', 'rejected')),
    reason TEXT,
    PRIMARY KEY (client_id, mutation_id)
  ) WITHOUT ROWID;
  `,
    postgres: `
  CREATE TABLE workspaces (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    ingest_key_hash TEXT
  );
  CREATE TABLE workspace_seq (
    workspace_id TEXT PRIMARY KEY REFERENCES workspaces(id),
    seq BIGINT NOT NULL DEFAULT 0
  );
  CREATE TABLE devices (
    token_hash TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT,
    revoked_at BIGINT
  );
  CREATE TABLE records (
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    kind TEXT NOT NULL CHECK (kind IN ('contact', 'conversation', 'field', 'segment')),
    id TEXT NOT NULL,
    seq BIGINT NOT NULL,
    deleted SMALLINT NOT NULL DEFAULT 0,
    contact_id TEXT,
    data JSON,
    PRIMARY KEY (workspace_id, kind, id),
    UNIQUE (workspace_id, seq)
  );
  CREATE UNIQUE INDEX records_id ON records(id);
  CREATE INDEX records_contact ON records(workspace_id, contact_id) WHERE contact_id IS NOT NULL;
  CREATE TABLE clients (
    client_id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    last_mutation_id BIGINT NOT NULL DEFAULT 0
  );
  CREATE TABLE applied_mutations (
    client_id TEXT NOT NULL REFERENCES clients(client_id),
    mutation_id BIGINT NOT NULL,
    workspace_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('applied', 'ignored', 'rejected')),
    reason TEXT,
    PRIMARY KEY (client_id, mutation_id)
  );
  `,
  },
  // 2: ingest (R2). Ingest keys are looked up by hash; contacts are matched by email
  // (case-insensitive, ASCII folding like the query) and by E.164 phone without a scan.
  {
    sqlite: `
  CREATE UNIQUE INDEX workspaces_ingest_key ON workspaces(ingest_key_hash) WHERE ingest_key_hash IS NOT NULL;
  CREATE INDEX records_contact_email ON records(workspace_id, lower(json_extract(data, '$.email')))
    WHERE kind = 'contact' AND deleted = 0;
  CREATE INDEX records_contact_phone ON records(workspace_id, json_extract(data, '$.phone'))
    WHERE kind = 'contact' AND deleted = 0;
  `,
    postgres: `
  CREATE UNIQUE INDEX workspaces_ingest_key ON workspaces(ingest_key_hash) WHERE ingest_key_hash IS NOT NULL;
  CREATE INDEX records_contact_email ON records(workspace_id, (${pgAsciiLower("data->>'email'")}))
    WHERE kind = 'contact' AND deleted = 0;
  CREATE INDEX records_contact_phone ON records(workspace_id, (data->>'phone'))
    WHERE kind = 'contact' AND deleted = 0;
  `,
  },
  // 3: accounts (issue 11): users, memberships with a role, expiring invites, workspace settings,
  // devices tied to a user with their last sync, and who created a record (segment ownership).
  `
  ALTER TABLE workspaces ADD COLUMN settings TEXT;
  ALTER TABLE devices ADD COLUMN user_id TEXT;
  ALTER TABLE devices ADD COLUMN last_sync_at INTEGER;
  CREATE INDEX devices_user ON devices(user_id) WHERE user_id IS NOT NULL;
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE memberships (
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    role TEXT NOT NULL CHECK (role IN ('admin', 'agent')),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
  );
  CREATE INDEX memberships_user ON memberships(user_id);
  CREATE TABLE invites (
    code_hash TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    role TEXT NOT NULL CHECK (role IN ('admin', 'agent')),
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER,
    used_by TEXT
  );
  CREATE TABLE record_creators (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    user_id TEXT NOT NULL
  );
  `,
  // 4: push speed (issue 9). SQLite re-computes an expression index over `data` on EVERY update of
  // `data` (an opt-in toggle rewrote both json_extract indexes: ~2/3 of a push's pages and fsync).
  // The ingest match keys become plain columns the server writes only when they change (sqlite.ts).
  // PostgreSQL rewrites every index entry of an updated row anyway (no HOT with json indexes): unchanged.
  {
    sqlite: `
  ALTER TABLE records ADD COLUMN email_key TEXT;
  ALTER TABLE records ADD COLUMN phone_key TEXT;
  UPDATE records SET email_key = lower(json_extract(data, '$.email')), phone_key = json_extract(data, '$.phone')
    WHERE kind = 'contact' AND deleted = 0;
  DROP INDEX records_contact_email;
  DROP INDEX records_contact_phone;
  CREATE INDEX records_contact_email ON records(workspace_id, email_key) WHERE kind = 'contact' AND deleted = 0;
  CREATE INDEX records_contact_phone ON records(workspace_id, phone_key) WHERE kind = 'contact' AND deleted = 0;
  `,
    postgres: 'SELECT 1',
  },
];

/** Brings the file to the newest version, one transaction per step. Returns the resulting version. */
export function migrate(db: Database.Database): number {
  let version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    throw new Error(`Database schema version ${version} is newer than this server (${MIGRATIONS.length})`);
  }
  while (version < MIGRATIONS.length) {
    const sql = stepSql(MIGRATIONS[version], 'sqlite');
    const next = version + 1;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${next}`);
    })();
    version = next;
  }
  return version;
}
