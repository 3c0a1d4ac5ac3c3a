// Writes a generated workspace into storage in one transaction, and creates the demo workspace on
// first start (DEMO on, no workspace yet).
import type { Storage } from '../storage/types';
import type { RecordInput } from '../storage/types';
import { generateWorkspace, startOfUtcDay, type GeneratedWorkspace } from './generate';

export const DEMO_CONTACTS = 2000;
export const DEMO_SEED = 1;

export async function writeWorkspace(storage: Storage, w: GeneratedWorkspace): Promise<void> {
  await storage.transaction(async (tx) => {
    await tx.createWorkspace(w.workspace);
    const records: RecordInput[] = [
      ...w.fields.map((f): RecordInput => ({ kind: 'field', id: f.id, data: f })),
      ...w.segments.map((s): RecordInput => ({ kind: 'segment', id: s.id, data: s })),
      ...w.contacts.map((c): RecordInput => ({ kind: 'contact', id: c.id, data: c })),
      ...w.conversations.map((c): RecordInput => ({ kind: 'conversation', id: c.id, data: c, contactId: c.contactId })),
    ];
    await tx.putRecords(w.workspace.id, records);
  });
}

/** Creates the demo workspace when the database has none. Returns what it made, or null. */
export async function ensureDemoWorkspace(
  storage: Storage,
  opts: { contacts?: number; seed?: number; now?: number } = {},
): Promise<{ workspaceId: string; contacts: number } | null> {
  if ((await storage.listWorkspaces()).length > 0) return null;
  const w = generateWorkspace({
    contacts: opts.contacts ?? DEMO_CONTACTS,
    seed: opts.seed ?? DEMO_SEED,
    now: opts.now ?? startOfUtcDay(),
  });
  await writeWorkspace(storage, w);
  return { workspaceId: w.workspace.id, contacts: w.contacts.length };
}
