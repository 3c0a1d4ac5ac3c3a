import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SortOrder } from './sort-order';

// Keys per slot; null = no key (kept at the end in both directions), ties by slot number.
function reference(keys: Map<number, number | null>, dir: 'asc' | 'desc'): number[] {
  const keyed = [...keys].filter(([, k]) => k !== null) as [number, number][];
  const keyless = [...keys].filter(([, k]) => k === null).map(([slot]) => slot).sort((a, b) => a - b);
  keyed.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  const order = keyed.map(([slot]) => slot);
  return [...(dir === 'asc' ? order : order.reverse()), ...keyless];
}

describe('[V10] SortOrder: changes recorded per batch, merged on the next read', () => {
  it('equals a full sort after any mix of inserts, key changes and removals, read at random moments', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('put' as const), slot: fc.integer({ min: 0, max: 30 }), key: fc.option(fc.integer({ min: 0, max: 9 })) }),
      fc.record({ kind: fc.constant('drop' as const), slot: fc.integer({ min: 0, max: 30 }) }),
      fc.record({ kind: fc.constant('read' as const), dir: fc.constantFrom('asc' as const, 'desc' as const) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const keys = new Map<number, number | null>();
        const key = (slot: number) => keys.get(slot) ?? null;
        const order = new SortOrder(
          (a, b) => {
            const x = key(a);
            const y = key(b);
            if (x === null || y === null) return x === null && y === null ? a - b : x === null ? 1 : -1;
            return x - y || a - b;
          },
          (slot) => key(slot) !== null,
        );
        for (const o of ops) {
          if (o.kind === 'put') {
            const had = keys.has(o.slot);
            keys.set(o.slot, o.key);
            order.apply(new Set(had ? [o.slot] : []), [o.slot]);
          } else if (o.kind === 'drop') {
            if (!keys.delete(o.slot)) continue;
            order.apply(new Set([o.slot]), []);
          } else {
            expect([...order.slots(o.dir)]).toEqual(reference(keys, o.dir));
          }
        }
        expect(order.length).toBe(keys.size);
        expect([...order.slots('asc')]).toEqual(reference(keys, 'asc'));
      }),
      { numRuns: 300 },
    );
  });
});
