// V9 selection: a Set of contact ids kept across paging, searching and Live refreshes. Ids of
// contacts that disappear (deleted here or pulled as deleted) drop out, so "N selected" and the
// delete dialog only ever count contacts that exist.
import { useCallback, useEffect, useRef, useState } from 'react';
import { db } from '../../../db/db';
import { getQueryEngine, subscribeChanges } from '../../deps';

export type Selection = {
  selected: ReadonlySet<string>;
  onSelect: (ids: string[], on: boolean) => void;
  clear: () => void;
};

export function useSelection(): Selection {
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const current = useRef(selected);
  current.current = selected;

  const onSelect = useCallback((ids: string[], on: boolean) => {
    setSelected((prev) => {
      const next = new Set(prev);
      for (const id of ids) (on ? next.add(id) : next.delete(id));
      return next;
    });
  }, []);
  const clear = useCallback(() => setSelected(new Set()), []);

  useEffect(
    () =>
      subscribeChanges((notice) => {
        if (notice.table !== 'contacts' || current.current.size === 0) return;
        const ids = 'ids' in notice ? notice.ids.filter((id) => current.current.has(id)) : [...current.current];
        if (ids.length === 0) return;
        void dropMissing(ids).then((gone) => {
          if (gone.length) onSelect(gone, false);
        });
      }),
    [onSelect],
  );

  return { selected, onSelect, clear };
}

/**
 * Asks the query index (once it has applied the notice) rather than IndexedDB: after a bulk
 * delete of 10k selected contacts a second 10k-id read would compete with the index's own
 * (issue 9: the table shows the new total sooner).
 */
async function dropMissing(ids: string[]): Promise<string[]> {
  const engine = getQueryEngine();
  await engine.settled();
  if (engine.ready && engine.error === null) return ids.filter((id) => engine.get(id) === undefined);
  const rows = await db.contacts.bulkGet(ids);
  return ids.filter((_, i) => rows[i] === undefined);
}
