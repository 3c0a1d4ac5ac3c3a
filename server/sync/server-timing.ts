// Server-Timing (issue 9): the server's own time for a request, from arrival until the answer's
// headers go out - the body is complete by then (tRPC and the pull fast path build it first), so
// this is parse + auth + database + JSON, without the network. The benchmark sums it over a full pull.
import type { ServerResponse } from 'node:http';

/** The metric name for a tRPC path: pull and push by name, everything else 'trpc'. */
export function timingMetric(pathname: string): string {
  if (pathname === '/trpc/sync.pull') return 'pull';
  if (pathname === '/trpc/sync.push') return 'push';
  return 'trpc';
}

/** Adds `Server-Timing: <metric>;dur=<ms>` when the response's head is written. */
export function addServerTiming(res: ServerResponse, metric: string, started: number): void {
  const writeHead = res.writeHead;
  // Node writes implicit headers through this.writeHead too, so every way out passes here.
  res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
    if (!this.headersSent) this.setHeader('Server-Timing', `${metric};dur=${(performance.now() - started).toFixed(1)}`);
    return writeHead.apply(this, args);
  } as ServerResponse['writeHead'];
}
