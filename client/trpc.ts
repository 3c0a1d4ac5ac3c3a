// The typed sync API client. Only the router's TYPE is imported: no server code in the bundle.
// httpLink (not batching): each push/pull is its own request, so one slow page never delays another.
import { createTRPCClient, httpLink } from '@trpc/client';
import type { AppRouter } from '../server/routers/_app';

export type SyncApiOptions = {
  /** Origin of the server ('' in the browser = same origin); '/trpc' is appended. */
  baseUrl: string;
  getToken: () => string | undefined;
  fetch?: typeof fetch;
};

export function createSyncApi(opts: SyncApiOptions) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${opts.baseUrl.replace(/\/$/, '')}/trpc`,
        headers: () => {
          const token = opts.getToken();
          return token ? { Authorization: `Bearer ${token}` } : {};
        },
        ...(opts.fetch ? { fetch: opts.fetch } : {}),
      }),
    ],
  });
}

export type SyncApi = ReturnType<typeof createSyncApi>;
