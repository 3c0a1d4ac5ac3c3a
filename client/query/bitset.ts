// Slot sets as bit arrays (32 slots per word): AND / OR of whole filter conditions is a pass
// over n/32 words, and counting or listing the members is a popcount / bit walk.

export type Bits = Uint32Array;

export function wordsFor(slots: number): number {
  return (slots + 31) >>> 5;
}

export function hasBit(bits: Bits, slot: number): boolean {
  return ((bits[slot >>> 5] >>> (slot & 31)) & 1) === 1;
}

export function setBit(bits: Bits, slot: number): void {
  bits[slot >>> 5] |= 1 << (slot & 31);
}

export function clearBit(bits: Bits, slot: number): void {
  bits[slot >>> 5] &= ~(1 << (slot & 31));
}

function popcount(w: number): number {
  w -= (w >>> 1) & 0x55555555;
  w = (w & 0x33333333) + ((w >>> 2) & 0x33333333);
  return (Math.imul((w + (w >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

export function countBits(bits: Bits): number {
  let n = 0;
  for (let i = 0; i < bits.length; i++) if (bits[i] !== 0) n += popcount(bits[i]);
  return n;
}

/** The set slots, ascending. */
export function bitsToSlots(bits: Bits): Int32Array {
  const out = new Int32Array(countBits(bits));
  let k = 0;
  for (let i = 0; i < bits.length; i++) {
    let w = bits[i];
    const base = i << 5;
    while (w !== 0) {
      const low = w & -w;
      out[k++] = base + 31 - Math.clz32(low);
      w ^= low;
    }
  }
  return out;
}

export function slotsToBits(slots: ArrayLike<number>, slotCount: number): Bits {
  const bits = new Uint32Array(wordsFor(slotCount));
  for (let i = 0; i < slots.length; i++) setBit(bits, slots[i]);
  return bits;
}
