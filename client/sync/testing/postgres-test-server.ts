// The harness's TestServer, backed by two real server processes on one fresh PostgreSQL database
// behind a proxy that picks a process at random for every request (R5). The harness's own storage
// handle (devices, workspaces) is a third connection pool on the same database.
import { newId } from '../../../shared/ids';
import { openPostgresStorage } from '../../../server/storage/postgres';
import { createTestDatabase, startRandomProxy, startServerProcesses } from '../../../server/storage/postgres-cluster-testing';
import type { TestServer } from './harness';

export async function startPostgresTestServer(): Promise<TestServer> {
  const db = await createTestDatabase();
  const storage = await openPostgresStorage({ connectionString: db.url, max: 4 });
  // A workspace exists before start, so the servers seed no demo data.
  await storage.createWorkspace({ id: newId(), name: 'Demo', createdAt: Date.now() });
  const cluster = await startServerProcesses(db.url, 2);
  const proxy = await startRandomProxy(cluster.servers.map((s) => s.url));
  return {
    url: proxy.url,
    storage,
    async newWorkspace() {
      const id = newId();
      await storage.createWorkspace({ id, name: `ws-${id.slice(-6)}`, createdAt: Date.now() });
      return id;
    },
    async close() {
      // Both processes must really have served requests, or this was not a two-process test.
      if (proxy.hits.some((n) => n === 0)) throw new Error(`a server process got no requests: ${proxy.hits.join(', ')}`);
      await proxy.close();
      await cluster.stop();
      await storage.close();
      await db.drop();
    },
  };
}
