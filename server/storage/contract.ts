// The storage contract test suite (R5): every Storage implementation must pass it. SQLite runs it
// in sqlite.test.ts; a PostgreSQL adapter adds one line calling describeStorageContract.
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import { accountContractTests } from './contract-accounts';
import type { Storage } from './types';

export function describeStorageContract(name: string, open: () => Storage): void {
  describe(`storage contract: ${name}`, () => {
    const opened: Storage[] = [];
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
    });
    const fresh = () => {
      const s = open();
      opened.push(s);
      return s;
    };

    accountContractTests(fresh);

    it('[S4] every write takes the next seq of its workspace, independently per workspace', async () => {
      const storage = fresh();
      const a = { id: newId(), name: 'A', createdAt: 1 };
      const b = { id: newId(), name: 'B', createdAt: 1 };
      await storage.createWorkspace(a);
      await storage.createWorkspace(b);
      const id = newId();
      const seqs = await storage.transaction(async (tx) => [
        await tx.putRecord(a.id, { kind: 'contact', id, data: { v: 1 } }),
        await tx.putRecord(a.id, { kind: 'contact', id, data: { v: 2 } }),
        await tx.putRecord(b.id, { kind: 'contact', id: newId(), data: {} }),
        await tx.tombstone(a.id, 'contact', id),
      ]);
      expect(seqs).toEqual([1, 2, 1, 3]);
      const { records, headSeq } = await storage.changesSince(a.id, 0, 10);
      expect(headSeq).toBe(3);
      expect(records).toEqual([{ kind: 'contact', id, seq: 3, deleted: true, data: null }]);
    });

    it('[S9] ids are global: ownerOf names the workspace holding an id', async () => {
      const storage = fresh();
      const a = { id: newId(), name: 'A', createdAt: 1 };
      await storage.createWorkspace(a);
      const id = newId();
      await storage.transaction((tx) => tx.putRecord(a.id, { kind: 'contact', id, data: {} }));
      await storage.transaction(async (tx) => {
        expect(await tx.ownerOf(id)).toEqual({ workspaceId: a.id, kind: 'contact' });
        expect(await tx.ownerOf(newId())).toBeNull();
      });
    });

    it('[R4] a failing transaction rolls back everything it wrote', async () => {
      const storage = fresh();
      const a = { id: newId(), name: 'A', createdAt: 1 };
      await storage.createWorkspace(a);
      await expect(
        storage.transaction(async (tx) => {
          await tx.putRecord(a.id, { kind: 'contact', id: newId(), data: {} });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await storage.headSeq(a.id)).toBe(0);
      expect((await storage.changesSince(a.id, 0, 10)).records).toEqual([]);
    });

    it('[R4] reads wait for an open transaction instead of seeing its uncommitted writes', async () => {
      const storage = fresh();
      const a = { id: newId(), name: 'A', createdAt: 1 };
      await storage.createWorkspace(a);
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const tx = storage.transaction(async (t) => {
        await t.putRecord(a.id, { kind: 'contact', id: newId(), data: {} });
        await gate;
        throw new Error('abort');
      });
      const read = storage.headSeq(a.id);
      release();
      await expect(tx).rejects.toThrow('abort');
      expect(await read).toBe(0);
    });

    it('[S4] putRecords gives consecutive seqs in array order; listLive and conversationIdsOf skip tombstones', async () => {
      const storage = fresh();
      const a = { id: newId(), name: 'A', createdAt: 1 };
      await storage.createWorkspace(a);
      const contactId = newId();
      const [c1, c2, f1] = [newId(), newId(), newId()];
      await storage.transaction(async (tx) => {
        await tx.putRecord(a.id, { kind: 'segment', id: newId(), data: {} });
        await tx.putRecords(a.id, [
          { kind: 'contact', id: contactId, data: { name: 'x' } },
          { kind: 'conversation', id: c1, data: {}, contactId },
          { kind: 'conversation', id: c2, data: {}, contactId },
          { kind: 'field', id: f1, data: { key: 'k' } },
        ]);
        await tx.tombstone(a.id, 'conversation', c1);
      });
      const { records } = await storage.changesSince(a.id, 1, 10);
      expect(records.map((r) => [r.id, r.seq])).toEqual([[contactId, 2], [c2, 4], [f1, 5], [c1, 6]]);
      await storage.transaction(async (tx) => {
        expect(await tx.conversationIdsOf(a.id, contactId)).toEqual([c2]);
        expect((await tx.listLive(a.id, 'field')).map((r) => r.data)).toEqual([{ key: 'k' }]);
        expect(await tx.getRecord(a.id, 'conversation', c1)).toMatchObject({ deleted: true, data: null });
      });
    });

    it('[S9] devices: created, found by token hash, revoked', async () => {
      const storage = fresh();
      const a = { id: newId(), name: 'A', createdAt: 1 };
      await storage.createWorkspace(a);
      await storage.createDevice('hash-1', { workspaceId: a.id, name: 'Phone', createdAt: 5 });
      expect(await storage.findDevice('hash-1')).toEqual({ workspaceId: a.id, name: 'Phone', createdAt: 5, lastSeenAt: null, revokedAt: null, userId: null, lastSyncAt: null });
      await storage.touchDevice('hash-1', 7);
      await storage.revokeDevice('hash-1', 9);
      await storage.revokeDevice('hash-1', 11);
      expect(await storage.findDevice('hash-1')).toMatchObject({ lastSeenAt: 7, revokedAt: 9 });
      expect(await storage.findDevice('nope')).toBeNull();
    });

    it('[R2] ingest keys: stored hashed per workspace, found by hash, replaceable', async () => {
      const storage = fresh();
      const a = { id: newId(), name: 'A', createdAt: 1 };
      const b = { id: newId(), name: 'B', createdAt: 1 };
      await storage.createWorkspace(a);
      await storage.createWorkspace(b);
      expect(await storage.getIngestKeyHash(a.id)).toBeNull();
      await storage.setIngestKeyHash(a.id, 'key-a');
      await storage.setIngestKeyHash(b.id, 'key-b');
      expect(await storage.workspaceByIngestKeyHash('key-a')).toBe(a.id);
      expect(await storage.workspaceByIngestKeyHash('key-b')).toBe(b.id);
      await storage.setIngestKeyHash(a.id, 'key-a2');
      expect(await storage.workspaceByIngestKeyHash('key-a')).toBeNull();
      expect(await storage.getIngestKeyHash(a.id)).toBe('key-a2');
      await expect(storage.setIngestKeyHash(newId(), 'x')).rejects.toThrow();
    });

    it('[R2] contacts are found by email ignoring case, then by phone; oldest live one, own workspace only', async () => {
      const storage = fresh();
      const a = { id: newId(), name: 'A', createdAt: 1 };
      const b = { id: newId(), name: 'B', createdAt: 1 };
      await storage.createWorkspace(a);
      await storage.createWorkspace(b);
      const [older, newer, gone, other] = [newId(), newId(), newId(), newId()];
      await storage.transaction(async (tx) => {
        await tx.putRecord(a.id, { kind: 'contact', id: newer, data: { email: 'zoe@x.io', phone: '+33612345678', createdAt: 20 } });
        await tx.putRecord(a.id, { kind: 'contact', id: older, data: { email: 'Zoe@X.io', phone: '+33612345678', createdAt: 10 } });
        await tx.putRecord(a.id, { kind: 'contact', id: gone, data: { email: 'gone@x.io', phone: '+14155550132', createdAt: 1 } });
        await tx.tombstone(a.id, 'contact', gone);
        await tx.putRecord(b.id, { kind: 'contact', id: other, data: { email: 'b@x.io', phone: '+4915123456789', createdAt: 1 } });
      });
      await storage.transaction(async (tx) => {
        expect((await tx.findContactByEmail(a.id, 'ZOE@x.IO'))?.id).toBe(older);
        expect((await tx.findContactByPhone(a.id, '+33612345678'))?.id).toBe(older);
        expect(await tx.findContactByEmail(a.id, 'gone@x.io')).toBeNull();
        expect(await tx.findContactByPhone(a.id, '+14155550132')).toBeNull();
        expect(await tx.findContactByEmail(a.id, 'b@x.io')).toBeNull();
        expect(await tx.findContactByPhone(a.id, '+4915123456789')).toBeNull();
        expect(await tx.findContactByEmail(a.id, '')).toBeNull();
      });
    });

    it('[S3] clients and mutation results: recorded once, high-water mark only grows', async () => {
      const storage = fresh();
      const a = { id: newId(), name: 'A', createdAt: 1 };
      await storage.createWorkspace(a);
      const clientId = newId();
      expect(await storage.getClient(clientId)).toBeNull();
      await storage.transaction(async (tx) => {
        expect(await tx.ensureClient(clientId, a.id)).toEqual({ workspaceId: a.id, lastMutationId: 0 });
        await tx.recordMutationResult(clientId, a.id, 3, { status: 'applied', reason: null });
        await tx.recordMutationResult(clientId, a.id, 2, { status: 'rejected', reason: 'why' });
        expect(await tx.getMutationResult(clientId, 2)).toEqual({ status: 'rejected', reason: 'why' });
        expect(await tx.getMutationResult(clientId, 4)).toBeNull();
      });
      expect(await storage.getClient(clientId)).toEqual({ workspaceId: a.id, lastMutationId: 3 });
    });

    it('[S4] changesSinceJson is the changesSince page as JSON: same changes, bodies verbatim, tombstones without data', async () => {
      const storage = fresh();
      const a = { id: newId(), name: 'A', createdAt: 1 };
      await storage.createWorkspace(a);
      const ids = [newId(), newId(), newId()];
      await storage.transaction(async (tx) => {
        await tx.putRecord(a.id, { kind: 'contact', id: ids[0], data: { name: 'Zoë "Z" \\ \t \u001f 😀', n: 1.5, list: ['a'], nested: { x: null } } });
        await tx.putRecord(a.id, { kind: 'segment', id: ids[1], data: {} });
        await tx.putRecord(a.id, { kind: 'conversation', id: ids[2], data: { contactId: ids[0] }, contactId: ids[0] });
        await tx.tombstone(a.id, 'segment', ids[1]);
      });
      const asChanges = (records: { kind: string; id: string; seq: number; deleted: boolean; data: unknown }[]) =>
        records.map((r) => (r.deleted ? { kind: r.kind, id: r.id, seq: r.seq, deleted: true } : r));
      for (const [cursor, limit] of [[0, 10], [0, 2], [2, 1], [4, 10]]) {
        const page = await storage.changesSince(a.id, cursor, limit);
        const json = await storage.changesSinceJson(a.id, cursor, limit);
        expect(JSON.parse(`[${json.json.toString('utf8')}]`)).toEqual(asChanges(page.records));
        expect(json.count).toBe(page.records.length);
        expect(json.lastSeq).toBe(page.records.at(-1)?.seq ?? cursor);
        expect(json.headSeq).toBe(page.headSeq);
      }
      expect(await storage.changesSinceJson(newId(), 0, 10)).toEqual({ json: Buffer.alloc(0), count: 0, lastSeq: 0, headSeq: 0 });
    });

    it('[R2] the ingest match follows a changed email and phone; an unchanged one still matches after an edit', async () => {
      const storage = fresh();
      const a = { id: newId(), name: 'A', createdAt: 1 };
      await storage.createWorkspace(a);
      const id = newId();
      const put = (data: object) => storage.transaction((tx) => tx.putRecord(a.id, { kind: 'contact', id, data: { createdAt: 1, ...data } }));
      await put({ email: 'Old@x.io', phone: '+33612345678', name: 'A' });
      await put({ email: 'Old@x.io', phone: '+33612345678', name: 'B' });
      await storage.transaction(async (tx) => {
        expect((await tx.findContactByEmail(a.id, 'old@X.io'))?.data).toMatchObject({ name: 'B' });
        expect((await tx.findContactByPhone(a.id, '+33612345678'))?.id).toBe(id);
      });
      await put({ email: 'new@x.io', phone: '+33612345678', name: 'C' });
      await storage.transaction(async (tx) => {
        expect(await tx.findContactByEmail(a.id, 'old@x.io')).toBeNull();
        expect((await tx.findContactByEmail(a.id, 'NEW@x.io'))?.id).toBe(id);
        expect((await tx.findContactByPhone(a.id, '+33612345678'))?.id).toBe(id);
      });
      await put({ email: 'new@x.io', phone: '+14155550132', name: 'D' });
      await storage.transaction(async (tx) => {
        expect(await tx.findContactByPhone(a.id, '+33612345678')).toBeNull();
        expect((await tx.findContactByPhone(a.id, '+14155550132'))?.id).toBe(id);
        expect((await tx.findContactByEmail(a.id, 'new@x.io'))?.data).toMatchObject({ name: 'D' });
      });
    });

    it('[S4][S3] after a rolled-back transaction the next write takes the next committed seq; its results and mark are gone', async () => {
      const storage = fresh();
      const a = { id: newId(), name: 'A', createdAt: 1 };
      await storage.createWorkspace(a);
      const clientId = newId();
      expect(await storage.transaction((tx) => tx.putRecord(a.id, { kind: 'segment', id: newId(), data: {} }))).toBe(1);
      await expect(
        storage.transaction(async (tx) => {
          await tx.ensureClient(clientId, a.id);
          await tx.putRecord(a.id, { kind: 'segment', id: newId(), data: {} });
          await tx.recordMutationResult(clientId, a.id, 5, { status: 'applied', reason: null });
          expect(await tx.ensureClient(clientId, a.id)).toEqual({ workspaceId: a.id, lastMutationId: 5 });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await storage.getClient(clientId)).toBeNull();
      await storage.transaction(async (tx) => {
        expect(await tx.ensureClient(clientId, a.id)).toEqual({ workspaceId: a.id, lastMutationId: 0 });
        expect(await tx.getMutationResult(clientId, 5)).toBeNull();
        expect(await tx.putRecord(a.id, { kind: 'segment', id: newId(), data: {} })).toBe(2);
      });
      expect(await storage.headSeq(a.id)).toBe(2);
    });

    it('[S9] getRecord after ownerOf answers only for the id\'s own workspace and kind, and sees writes made since', async () => {
      const storage = fresh();
      const a = { id: newId(), name: 'A', createdAt: 1 };
      const b = { id: newId(), name: 'B', createdAt: 1 };
      await storage.createWorkspace(a);
      await storage.createWorkspace(b);
      const id = newId();
      await storage.transaction((tx) => tx.putRecord(a.id, { kind: 'contact', id, data: { v: 1 } }));
      await storage.transaction(async (tx) => {
        await tx.ownerOf(id);
        expect(await tx.getRecord(b.id, 'contact', id)).toBeNull();
        await tx.ownerOf(id);
        expect(await tx.getRecord(a.id, 'segment', id)).toBeNull();
        await tx.ownerOf(id);
        expect((await tx.getRecord(a.id, 'contact', id))?.data).toEqual({ v: 1 });
        await tx.ownerOf(id);
        await tx.putRecord(a.id, { kind: 'contact', id, data: { v: 2 } });
        expect((await tx.getRecord(a.id, 'contact', id))?.data).toEqual({ v: 2 });
        await tx.ownerOf(id);
        await tx.tombstone(a.id, 'contact', id);
        expect(await tx.getRecord(a.id, 'contact', id)).toMatchObject({ deleted: true, data: null });
      });
    });
  });
}
