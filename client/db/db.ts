// The device's database (IndexedDB via Dexie). Everything the view shows is read from here (S1).
//  contacts / conversations / fields / segments: the workspace's records as last pulled, with this
//    device's pending mutations already applied on top (optimistic, re-applied after each pull).
//  outbox: mutations not yet acknowledged by the server, keyed by their per-client id (S2, S3).
//  meta: one row per key: the session (token, workspace, clientId), the pull cursor, and
//    the mutations the server refused (kept so the user can see why).
import Dexie, { type Table } from 'dexie';
import type { Contact, Conversation, FieldDefinition, Segment } from '../../shared/schema';
import type { Mutation } from '../../shared/mutations';

export type OutboxEntry = Mutation;

export type Session = {
  token: string;
  workspaceId: string;
  workspaceName: string;
  /** This browser profile's sync identity; all tabs share it (one database). */
  clientId: string;
};

export type RejectedMutation = { mutation: Mutation; reason: string; at: number };

export type MetaRow =
  | { key: 'session'; value: Session }
  | { key: 'cursor'; value: number }
  /** Highest mutation id handed out so far (ids stay increasing even after the outbox empties). */
  | { key: 'mutationCounter'; value: number }
  | { key: 'rejected'; value: RejectedMutation[] }
  /** Set once the first full pull finished; until then the view shows first-sync progress. */
  | { key: 'initialSyncDone'; value: boolean };

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
