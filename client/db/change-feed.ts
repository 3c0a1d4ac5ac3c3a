// Which records changed, told to every listener in this tab and in other tabs of this browser.
// Every write path (local change API, pull) publishes after its transaction commits; the
// in-memory query index subscribes and re-reads just those ids instead of rebuilding (Q1).
export type ChangedTable = 'contacts' | 'conversations' | 'fields' | 'segments';
/**
 * origin 'pull': the records were just stored from the server (the first sync may have shown them
 * already). deleted: the ids were deleted by this write (listeners need not read them back).
 */
export type ChangeNotice = { table: ChangedTable; ids: string[]; origin?: 'pull'; deleted?: true } | { table: ChangedTable; reset: true };
type Listener = (notice: ChangeNotice) => void;

const listeners = new Set<Listener>();
const channel: BroadcastChannel | null =
  typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('all-contacts-changes');
channel?.addEventListener('message', (event: MessageEvent<ChangeNotice>) => emit(event.data));

function emit(notice: ChangeNotice): void {
  for (const listener of listeners) listener(notice);
}

export function publishChanges(notice: ChangeNotice): void {
  if ('ids' in notice && notice.ids.length === 0) return;
  emit(notice);
  channel?.postMessage(notice);
}

export function subscribeChanges(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
