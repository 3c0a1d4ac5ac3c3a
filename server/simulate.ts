// `npm run simulate -- --rate 2 --url http://127.0.0.1:8787 [--count N] [--key K] [--seed S]`
// Feeds realistic traffic into a running server's ingest API (R2) so Live mode has something to
// show: new contacts, first messages from new senders, new conversations and replies on known
// ones, with labels. One line per event; stops on Ctrl-C or after --count events.
// The key: --key, else INGEST_KEY, else <--data-dir or DATA_DIR or ./data>/ingest-key (npm start writes it).
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { INGEST_KEY_HEADER, type ContactUpsertResult, type IngestErrorBody, type MessageAddResult } from '../shared/ingest';
import { newId } from '../shared/ids';
import type { Change } from '../shared/protocol';
import type { Contact } from '../shared/schema';
import { readIngestKeyFile } from './ingest/key-file';
import { SimTraffic, type KnownContact, type SimEvent } from './ingest/sim-traffic';
import { createRng } from './seed/prng';

const argsSchema = z.object({
  url: z.url({ message: 'must be a URL like http://127.0.0.1:8787' }).transform((u) => u.replace(/\/+$/, '')),
  rate: z.coerce.number().positive().max(1000),
  count: z.coerce.number().int().min(1).optional(),
  key: z.string().min(1).optional(),
  seed: z.coerce.number().int(),
  'data-dir': z.string().min(1),
  'own-contacts-only': z.boolean(),
});
type Args = z.infer<typeof argsSchema>;

function parse(): Args {
  const { values } = parseArgs({
    options: {
      url: { type: 'string', default: 'http://127.0.0.1:8787' },
      rate: { type: 'string', default: '2' },
      count: { type: 'string' },
      key: { type: 'string' },
      seed: { type: 'string', default: String(Date.now() % 2_147_483_647) },
      'data-dir': { type: 'string', default: process.env.DATA_DIR ?? './data' },
      'own-contacts-only': { type: 'boolean', default: false },
    },
  });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data;
}

function ingestKey(args: Args): string {
  const key = args.key ?? (process.env.INGEST_KEY?.trim() || undefined) ?? readIngestKeyFile(args['data-dir']);
  if (!key) {
    throw new Error(`no ingest key: pass --key K (npm start prints it), set INGEST_KEY, or point --data-dir at the server's data dir`);
  }
  return key;
}

/** A few existing contacts to write to, from one page of the demo workspace; the device is revoked after. */
async function demoContacts(url: string): Promise<KnownContact[]> {
  const call = async (path: string, init: RequestInit) => {
    const res = await fetch(`${url}/trpc/${path}`, init);
    const json = (await res.json()) as { result?: { data: unknown }; error?: { message: string } };
    if (!res.ok || !json.result) throw new Error(json.error?.message ?? `HTTP ${res.status}`);
    return json.result.data;
  };
  const json = { 'content-type': 'application/json' };
  const { token } = (await call('auth.demoSignIn', { method: 'POST', headers: json, body: JSON.stringify({ deviceName: 'Traffic simulator' }) })) as { token: string };
  const auth = { ...json, authorization: `Bearer ${token}` };
  try {
    const input = encodeURIComponent(JSON.stringify({ clientId: newId(), cursor: 0, limit: 1000 }));
    const page = (await call(`sync.pull?input=${input}`, { headers: auth })) as { changes: Change[] };
    return page.changes
      .filter((c): c is Extract<Change, { kind: 'contact'; deleted: false }> => c.kind === 'contact' && !c.deleted)
      .map(({ data }: { data: Contact }) => ({ name: data.name, email: data.email, phone: data.phone }))
      .filter((c) => c.email || c.phone)
      .slice(0, 200);
  } finally {
    await call('auth.signOut', { method: 'POST', headers: auth }).catch(() => undefined);
  }
}

type Sent = { ok: true; status: number; result: ContactUpsertResult | MessageAddResult } | { ok: false; status: number; error: IngestErrorBody };

async function send(url: string, key: string, event: SimEvent): Promise<Sent> {
  const res = await fetch(url + event.path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [INGEST_KEY_HEADER]: key },
    body: JSON.stringify(event.body),
  });
  const body: unknown = await res.json().catch(() => ({ error: `HTTP ${res.status}`, issues: [] }));
  return res.ok
    ? { ok: true, status: res.status, result: body as ContactUpsertResult | MessageAddResult }
    : { ok: false, status: res.status, error: body as IngestErrorBody };
}

function outcome(sent: Extract<Sent, { ok: true }>): string {
  const r = sent.result;
  if ('conversationId' in r) {
    return `${r.conversationCreated ? 'conversation' : 'appended to'} ${r.conversationId}${r.contactCreated ? ' (new contact)' : ''}`;
  }
  return `${r.created ? 'created' : r.updated ? 'updated' : 'unchanged'} ${r.contactId}`;
}

async function main(): Promise<number> {
  const args = parse();
  const key = ingestKey(args);
  const rng = createRng(args.seed);
  let known: KnownContact[] = [];
  if (!args['own-contacts-only']) {
    known = await demoContacts(args.url).catch((error: unknown) => {
      process.stdout.write(`(no demo contacts: ${error instanceof Error ? error.message : String(error)}; writing to contacts it creates)\n`);
      return [];
    });
  }
  const traffic = new SimTraffic(rng, known);
  const limit = args.count ?? Infinity;
  process.stdout.write(
    `Simulating ${args.rate} events/s into ${args.url} (seed ${args.seed}, ${known.length} known contacts)` +
      `${args.count ? `, ${args.count} events` : ', Ctrl-C to stop'}\n`,
  );

  let stop = false;
  let wake = () => {};
  process.once('SIGINT', () => {
    stop = true;
    wake();
    process.once('SIGINT', () => process.exit(130)); // a second Ctrl-C does not wait
  });
  const interval = 1000 / args.rate;
  const started = Date.now();
  let ok = 0;
  let failed = 0;
  for (let n = 1; n <= limit && !stop; n++) {
    const event = traffic.next();
    const prefix = `[${String(n).padStart(4)}] ${new Date().toISOString().slice(11, 19)} ${event.kind.padEnd(16)} ${event.summary}`;
    const sent = await send(args.url, key, event).catch((error: unknown) => error as Error);
    if (sent instanceof Error) {
      failed += 1;
      const cause = sent.cause instanceof Error ? `: ${sent.cause.message}` : '';
      process.stdout.write(`${prefix}  -> not sent (${sent.message}${cause})\n`);
    } else if (sent.ok) {
      ok += 1;
      traffic.record(event, sent.result);
      process.stdout.write(`${prefix}  -> ${sent.status} ${outcome(sent)}\n`);
    } else {
      failed += 1;
      process.stdout.write(`${prefix}  -> ${sent.status} ${sent.error.error}\n`);
      if (sent.status === 401) throw new Error('the server refused the ingest key (use the key `npm start` prints)');
      if (traffic.customFields && sent.error.issues?.some((i) => i.path.startsWith('customFields'))) {
        traffic.customFields = false;
        process.stdout.write('(this workspace lacks the demo fields: sending no custom fields from now on)\n');
      }
    }
    // Keep the average rate: wait until this event's slot, not a fixed pause after a slow request.
    const due = started + n * interval;
    if (n < limit && !stop) await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, Math.max(0, due - Date.now()));
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(`Sent ${ok + failed} events in ${seconds} s: ${ok} accepted, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`simulate: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
