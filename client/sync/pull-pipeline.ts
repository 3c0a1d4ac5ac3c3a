// Pull pipeline (first sync speed, issue 9): a producer fetches and validates pages while a
// consumer stores them, so the network never waits for IndexedDB. During the first sync the
// producer runs ahead (bounded) and hands each page's contacts to the query index at once
// (pulled-feed.ts); storing follows behind in small transactions that keep the main thread free.
// The cursor only ever moves with what is stored: a chunk and its cursor share one transaction.
import type { PullResponse } from '../../shared/protocol';
import { changeSchema, type Change } from '../../shared/protocol';
import type { Contact } from '../../shared/schema';
import type { ContactsDB } from '../db/db';
import { keyString } from '../db/record-apply';
import { publishPulled } from './pulled-feed';
import { forgetUnstored, rememberUnstored } from '../db/unstored';
import { indexPending } from './rebase';
import { isBadRequest, type SyncTransport } from './transport';

/** Records validated (and, first sync, indexed) per slice: small tasks, but not so small that indexing overhead grows. */
export const PARSE_CHUNK = 2500;
/** Records per storing transaction (each with its own cursor). */
export const STORE_CHUNK = 1000;
/**
 * How far fetching may run ahead of storing, in non-contact records (conversations...). Fetched
 * contacts cost no extra memory: the query index holds the same objects anyway.
 */
export const LOOKAHEAD_OTHER = 20_000;

/** The stored cursor is ahead of the server (it was restored from a backup). */
export class CursorAheadError extends Error {}

export type PipelineOptions = {
  clientId: string;
  start: number;
  limit?: number;
  /** First sync: fetch ahead and show pulled contacts before they are stored. */
  ahead: boolean;
  store: (page: PullResponse) => Promise<void>;
  onStored: (page: PullResponse) => void;
};

function yieldToEventLoop(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A wake-up call: wait() resolves on the next fire(). */
function signal() {
  let resolve: () => void = () => {};
  let promise = new Promise<void>((r) => (resolve = r));
  return {
    wait: () => promise,
    fire: () => {
      resolve();
      promise = new Promise<void>((r) => (resolve = r));
    },
  };
}

/** Splits a page into chunks that can each be stored with their own cursor. */
export function splitPage(page: PullResponse, size: number): PullResponse[] {
  if (page.changes.length <= size) return [page];
  const out: PullResponse[] = [];
  for (let i = 0; i < page.changes.length; i += size) {
    const changes = page.changes.slice(i, i + size);
    const last = i + size >= page.changes.length;
    out.push({ ...page, changes, cursor: last ? page.cursor : changes[changes.length - 1].seq, hasMore: last ? page.hasMore : true });
  }
  return out;
}

/** Validates a page in slices; during the first sync each slice's contacts go to the index. */
async function parsePage(db: ContactsDB, raw: PullResponse, preview: boolean): Promise<Change[]> {
  const pending = preview ? indexPending(await db.outbox.toArray()) : null;
  const changes: Change[] = [];
  for (let i = 0; i < raw.changes.length; i += PARSE_CHUNK) {
    const upserts: Contact[] = [];
    const removed: string[] = [];
    for (const item of raw.changes.slice(i, i + PARSE_CHUNK)) {
      const c = changeSchema.parse(item);
      changes.push(c);
      if (!pending || c.kind !== 'contact' || pending.has(keyString('contacts', c.id))) continue;
      if (c.deleted) removed.push(c.id);
      else upserts.push(c.data as Contact);
    }
    if (pending) {
      rememberUnstored(db, upserts, removed);
      publishPulled({ db, upserts, removed });
      if (i + PARSE_CHUNK < raw.changes.length) await yieldToEventLoop();
    }
  }
  return changes;
}

/** Runs one pull to the end. Rejects with the first error; what was stored stays stored. */
export async function runPullPipeline(db: ContactsDB, transport: SyncTransport, opts: PipelineOptions): Promise<void> {
  const queue: { page: PullResponse; other: number }[] = [];
  let bufferedOther = 0;
  let storing = false;
  let fetchDone = false;
  let fetchError: unknown = null;
  let stopped = false;
  const toConsumer = signal();
  const toProducer = signal();

  const mayFetch = (): boolean =>
    opts.ahead ? bufferedOther <= LOOKAHEAD_OTHER : queue.length === 0 && !storing;

  const producer = (async () => {
    let cursor = opts.start;
    try {
      for (;;) {
        while (!mayFetch() && !stopped) await toProducer.wait();
        if (stopped) return;
        let raw: PullResponse;
        try {
          raw = await transport.pull({ clientId: opts.clientId, cursor, ...(opts.limit ? { limit: opts.limit } : {}) });
        } catch (error) {
          if (cursor > 0 && isBadRequest(error)) throw new CursorAheadError('cursor ahead of the server');
          throw error;
        }
        if (stopped) return;
        const changes = await parsePage(db, raw, opts.ahead);
        if (stopped) return;
        const other = changes.reduce((n, c) => (c.kind === 'contact' ? n : n + 1), 0);
        queue.push({ page: { ...raw, changes }, other });
        bufferedOther += other;
        toConsumer.fire();
        cursor = raw.cursor;
        if (!raw.hasMore) return;
      }
    } catch (error) {
      fetchError = error;
    } finally {
      fetchDone = true;
      toConsumer.fire();
    }
  })();

  // First sync: storing waits until fetching has run as far ahead as it may (or is done), so
  // the network, validation and the index get the main thread first: searchable sooner.
  let storeNow = !opts.ahead;
  try {
    for (;;) {
      if (!storeNow && !fetchDone && mayFetch()) {
        await toConsumer.wait();
        continue;
      }
      storeNow = true;
      const next = queue.shift();
      if (!next) {
        if (fetchDone) {
          if (fetchError) throw fetchError;
          return;
        }
        await toConsumer.wait();
        continue;
      }
      storing = true;
      for (const chunk of splitPage(next.page, STORE_CHUNK)) {
        await opts.store(chunk);
        forgetUnstored(db, chunk.changes.filter((c) => c.kind === 'contact').map((c) => c.id));
      }
      storing = false;
      bufferedOther -= next.other;
      toProducer.fire();
      opts.onStored(next.page);
      if (!next.page.hasMore) return;
    }
  } finally {
    stopped = true;
    toProducer.fire();
    void producer;
  }
}
