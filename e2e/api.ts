// A device-less API client for browser tests: signs in to the demo and reads the server's state.
import { createTRPCClient, httpLink } from '@trpc/client';
import type { AppRouter } from '../server/routers/_app';
import type { Change } from '../shared/protocol';
import { newId } from '../shared/ids';

export function apiClient(baseUrl: string, token?: string) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${baseUrl}/trpc`,
        headers: () => (token ? { authorization: `Bearer ${token}` } : {}),
      }),
    ],
  });
}

export async function signedInApi(baseUrl: string) {
  const { token } = await apiClient(baseUrl).auth.demoSignIn.mutate({ deviceName: 'e2e-checker' });
  return apiClient(baseUrl, token);
}

/** Pulls the whole workspace and returns the live (not deleted) records by kind. */
export async function serverState(baseUrl: string): Promise<Map<string, Map<string, Change>>> {
  const api = await signedInApi(baseUrl);
  const clientId = newId();
  const byKind = new Map<string, Map<string, Change>>();
  let cursor = 0;
  for (;;) {
    const page = await api.sync.pull.query({ clientId, cursor, limit: 5000 });
    for (const change of page.changes) {
      const records = byKind.get(change.kind) ?? new Map<string, Change>();
      if (change.deleted) records.delete(change.id);
      else records.set(change.id, change);
      byKind.set(change.kind, records);
    }
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  return byKind;
}

export async function serverContactCount(baseUrl: string): Promise<number> {
  return (await serverState(baseUrl)).get('contact')?.size ?? 0;
}
