// Test helper: the REAL server (`node --import tsx server/index.ts`) as its own process group on a
// data dir, with everything it prints captured, so tests can SIGKILL it and read its logs.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const running = new Set<ChildProcess>();

// Never leave a server behind, whatever a test did.
afterAll(() => {
  for (const child of running) if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
});

export type ServerProcess = {
  child: ChildProcess;
  url: string;
  /** Everything printed on stdout and stderr so far. */
  output(): string;
  /** SIGKILL the whole process group (no shutdown handler runs) and wait until it is gone. */
  kill(): Promise<void>;
};

export async function startServerProcess(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DIST_DIR: path.join(dataDir, 'no-dist'),
      DEMO: '1',
      NODE_ENV: 'production',
      ...env,
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let out = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${child.exitCode}:\n${out}`));
    });
  });
  return {
    child,
    url,
    output: () => out,
    async kill() {
      if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
      await exited;
      running.delete(child);
    },
  };
}

/** A tRPC call over plain HTTP: POST for mutations, GET ?input= for queries. */
export async function trpcCall(
  url: string,
  procedure: string,
  opts: { token?: string; body?: unknown; input?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; json: TrpcEnvelope }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const query = opts.input !== undefined ? `?input=${encodeURIComponent(JSON.stringify(opts.input))}` : '';
  const res = await fetch(`${url}/trpc/${procedure}${query}`, {
    method: opts.body !== undefined ? 'POST' : 'GET',
    headers,
    body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
  });
  const text = await res.text();
  let json: TrpcEnvelope;
  try {
    json = JSON.parse(text) as TrpcEnvelope;
  } catch {
    json = { raw: text };
  }
  return { status: res.status, headers: res.headers, json };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test envelope: result data is checked field by field
export type TrpcEnvelope = { result?: { data: any }; error?: { message: string; data?: { code?: string; httpStatus?: number } }; raw?: string; [k: string]: unknown };
