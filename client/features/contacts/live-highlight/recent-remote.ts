// Which contacts were just changed by a pull (another device, ingest) rather than by this tab's
// own edit (issue 7: Live highlight). Both arrive on the change feed; the local change API also
// calls its onLocalChange listeners synchronously right after publishing, so notices seen in the
// same task as an onLocalChange call are this user's own and are not highlighted.
import { onLocalChange, subscribeChanges } from '../../deps';

export const HIGHLIGHT_MS = 2000;
/** A pull page this big is a (re)load of the workspace, not live traffic: nothing to highlight. */
const BULK_NOTICE = 500;

const remoteAt = new Map<string, number>();
let pending: string[] = [];
let localSeen = false;
let flushQueued = false;
let started = false;

function flush(): void {
  flushQueued = false;
  const ids = pending;
  pending = [];
  const local = localSeen;
  localSeen = false;
  if (local || ids.length > BULK_NOTICE) return;
  const now = Date.now();
  for (const [id, at] of remoteAt) if (now - at > HIGHLIGHT_MS) remoteAt.delete(id);
  for (const id of ids) remoteAt.set(id, now);
}

/** Starts listening (idempotent; the module is inert until a table row asks). */
export function startRecentRemote(): void {
  if (started) return;
  started = true;
  subscribeChanges((notice) => {
    if (notice.table !== 'contacts' || !('ids' in notice)) return;
    pending.push(...notice.ids);
    if (!flushQueued) {
      flushQueued = true;
      queueMicrotask(flush);
    }
  });
  onLocalChange(() => {
    localSeen = true;
  });
}

/** True when a pull changed or created this contact within the last HIGHLIGHT_MS. */
export function changedRemotely(id: string, now: number = Date.now()): boolean {
  const at = remoteAt.get(id);
  return at !== undefined && now - at <= HIGHLIGHT_MS;
}
