// The storage contract on a REAL PostgreSQL server (R5), plus what only several processes can
// break: seq order under concurrent writers, exactly-once push, concurrent migrations.
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import { mutationSchema, type MutationBody } from '../../shared/mutations';
import type { Contact } from '../../shared/schema';
import { pushMutations } from '../sync/push';
import { numbered, TEST_NOW } from '../test-helpers';
import { describeStorageContract } from './contract';
import { MIGRATIONS } from './migrations';
import { openPostgresStorage, type PostgresStorage } from './postgres';
import { freshSchema, openTestPostgres, testDatabaseUrl } from './postgres-testing';

describeStorageContract('postgres', () => openTestPostgres());

const opened: PostgresStorage[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});
/** Two (or more) storages on one schema = server processes sharing one database. */
async function processes(n: number, schema = freshSchema()): Promise<PostgresStorage[]> {
  const list = Array.from({ length: n }, () => openTestPostgres(schema));
  opened.push(...list);
  await Promise.all(list.map((s) => s.ready));
  return list;
}

describe('PostgreSQL storage', () => {
  it('[R5] processes starting together migrate once, to the newest version', async () => {
    const schema = freshSchema();
    const list = await processes(3, schema);
    const { rows } = await list[0].pool.query<{ version: number }>('SELECT version FROM schema_version');
    expect(rows).toEqual([{ version: MIGRATIONS.length }]);
  });

  it('[R5] an unreachable database fails at start-up', async () => {
    const url = new URL(testDatabaseUrl());
    url.port = '1';
    await expect(openPostgresStorage({ connectionString: url.toString() })).rejects.toThrow();
  });

  it('[S4] concurrent writers on two processes: seq order is commit order, so a snapshot never has a gap', async () => {
    const [a, b] = await processes(2);
    const ws = newId();
    await a.createWorkspace({ id: ws, name: 'W', createdAt: 1 });
    let stop = false;
    const gaps: string[] = [];
    // Reader: every snapshot must hold seqs 1..head without a hole (a hole = a row a pull skips).
    const reader = (async () => {
      while (!stop) {
        const { records, headSeq } = await b.changesSince(ws, 0, 100_000);
        const seqs = records.map((r) => r.seq);
        if (seqs.length !== headSeq || seqs.some((s, i) => s !== i + 1)) gaps.push(`head ${headSeq}: ${seqs.join(',')}`);
      }
    })();
    const writes = Array.from({ length: 60 }, (_, i) =>
      (i % 2 ? a : b).transaction(async (tx) => {
        await tx.putRecord(ws, { kind: 'contact', id: newId(), data: { i } });
        await new Promise((r) => setTimeout(r, Math.random() * 3)); // hold the transaction open a while
        await tx.putRecord(ws, { kind: 'segment', id: newId(), data: { i } });
      }),
    );
    await Promise.all(writes);
    stop = true;
    await reader;
    expect(gaps).toEqual([]);
    expect(await a.headSeq(ws)).toBe(120);
  });

  it('[S3] the same mutation record from two processes at once: stored once, the loser sees a unique violation', async () => {
    const [a, b] = await processes(2);
    const ws = newId();
    await a.createWorkspace({ id: ws, name: 'W', createdAt: 1 });
    const clientId = newId();
    await a.transaction((tx) => tx.ensureClient(clientId, ws));
    // Bypasses the workspace lock on purpose (raw inserts): only the primary key stops the duplicate.
    const insert = (s: PostgresStorage) =>
      s.pool.query(
        `INSERT INTO applied_mutations (client_id, mutation_id, workspace_id, status, reason) VALUES ($1, 1, $2, 'applied', NULL)`,
        [clientId, ws],
      );
    const results = await Promise.allSettled([insert(a), insert(b)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect((failed?.reason as pg.DatabaseError).code).toBe('23505');
  });

  it('[S3] a transaction that hits a unique violation is run again and then sees the stored row', async () => {
    const [a, b] = await processes(2);
    const ws = newId();
    await a.createWorkspace({ id: ws, name: 'W', createdAt: 1 });
    const clientId = newId();
    await a.transaction((tx) => tx.ensureClient(clientId, ws));
    let attempts = 0;
    const outcome = await a.transaction(async (tx) => {
      attempts += 1;
      const stored = await tx.getMutationResult(clientId, 1);
      if (stored) return stored;
      // Another process records the same mutation between our check and our insert.
      if (attempts === 1) {
        await b.pool.query(
          `INSERT INTO applied_mutations (client_id, mutation_id, workspace_id, status, reason) VALUES ($1, 1, $2, 'ignored', 'first')`,
          [clientId, ws],
        );
      }
      await tx.recordMutationResult(clientId, ws, 1, { status: 'applied', reason: null });
      return { status: 'applied' as const, reason: null };
    });
    expect(attempts).toBe(2);
    expect(outcome).toEqual({ status: 'ignored', reason: 'first' });
  });

  it('[S5][S3] two processes patching different fields of one contact at once lose neither patch; a retried push applies once', async () => {
    const [a, b] = await processes(2);
    const ws = newId();
    await a.createWorkspace({ id: ws, name: 'W', createdAt: 1 });
    const push = (s: PostgresStorage, clientId: string, firstId: number, bodies: MutationBody[]) =>
      pushMutations(s, ws, clientId, numbered(bodies, firstId).map((m) => ({ ok: true as const, mutation: mutationSchema.parse(m) })));
    const ids = Array.from({ length: 25 }, () => newId());
    const creator = newId();
    await push(a, creator, 1, ids.map((id) => ({
      name: 'contact.create',
      args: { id, createdAt: TEST_NOW, name: 'Old', email: '', phone: '', avatarUrl: '', campaignOptIn: false, customFields: {} },
    })));
    // One client per patch: a client's own pushes are sequential, different clients' are not.
    const clients = ids.map(() => [newId(), newId()]);
    await Promise.all(
      ids.flatMap((id, i) => [
        push(a, clients[i][0], 1, [{ name: 'contact.patch', args: { id, set: { name: `New ${i}` } } }]),
        push(b, clients[i][1], 1, [{ name: 'contact.patch', args: { id, set: { email: `n${i}@x.io` } } }]),
      ]),
    );
    // The same push reaching the other process again (a retry after a lost answer) is a replay.
    const again = await push(a, clients[0][1], 1, [{ name: 'contact.patch', args: { id: ids[0], set: { email: 'n0@x.io' } } }]);
    expect(again.stats).toMatchObject({ replayed: 1, applied: 0 });
    const { records, headSeq } = await b.changesSince(ws, 0, 1000);
    expect(headSeq).toBe(75);
    const byId = new Map(records.map((r) => [r.id, r.data as Contact]));
    ids.forEach((id, i) => expect(byId.get(id)).toMatchObject({ name: `New ${i}`, email: `n${i}@x.io` }));
  });
});
