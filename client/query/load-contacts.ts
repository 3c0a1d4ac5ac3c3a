// The query engine's full load: every stored contact into a ContactIndex, from the packed snapshot
// when there is a usable one (contact-snapshot.ts), else chunk by chunk by primary key - and then
// a new snapshot is written from those same chunks as they arrive, for the next start.
import type { Contact } from '../../shared/schema';
import type { ContactsDB } from '../db/db';
import type { ContactIndex } from './contact-index';
import { isQuotaError } from '../db/quota';
import { dropSnapshot, journalHead, readChangesSince, readSnapshot, roomForSnapshot, SnapshotWriter, withChanges } from './contact-snapshot';

export type LoadOptions = {
  chunkSize: number;
  closed: () => boolean;
  /** After each chunk is in the index (progress), before yielding to the event loop. */
  onChunk: () => Promise<void>;
};

export type LoadResult = {
  source: 'snapshot' | 'contacts';
  indexMs: number;
  /** Settles when the snapshot written behind this load is stored (true) or was not (false). */
  written: Promise<boolean>;
} | null;

/** A snapshot is used when at most this share of it changed since (else a full read is as quick). */
const MAX_CHANGED_SHARE = 0.25;
/** Changed contacts above which a used snapshot is written again (with the changes in)... */
const REWRITE_AT = 2000;
/** ...or above this share of it (a small or empty snapshot is cheap to write again). */
const REWRITE_SHARE = 0.1;

function snapshotInBackground(db: ContactsDB, work: () => Promise<boolean>): Promise<boolean> {
  // A snapshot only speeds up the next start; failing (a closed tab) changes nothing else, and
  // when the disk is full its space goes back to the user's data.
  return work().catch(async (error: unknown) => {
    if (isQuotaError(error)) await dropSnapshot(db).catch(() => {});
    return false;
  });
}

/** Loads every stored contact into `index` (which must be empty). null: closed meanwhile. */
export async function loadContacts(db: ContactsDB, index: ContactIndex, opts: LoadOptions): Promise<LoadResult> {
  let indexMs = 0;
  const put = (chunk: readonly Contact[]): void => {
    const t = performance.now();
    index.upsert(chunk);
    indexMs += performance.now() - t;
  };

  const snapshot = await readSnapshot(db).catch(() => null);
  if (snapshot) {
    let count = 0;
    for (const part of snapshot.parts) {
      if (opts.closed()) return null;
      put(part);
      count += part.length;
      await opts.onChunk();
    }
    const limit = Math.max(REWRITE_AT, Math.floor(count * MAX_CHANGED_SHARE));
    const changes = await readChangesSince(db, snapshot.upTo, limit).catch(() => null);
    if (opts.closed()) return null;
    if (changes) {
      index.remove(changes.gone);
      put(changes.present);
      let written = Promise.resolve(false);
      if (changes.ids.size > Math.min(REWRITE_AT, count * REWRITE_SHARE)) {
        const writer = new SnapshotWriter(db, changes.head);
        written = snapshotInBackground(db, async () => {
          if (!(await roomForSnapshot())) return false;
          for (const part of withChanges(snapshot.parts, changes)) await writer.add(part);
          return writer.finish();
        });
      }
      return { source: 'snapshot', indexMs, written };
    }
    index.clear(); // too much changed (or the snapshot is being replaced): read everything
  }

  const read = (after: string): Promise<Contact[]> => {
    const chunk = db.contacts.where(':id').above(after).limit(opts.chunkSize).toArray();
    chunk.catch(() => {}); // awaited below; a load cut short by close() must not leave it unhandled
    return chunk;
  };
  // The journal head with the first chunk: anything written after it is journaled after it.
  const first = db.transaction('r', [db.contacts, db.contactsJournal], async () => {
    const head = await journalHead(db);
    return { head, chunk: await db.contacts.orderBy(':id').limit(opts.chunkSize).toArray() };
  });
  const { head, chunk: firstChunk } = await first;
  const writer = new SnapshotWriter(db, head);
  let failed = false;
  let writes: Promise<void> = roomForSnapshot().then((room) => {
    failed = !room;
  });
  let chunk = firstChunk;
  for (;;) {
    if (opts.closed()) return null;
    const more = chunk.length === opts.chunkSize;
    // IndexedDB fetches the next chunk while this one is indexed.
    const next = more ? read(chunk[chunk.length - 1].id) : null;
    put(chunk);
    const part = chunk;
    writes = writes
      .then(() => (failed ? undefined : writer.add(part)))
      .catch(() => {
        failed = true;
      });
    await opts.onChunk();
    if (!next) break;
    chunk = await next;
  }
  const written = snapshotInBackground(db, () => writes.then(() => (failed ? false : writer.finish())));
  return { source: 'contacts', indexMs, written };
}
