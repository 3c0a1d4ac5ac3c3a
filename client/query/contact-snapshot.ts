// Cold start (issue 9): the contacts packed SNAPSHOT_PART to a row. IndexedDB reads a few big rows
// several times faster than 100k small ones, so a start-up with a snapshot loads much sooner.
//
// Never stale, by construction (the journal: client/db/contacts-journal.ts):
//  Invariant: for every contact id NOT journaled after header.upTo, the snapshot holds its current
//  row (or lacks it iff it does not exist). Reading = snapshot + the current rows of the ids
//  journaled after upTo (readChangesSince) = the table as it is now.
//  - Parts may be read from Dexie over a while (chunk by chunk) as long as upTo = the journal head
//    read before (or with) the first chunk: a contact written after that is journaled after upTo.
//  - Headers only move forward (finish() never replaces a newer header), and the journal is
//    trimmed only up to a header's upTo; readChangesSince checks in its own transaction that the
//    header has not moved past the upTo it was asked about (else entries may be gone: null).
import { newId } from '../../shared/ids';
import type { Contact } from '../../shared/schema';
import type { ContactsDB, SnapshotHeader, SnapshotRow } from '../db/db';

export const SNAPSHOT_PART = 5000;
const HEADER = 'header';

const isHeader = (row: SnapshotRow | undefined): row is SnapshotHeader => row !== undefined && row.key === HEADER;
const partKey = (gen: string, i: number): string => `${gen}:${i}`;

/** The complete snapshot, or null when there is none (or it is being replaced). */
export async function readSnapshot(db: ContactsDB): Promise<{ parts: Contact[][]; upTo: number } | null> {
  return db.transaction('r', db.snapshot, async () => {
    const header = await db.snapshot.get(HEADER);
    if (!isHeader(header)) return null;
    const rows = await db.snapshot.bulkGet(Array.from({ length: header.parts }, (_, i) => partKey(header.gen, i)));
    const parts: Contact[][] = [];
    for (const row of rows) {
      if (!row || isHeader(row)) return null;
      parts.push(row.contacts);
    }
    return { parts, upTo: header.upTo };
  });
}

/**
 * A snapshot roughly doubles what the contacts take on disk: only write one while the free space
 * exceeds everything stored so far, so it never takes the room the user's own changes need.
 */
export async function roomForSnapshot(): Promise<boolean> {
  const storage = (globalThis as { navigator?: { storage?: { estimate?: () => Promise<{ usage?: number; quota?: number }> } } }).navigator?.storage;
  if (!storage?.estimate) return true;
  try {
    const { usage = 0, quota = Infinity } = await storage.estimate();
    return quota - usage > usage;
  } catch {
    return false;
  }
}

/** Drops the snapshot (frees its space; the next start reads every contact). */
export async function dropSnapshot(db: ContactsDB): Promise<void> {
  await db.snapshot.clear();
}

/** The journal's last entry (0 when empty). Read it in the same transaction as the first data read. */
export async function journalHead(db: ContactsDB): Promise<number> {
  const key = await db.contactsJournal.orderBy(':id').lastKey();
  return typeof key === 'number' ? key : 0;
}

export type ChangesSince = { head: number; ids: Set<string>; present: Contact[]; gone: string[] };

/**
 * The contacts journaled after entry `upTo`, read as they are now, and the entry they are current
 * at. null: more than `limit` ids, a clear(), or entries after `upTo` may have been trimmed.
 */
export async function readChangesSince(db: ContactsDB, upTo: number, limit: number): Promise<ChangesSince | null> {
  return db.transaction('r', [db.contacts, db.contactsJournal, db.snapshot], async () => {
    const header = await db.snapshot.get(HEADER);
    if (isHeader(header) && header.upTo > upTo) return null;
    // Each row names at least one id: more rows than the limit is a long session's worth of
    // writes; reading them all would take longer than reading the contacts.
    if ((await db.contactsJournal.where(':id').above(upTo).count()) > limit) return null;
    const rows = await db.contactsJournal.where(':id').above(upTo).toArray();
    const ids = new Set<string>();
    for (const row of rows) {
      if (row.ids === null) return null;
      for (const id of row.ids) ids.add(id);
      if (ids.size > limit) return null;
    }
    const list = [...ids];
    const found = await db.contacts.bulkGet(list);
    const present: Contact[] = [];
    const gone: string[] = [];
    found.forEach((c, i) => (c ? present.push(c) : gone.push(list[i])));
    return { head: rows.length > 0 ? (rows[rows.length - 1].seq ?? upTo) : upTo, ids, present, gone };
  });
}

/** A snapshot's parts with `changes` applied (the result satisfies the invariant at changes.head). */
export function withChanges(parts: readonly Contact[][], changes: ChangesSince): Contact[][] {
  const out: Contact[][] = [];
  for (const part of parts) out.push(part.filter((c) => !changes.ids.has(c.id)));
  for (let i = 0; i < changes.present.length; i += SNAPSHOT_PART) out.push(changes.present.slice(i, i + SNAPSHOT_PART));
  return out.filter((part) => part.length > 0);
}

/**
 * Writes a new snapshot part by part (each put in its own short transaction, so neither readers
 * nor contacts writers wait for it), then switches the header to it in finish().
 */
export class SnapshotWriter {
  private readonly gen = newId();
  private parts = 0;

  /** upTo: the journal head read before (or with) the first contacts read of these parts. */
  constructor(
    private readonly db: ContactsDB,
    private readonly upTo: number,
  ) {}

  async add(contacts: readonly Contact[]): Promise<void> {
    for (let i = 0; i < contacts.length; i += SNAPSHOT_PART) {
      await this.db.snapshot.put({ key: partKey(this.gen, this.parts++), gen: this.gen, contacts: contacts.slice(i, i + SNAPSHOT_PART) });
    }
  }

  /** Makes the parts the snapshot unless one at least as new is there. Returns whether it did. */
  async finish(): Promise<boolean> {
    const { db, gen, upTo } = this;
    const done = await db.transaction('rw', db.snapshot, async () => {
      const header = await db.snapshot.get(HEADER);
      const mine = header === undefined || !isHeader(header) || header.upTo < upTo;
      const keep = mine ? gen : (header as SnapshotHeader).gen;
      if (mine) await db.snapshot.put({ key: HEADER, gen, parts: this.parts, upTo });
      // Parts of older generations (and of cut-off writes) go.
      const keys = await db.snapshot.toCollection().primaryKeys();
      await db.snapshot.bulkDelete(keys.filter((k) => k !== HEADER && !k.startsWith(`${keep}:`)));
      return mine;
    });
    if (done) await db.contactsJournal.where(':id').belowOrEqual(upTo).delete();
    return done;
  }
}
