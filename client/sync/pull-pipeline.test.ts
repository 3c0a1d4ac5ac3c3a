// First sync speed (issue 9, S4, S5, Q1): pulled contacts reach the query index before they are
// stored, the cursor only moves with what is stored, and a record with a pending edit is never
// shown from the network (its stored view = server + pending mutations comes later).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateWorkspace } from '../../server/seed/generate';
import { writeWorkspace } from '../../server/seed/seed';
import type { PullResponse } from '../../shared/protocol';
import { patchContact } from '../db/changes';
import { createQueryEngine } from '../query/engine';
import { EMPTY_FILTER } from '../../shared/schema';
import { resetForResync, storePage } from './pull';
import { runPullPipeline, splitPage } from './pull-pipeline';
import { makeDevice, startTestServer, type Device, type TestServer } from './testing/harness';

let server: TestServer;
const devices: Device[] = [];
const CONTACTS = 1200;
let workspaceId = '';

beforeAll(async () => {
  server = await startTestServer();
  const w = generateWorkspace({ contacts: CONTACTS, seed: 9, now: Date.UTC(2026, 0, 1) });
  await writeWorkspace(server.storage, w);
  workspaceId = w.workspace.id;
});
afterAll(async () => {
  await Promise.all(devices.map((d) => d.close()));
  await server.close();
});

async function device(name: string): Promise<Device> {
  const d = await makeDevice(server, workspaceId, name);
  devices.push(d);
  return d;
}

/** A store step that waits for `open()` before storing anything. */
function gatedStore(d: Device) {
  let open: () => void = () => {};
  const gate = new Promise<void>((r) => (open = r));
  return { open, store: async (page: PullResponse) => (await gate, storePage(d.db, page)) };
}

const ctx = { now: Date.now(), fields: [], timeZone: 'UTC' };
const everyone = { search: '', filter: EMPTY_FILTER };

describe('pull pipeline', () => {
  it('[S4][Q1] first sync: every pulled contact is in the query index while nothing is stored yet; the cursor follows the stores', async () => {
    const d = await device('first');
    const engine = createQueryEngine(d.db);
    await engine.settled();
    const gate = gatedStore(d);
    const cursors: number[] = [];
    const run = runPullPipeline(d.db, d.transport, {
      clientId: d.session.clientId,
      start: 0,
      limit: 500,
      ahead: true,
      store: gate.store,
      onStored: (p) => cursors.push(p.cursor),
    });
    await expect.poll(() => engine.count(everyone, ctx), { timeout: 20_000 }).toBe(CONTACTS);
    expect(await d.db.contacts.count()).toBe(0);
    expect(await d.db.getMeta('cursor')).toBeUndefined();

    gate.open();
    await run;
    const head = (await d.transport.pull({ clientId: d.session.clientId, cursor: 0, limit: 1 })).headSeq;
    expect(await d.db.getMeta('cursor')).toBe(head);
    expect(cursors.at(-1)).toBe(head);
    expect(await d.db.contacts.count()).toBe(CONTACTS);
    await engine.settled();
    expect(engine.count(everyone, ctx)).toBe(CONTACTS);
    engine.close();
  });

  it('[S5][V7] a contact shown from the network before it is stored can be edited; storing rebases the edit and it syncs', async () => {
    const d = await device('edit-early');
    const engine = createQueryEngine(d.db);
    await engine.settled();
    const gate = gatedStore(d);
    const run = runPullPipeline(d.db, d.transport, {
      clientId: d.session.clientId,
      start: 0,
      limit: 500,
      ahead: true,
      store: gate.store,
      onStored: () => undefined,
    });
    await expect.poll(() => engine.count(everyone, ctx), { timeout: 20_000 }).toBe(CONTACTS);
    expect(await d.db.contacts.count()).toBe(0);
    const id = engine.matchingIds({ ...everyone, sort: { by: 'name', dir: 'asc' } }, ctx)[0];
    const shown = engine.get(id)!;

    await patchContact(d.db, id, { set: { name: 'Edited Before Stored' } });
    expect((await d.db.contacts.get(id))?.name).toBe('Edited Before Stored');

    gate.open();
    await run;
    const stored = await d.db.contacts.get(id);
    expect(stored).toEqual({ ...shown, name: 'Edited Before Stored', updatedAt: stored!.updatedAt });
    await d.push();
    const fresh = await device('checker');
    await fresh.pull();
    expect((await fresh.db.contacts.get(id))?.name).toBe('Edited Before Stored');
    engine.close();
  });

  it('[S5] a contact with a pending edit is not shown from the network; once stored it shows server data + the edit', async () => {
    const d = await device('pending');
    await d.pull();
    const [target] = await d.db.contacts.limit(1).toArray();
    await patchContact(d.db, target.id, { set: { name: 'Pending Local Name' } });
    await resetForResync(d.db); // forget pulled data, keep the outbox: like a first sync with a pending edit
    const engine = createQueryEngine(d.db);
    await engine.settled();
    const gate = gatedStore(d);
    const run = runPullPipeline(d.db, d.transport, { clientId: d.session.clientId, start: 0, limit: 400, ahead: true, store: gate.store, onStored: () => {} });
    await expect.poll(() => engine.count(everyone, ctx), { timeout: 20_000 }).toBe(CONTACTS - 1);
    expect(engine.matchingIds({ ...everyone, sort: { by: 'name', dir: 'asc' } }, ctx)).not.toContain(target.id);
    gate.open();
    await run;
    await engine.settled();
    expect(engine.count(everyone, ctx)).toBe(CONTACTS);
    expect(engine.query({ search: 'Pending Local Name', filter: EMPTY_FILTER, sort: { by: 'name', dir: 'asc' }, page: 1, pageSize: 10 }, ctx).rows.map((c) => c.id)).toEqual([target.id]);
    engine.close();
  });

  it('[S4] a page is stored in chunks, each with the cursor of its own last change', () => {
    const changes = Array.from({ length: 5 }, (_, i) => ({ kind: 'segment' as const, id: `id-${i}`, seq: 10 + i * 2, deleted: true as const }));
    const page: PullResponse = { changes, cursor: 18, hasMore: false, headSeq: 18, lastMutationId: 3 };
    const parts = splitPage(page, 2);
    expect(parts.map((p) => [p.changes.length, p.cursor, p.hasMore])).toEqual([
      [2, 12, true],
      [2, 16, true],
      [1, 18, false],
    ]);
    expect(parts.every((p) => p.lastMutationId === 3 && p.headSeq === 18)).toBe(true);
  });
});
