// P4: a local write that hits the storage quota fails with a clear message and leaves the database
// exactly as it was: the record unchanged, earlier outbox entries intact, no half-written mutation.
import 'fake-indexeddb/auto';
import Dexie, { type DBCore } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import { LocalChangeError, createContact, patchContact } from './changes';
import { ContactsDB } from './db';
import { isQuotaError, QUOTA_MESSAGE } from './quota';

const dbs: ContactsDB[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await ContactsDB.delete(db.name);
  }
});

type Failure = () => Error;

/** A database whose outbox writes throw `failure()` while it is set (like a full disk would). */
function dbWithFailingOutbox(): { db: ContactsDB; failWith: (f: Failure | null) => void } {
  const db = new ContactsDB(`quota-${newId()}`);
  dbs.push(db);
  let failure: Failure | null = null;
  db.use({
    stack: 'dbcore',
    name: 'quota-test',
    create: (down: DBCore): DBCore => ({
      ...down,
      table(name) {
        const table = down.table(name);
        return {
          ...table,
          mutate: (req) => (failure && name === 'outbox' ? Promise.reject(failure()) : table.mutate(req)),
        };
      },
    }),
  });
  return { db, failWith: (f) => (failure = f) };
}

const person = { name: 'Ada', email: 'ada@example.com', phone: '', avatarUrl: '', campaignOptIn: false, customFields: {} };

const quotaDom = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
// Chrome: the transaction aborts and the quota error is the cause inside.
const chromeAbort = () => new Dexie.AbortError('Transaction aborted', quotaDom());

describe('storage quota (P4)', () => {
  for (const [label, failure] of [
    ['QuotaExceededError', quotaDom],
    ['AbortError with the quota error inside', chromeAbort],
  ] as const) {
    it(`[P4] ${label} on a local write -> clear LocalChangeError, record and earlier outbox entry intact`, async () => {
      const { db, failWith } = dbWithFailingOutbox();
      const id = await createContact(db, person);
      const before = await db.outbox.toArray();
      expect(before).toHaveLength(1);

      failWith(failure);
      const error = await patchContact(db, id, { set: { name: 'Ada Lovelace' } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LocalChangeError);
      expect((error as Error).message).toBe(QUOTA_MESSAGE);
      expect((error as Error).message).toMatch(/storage space/);

      // Rolled back as a whole: the view, the outbox, and the mutation counter are unchanged.
      expect((await db.contacts.get(id))?.name).toBe('Ada');
      expect(await db.outbox.toArray()).toEqual(before);
      expect(await db.getMeta('mutationCounter')).toBe(1);

      // Once space is back, the next edit works and gets the next id.
      failWith(null);
      await patchContact(db, id, { set: { name: 'Ada Lovelace' } });
      expect((await db.outbox.toArray()).map((m) => m.id)).toEqual([1, 2]);
    });
  }

  it('[P4] other write errors are passed through unchanged', async () => {
    const { db, failWith } = dbWithFailingOutbox();
    const id = await createContact(db, person);
    failWith(() => new DOMException('boom', 'DataError'));
    const error = await patchContact(db, id, { set: { name: 'X' } }).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(LocalChangeError);
    expect(isQuotaError(error)).toBe(false);
  });

  it('[P4] recognises quota errors however they are wrapped', () => {
    expect(isQuotaError(quotaDom())).toBe(true);
    expect(isQuotaError(chromeAbort())).toBe(true);
    expect(isQuotaError(new Error('x', { cause: quotaDom() }))).toBe(true);
    expect(isQuotaError({ name: 'AbortError', message: 'Quota exceeded' })).toBe(true);
    expect(isQuotaError(new DOMException('aborted', 'AbortError'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });
});
