import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createStatusStore, useSyncStatus, type SyncStatusStore } from './status';

function Probe({ store }: { store: SyncStatusStore }) {
  const s = useSyncStatus(store);
  return createElement('span', null, `${s.pending} pending, ${s.lastError ?? 'ok'}`);
}

describe('sync status', () => {
  it('[S8] the store notifies on change only and the hook reads the current value', () => {
    const store = createStatusStore();
    let calls = 0;
    store.subscribe(() => calls++);
    store.set({ pending: 3 });
    store.set({ pending: 3 }); // unchanged: no new snapshot, no render
    store.set({ lastError: 'network down' });
    expect(calls).toBe(2);
    expect(renderToString(createElement(Probe, { store }))).toContain('3 pending, network down');
  });
});
