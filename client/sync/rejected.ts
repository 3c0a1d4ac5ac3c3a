// Mutations the server refused (S3): kept with their reasons so the UI can say what did not save.
import { useLiveQuery } from 'dexie-react-hooks';
import type { ContactsDB, RejectedMutation } from '../db/db';

const NONE: RejectedMutation[] = [];

export function useRejectedMutations(db: ContactsDB): RejectedMutation[] {
  return useLiveQuery(async () => (await db.getMeta('rejected')) ?? NONE, [db], NONE);
}

/** "Dismiss": the user has seen them. */
export async function clearRejectedMutations(db: ContactsDB): Promise<void> {
  await db.meta.delete('rejected');
}
