// The baseline (issue 9 item 3): the same questions answered the way a server-query CRM answers
// them (Chatwoot: ILIKE '%q%' over name, email and phone, COUNT(*), ORDER BY + LIMIT/OFFSET), by a
// tiny node:http server over the same seeded rows. It reads the seeded SQLite file read-only and
// copies the contacts into an in-memory table with real columns and an index on created_at (what
// a CRM schema has); SQLite LIKE is case-insensitive for ASCII, like ILIKE.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DB_FILE_NAME } from '../server/storage/sqlite';

export type BaselineServer = { url: string; contacts: number; close(): Promise<void> };
export type BaselineAnswer = { total: number; rows: { id: string; name: string }[] };

const DAY = 86_400_000;
const PAGE = 10;

export async function startBaselineServer(dataDir: string, now: number): Promise<BaselineServer> {
  const db = new Database(':memory:');
  db.exec(`CREATE TABLE contacts (id TEXT PRIMARY KEY, name TEXT, email TEXT, phone TEXT, created_at INTEGER,
    last_activity_at INTEGER, opt_in INTEGER, plan TEXT)`);
  const seeded = new Database(path.join(dataDir, DB_FILE_NAME), { readonly: true, fileMustExist: true });
  const insert = db.prepare('INSERT INTO contacts VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const rows = seeded
    .prepare(
      `SELECT id, json_extract(data, '$.name') AS name, json_extract(data, '$.email') AS email,
        json_extract(data, '$.phone') AS phone, json_extract(data, '$.createdAt') AS c,
        json_extract(data, '$.lastInteractionAt') AS l, json_extract(data, '$.campaignOptIn') AS o,
        json_extract(data, '$.customFields.plan') AS p
       FROM records WHERE kind = 'contact' AND deleted = 0`,
    )
    .raw()
    .iterate();
  db.transaction(() => {
    for (const row of rows) insert.run(row as unknown[]);
  })();
  seeded.close();
  db.exec('CREATE INDEX contacts_created ON contacts(created_at)');
  const contacts = (db.prepare('SELECT COUNT(*) AS n FROM contacts').get() as { n: number }).n;
  const where = {
    search: 'name LIKE @q OR email LIKE @q OR phone LIKE @q',
    all: 'opt_in = 1 AND plan = @plan AND last_activity_at >= @since',
    any: 'opt_in = 1 OR plan = @plan OR last_activity_at >= @since',
  } as const;
  const statements = Object.fromEntries(
    Object.entries(where).map(([k, w]) => [
      k,
      {
        count: db.prepare(`SELECT COUNT(*) AS n FROM contacts WHERE ${w}`),
        page: db.prepare(`SELECT id, name FROM contacts WHERE ${w} ORDER BY created_at DESC LIMIT ${PAGE} OFFSET @offset`),
      },
    ]),
  ) as Record<keyof typeof where, { count: Database.Statement; page: Database.Statement }>;

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const kind = url.pathname.slice(1) as keyof typeof where;
    const st = statements[kind];
    if (!st) {
      res.writeHead(404).end();
      return;
    }
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
    const params =
      kind === 'search'
        ? { q: `%${url.searchParams.get('q') ?? ''}%` }
        : { plan: url.searchParams.get('plan') ?? 'Pro', since: now - Number(url.searchParams.get('days') ?? 90) * DAY };
    const total = (st.count.get(params) as { n: number }).n;
    const rows = st.page.all({ ...params, offset: (page - 1) * PAGE });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ total, rows }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    contacts,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        db.close();
      }),
  };
}

/** One baseline question, timed from the request to the parsed answer (loopback HTTP included). */
export async function askBaseline(base: string, pathAndQuery: string): Promise<{ ms: number; answer: BaselineAnswer }> {
  const t0 = performance.now();
  const response = await fetch(`${base}${pathAndQuery}`);
  const answer = (await response.json()) as BaselineAnswer;
  return { ms: performance.now() - t0, answer };
}
