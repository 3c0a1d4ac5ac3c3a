// Issue 2 (R1): the server process creates its SQLite file and demo workspace on first start and
// keeps them across restarts.
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startAppServer } from './harness';
import { apiClient, serverContactCount, signedInApi } from './api';
import { newId } from '../shared/ids';

describe('server process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'contacts-restart-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('[R1][R6] creates the data file with the demo on first start, prints URL, file and sign-in, and keeps edits across a restart', async () => {
    const first = await startAppServer({ dataDir });
    let renamedId = '';
    try {
      expect(existsSync(join(dataDir, 'contacts.sqlite'))).toBe(true);
      expect(first.logs()).toContain(first.url);
      expect(first.logs()).toContain('contacts.sqlite');
      expect(first.logs()).toMatch(/Open demo workspace/);
      expect(await serverContactCount(first.url)).toBe(2000);

      const api = await signedInApi(first.url);
      const clientId = newId();
      const page = await api.sync.pull.query({ clientId, cursor: 0, limit: 50 });
      const contact = page.changes.find((c) => c.kind === 'contact' && !c.deleted);
      expect(contact).toBeDefined();
      renamedId = contact!.id;
      const result = await api.sync.push.mutate({
        clientId,
        mutations: [{ id: 1, clientTime: Date.now(), name: 'contact.patch', args: { id: renamedId, set: { name: 'Renamed Before Restart' } } }],
      });
      expect(result.results[0]?.status).toBe('applied');
    } finally {
      await first.stop();
    }

    const second = await startAppServer({ dataDir });
    try {
      expect(await serverContactCount(second.url)).toBe(2000);
      const api = await signedInApi(second.url);
      let cursor = 0;
      let name = '';
      for (;;) {
        const page = await api.sync.pull.query({ clientId: newId(), cursor, limit: 5000 });
        for (const c of page.changes) if (c.kind === 'contact' && !c.deleted && c.id === renamedId) name = c.data.name;
        cursor = page.cursor;
        if (!page.hasMore) break;
      }
      expect(name).toBe('Renamed Before Restart');
    } finally {
      await second.stop();
    }
  });

  it('[R3] invalid sync input gets a clear error', async () => {
    const server = await startAppServer();
    try {
      const api = await signedInApi(server.url);
      await expect(api.sync.pull.query({ clientId: newId(), cursor: -1, limit: 10 })).rejects.toThrow(/cursor/i);
      await expect(api.sync.pull.query({ clientId: newId(), cursor: 0, limit: -5 })).rejects.toThrow(/limit/i);
      await expect(
        api.sync.pull.query({ clientId: newId(), cursor: 'abc' as unknown as number, limit: 10 }),
      ).rejects.toThrow(/cursor/i);
      await expect(apiClient(server.url).sync.pull.query({ clientId: newId(), cursor: 0, limit: 10 })).rejects.toThrow(
        /token|sign|auth/i,
      );
    } finally {
      await server.stop();
    }
  });
});
