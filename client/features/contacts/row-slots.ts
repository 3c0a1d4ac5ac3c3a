// React keys for the table's rows that recycle DOM rows. Keyed by contact id, every new search or
// page would unmount and mount a few thousand DOM nodes; keyed by position, a Live refresh that
// shifts the page by one row would hand every row (and an open inline editor) to another contact.
// Slots do both: a contact still on the page keeps its slot (its row moves, state intact), and
// a contact that arrives takes the slot of one that left (its row is updated in place).

export type RowSlots = ReadonlyMap<string, number>;

export function assignRowSlots(previous: RowSlots, ids: readonly string[]): Map<string, number> {
  const next = new Map<string, number>();
  const used = new Set<number>();
  for (const id of ids) {
    const slot = previous.get(id);
    if (slot !== undefined && !used.has(slot)) {
      next.set(id, slot);
      used.add(slot);
    }
  }
  // Prefer slots whose rows exist (freed by contacts that left), then the smallest unused numbers.
  const free = [...previous.values()].filter((slot) => !used.has(slot)).sort((a, b) => a - b);
  let f = 0;
  let lowest = 0;
  for (const id of ids) {
    if (next.has(id)) continue;
    let slot: number;
    if (f < free.length) slot = free[f++];
    else {
      while (used.has(lowest)) lowest++;
      slot = lowest;
    }
    next.set(id, slot);
    used.add(slot);
  }
  return next;
}
