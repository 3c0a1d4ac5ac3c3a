// The device's database (IndexedDB via Dexie). Everything the view shows is read from here (S1).
//  contacts / conversations / fields / segments: the workspace's records as last pulled, with this
//    device's pending mutations already applied on top (optimistic, re-applied after each pull).
//  outbox: mutations not yet acknowledged by the server, keyed by their per-client id (S2, S3).
//  meta: one row per key: the session (token, workspace, clientId), the pull cursor, and
//    the mutations the server refused (kept so the user can see why).
import Dexie, { type Table } from 'dexie';
import type { Contact, Conversation, FieldDefinition, Segment } from '../../shared/schema';
import type { Mutation } from '../../shared/mutations';
import { contactsJournal, JOURNAL_TABLE, type JournalRow } from './contacts-journal';

export type OutboxEntry = Mutation;

export type Session = {
  token: string;
  workspaceId: string;
  workspaceName: string;
  /** This browser profile's sync identity; all tabs share it (one database). */
  clientId: string;
};

export type RejectedMutation = { mutation: Mutation; reason: string; at: number };

/** The tables a device's mutations change (conversations are server-written only). */
export type MutableTable = 'contacts' | 'fields' | 'segments';
export type MutableRecord = Contact | FieldDefinition | Segment;

/**
 * The server's version of a record that pending mutations touch (Replicache's "base snapshot",
 * kept per record): view = base + pending mutations in id order. Lets a pull re-apply pending
 * edits on top of new server data (S5) and lets a rejected/ignored mutation be undone exactly.
 * record null + deleted false = the server has no such record (yet); deleted = tombstone.
 */
export type BaseRow = { table: MutableTable; id: string; record: MutableRecord | null; deleted: boolean };

export type MetaRow =
  | { key: 'session'; value: Session }
  | { key: 'cursor'; value: number }
  /** Highest mutation id handed out so far (ids stay increasing even after the outbox empties). */
  | { key: 'mutationCounter'; value: number }
  | { key: 'rejected'; value: RejectedMutation[] }
  /** Set once the first full pull finished; until then the view shows first-sync progress. */
  | { key: 'initialSyncDone'; value: boolean }
  /** Epoch ms of the last successful sync (shown as "last synced"). */
  | { key: 'lastSyncedAt'; value: number }
  /** Survives sign-out: the sync identity and which workspace the local data belongs to. */
  | { key: 'identity'; value: { clientId: string; workspaceId: string } };

/**
 * Cold-start snapshot (client/query/contact-snapshot.ts): every contact packed into a few big rows
 * ('<gen>:<i>'), read in a fraction of the time of one row per contact. The 'header' row names the
 * complete generation and the journal entry (contacts-journal.ts) it is current up to.
 */
export type SnapshotHeader = { key: 'header'; gen: string; parts: number; upTo: number };
export type SnapshotPart = { key: string; gen: string; contacts: Contact[] };
export type SnapshotRow = SnapshotHeader | SnapshotPart;

export type MetaKey = MetaRow['key'];
export type MetaValue<K extends MetaKey> = Extract<MetaRow, { key: K }>['value'];

export const DB_NAME = 'all-contacts';

export class ContactsDB extends Dexie {
  contacts!: Table<Contact, string>;
  conversations!: Table<Conversation, string>;
  fields!: Table<FieldDefinition, string>;
  segments!: Table<Segment, string>;
  outbox!: Table<OutboxEntry, number>;
  meta!: Table<MetaRow, string>;
  bases!: Table<BaseRow, [MutableTable, string]>;
  contactsJournal!: Table<JournalRow, number>;
  snapshot!: Table<SnapshotRow, string>;

  constructor(name: string = DB_NAME) {
    super(name);
    // Version history: add a new version() call for every schema change; never edit an old one.
    this.version(1).stores({
      contacts: 'id, createdAt, lastInteractionAt, name',
      conversations: 'id, contactId, lastMessageAt',
      fields: 'id, key, position',
      segments: 'id, name',
      outbox: 'id',
      meta: 'key',
    });
    // v2 (sync engine): per-record server bases of records with pending mutations.
    this.version(2).stores({ bases: '[table+id]' });
    // v3 (cold start): a journal of contacts writes (added to every contacts write by middleware)
    // and a packed snapshot of the contacts.
    this.version(3).stores({ [JOURNAL_TABLE]: '++seq', snapshot: 'key' });
    this.use(contactsJournal);
  }

  async getMeta<K extends MetaKey>(key: K): Promise<MetaValue<K> | undefined> {
    const row = await this.meta.get(key);
    return row?.value as MetaValue<K> | undefined;
  }

  async setMeta<K extends MetaKey>(key: K, value: MetaValue<K>): Promise<void> {
    await this.meta.put({ key, value } as MetaRow);
  }
}

/** The app's one database instance. Tests create their own ContactsDB with a unique name. */
export const db = new ContactsDB();
