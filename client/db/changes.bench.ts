// Micro-benchmark of the local change API over fake-indexeddb (not a test; ratios only - Chrome's
// IndexedDB costs differ). Run: npx tsx client/db/changes.bench.ts [contacts]
import 'fake-indexeddb/auto';
import { performance } from 'node:perf_hooks';
import { EMPTY_DERIVED, type Contact } from '../../shared/schema';
import { newId } from '../../shared/ids';
import { deleteContacts, patchContact } from './changes';
import { ContactsDB } from './db';

const COUNT = Number(process.argv[2] ?? 20_000);
const EDITS = 200;

const contact = (i: number): Contact => ({
  id: newId(),
  createdAt: i,
  updatedAt: i,
  name: `Contact ${i}`,
  email: `c${i}@example.com`,
  phone: '',
  avatarUrl: '',
  campaignOptIn: false,
  customFields: { plan: 'Pro', seats: i % 50 },
  ...EMPTY_DERIVED,
  conversationCount: i % 3,
});

async function main(): Promise<void> {
  const db = new ContactsDB(`changes-bench-${newId()}`);
  const rows = Array.from({ length: COUNT }, (_, i) => contact(i));
  await db.contacts.bulkPut(rows);
  await db.conversations.bulkPut(
    rows.filter((c) => c.conversationCount > 0).map((c, i) => ({
      id: newId(), contactId: c.id, channel: 'email', createdAt: i, lastMessageAt: i, lastMessageText: 'hi', labels: [], customFields: {},
    })),
  );

  const edits: number[] = [];
  for (let i = 0; i < EDITS; i++) {
    const t = performance.now();
    await patchContact(db, rows[i % 100].id, { set: { campaignOptIn: i % 2 === 0 } });
    edits.push(performance.now() - t);
  }
  edits.sort((a, b) => a - b);
  console.log(`patchContact (opt-in): median ${edits[EDITS >> 1].toFixed(2)} ms over ${EDITS}`);

  const victims = rows.slice(COUNT / 2).filter((_, i) => i % 1 === 0).slice(0, 10_000).map((c) => c.id);
  const t = performance.now();
  await deleteContacts(db, victims);
  console.log(`deleteContacts (${victims.length.toLocaleString('en')}): ${(performance.now() - t).toFixed(0)} ms`);
  console.log(`left: ${await db.contacts.count()} contacts, ${await db.conversations.count()} conversations, ${await db.outbox.count()} outbox`);
  db.close();
  await ContactsDB.delete(db.name);
}

void main().then(() => process.exit(0)); // the change feed's BroadcastChannel keeps node alive
