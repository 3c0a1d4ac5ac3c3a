import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assignRowSlots } from './row-slots';

describe('[V4][V6] table row slots', () => {
  it('a contact that stays keeps its slot; a new one takes a slot that was freed', () => {
    const first = assignRowSlots(new Map(), ['a', 'b', 'c']);
    expect([...first.values()]).toEqual([0, 1, 2]);
    // Live refresh: "n" arrives on top, "c" falls off the page.
    const shifted = assignRowSlots(first, ['n', 'a', 'b']);
    expect(shifted.get('a')).toBe(0);
    expect(shifted.get('b')).toBe(1);
    expect(shifted.get('n')).toBe(2);
    // A new search: nothing stays, every row is reused.
    const other = assignRowSlots(shifted, ['x', 'y']);
    expect(new Set(other.values())).toEqual(new Set([0, 1]));
  });

  it('slots are unique, kept for staying ids, and never more than the larger page needs', () => {
    const page = fc.uniqueArray(fc.constantFrom(...'abcdefghijklmnop'.split('')), { maxLength: 12 });
    fc.assert(
      fc.property(fc.array(page, { minLength: 1, maxLength: 8 }), (pages) => {
        let slots = new Map<string, number>();
        let most = 0;
        for (const ids of pages) {
          const next = assignRowSlots(slots, ids);
          expect([...next.keys()].sort()).toEqual([...ids].sort());
          expect(new Set(next.values()).size).toBe(ids.length);
          for (const id of ids) if (slots.has(id)) expect(next.get(id)).toBe(slots.get(id));
          most = Math.max(most, ids.length);
          for (const slot of next.values()) expect(slot).toBeLessThan(most);
          slots = next;
        }
      }),
    );
  });
});
