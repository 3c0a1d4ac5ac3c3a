// Trigram posting lists over the normalised search documents: for each 3-character sequence,
// the slots whose document contains it. A search term of >= 3 characters only needs to check
// the slots of its rarest trigram (PERFORMANCE.md: a scan of 100k strings is ~7 ms; the goal is <= 3).
//
// Characters map to 6-bit codes (letters, digits and the punctuation of emails, phones and
// URLs get their own; everything else shares a few), so a trigram is an 18-bit number that
// indexes the lists directly: no hashing on the ~10M lookups of a 100k build. Code
// collisions only add candidates.
//
// Lists are append-only between compactions: when a document changes, its new trigrams are
// appended and the ones it lost stay behind as stale entries. Every candidate is verified
// against the current document, so stale or duplicate entries cost time, never correctness;
// once stale entries outweigh live ones the lists are rebuilt.

const CODE = new Uint8Array(65536);
{
  const own = 'abcdefghijklmnopqrstuvwxyz0123456789 .@-_+\n/:()\'&,';
  for (let i = 0; i < own.length; i++) CODE[own.charCodeAt(i)] = i + 1;
  const shared = own.length + 1; // 51..63 spread the rest of Unicode
  for (let c = 128; c < 65536; c++) CODE[c] = shared + (c % (64 - shared));
}
const KEYS = 1 << 18;

function gramKey(s: string, i: number): number {
  return (CODE[s.charCodeAt(i)] << 12) | (CODE[s.charCodeAt(i + 1)] << 6) | CODE[s.charCodeAt(i + 2)];
}

function gramSet(doc: string): Set<number> {
  const set = new Set<number>();
  for (let i = 0; i + 3 <= doc.length; i++) set.add(gramKey(doc, i));
  return set;
}

/** Below this many documents, skip the two-pass build (it touches every key twice). */
const SMALL_BATCH = 64;

export const EMPTY_SLOTS = new Int32Array(0);

export class TrigramPostings {
  private lists: (Int32Array | undefined)[] = new Array(KEYS);
  private lengths = new Int32Array(KEYS);
  /** Per key: the last slot counted in the current batch (dedupes trigrams within a document). */
  private lastSlot = new Int32Array(KEYS).fill(-1);
  private live = 0;
  private stale = 0;

  /** minStale: stale entries tolerated before a rebuild is considered (tests use 0). */
  constructor(private readonly minStale = 50_000) {}

  /** Indexes new documents: counts first, sizes each list once, then fills. */
  addMany(slots: ArrayLike<number>, docs: readonly string[]): void {
    if (docs.length <= SMALL_BATCH) {
      for (let d = 0; d < docs.length; d++) this.update(slots[d], '', docs[d]);
      return;
    }
    const extra = new Int32Array(KEYS);
    const last = this.lastSlot.fill(-1);
    for (let d = 0; d < docs.length; d++) {
      const doc = docs[d];
      const slot = slots[d];
      for (let i = 0; i + 3 <= doc.length; i++) {
        const key = gramKey(doc, i);
        if (last[key] === slot) continue;
        last[key] = slot;
        extra[key]++;
      }
    }
    for (let key = 0; key < KEYS; key++) if (extra[key] > 0) this.reserve(key, extra[key]);
    last.fill(-1);
    for (let d = 0; d < docs.length; d++) {
      const doc = docs[d];
      const slot = slots[d];
      for (let i = 0; i + 3 <= doc.length; i++) {
        const key = gramKey(doc, i);
        if (last[key] === slot) continue;
        last[key] = slot;
        (this.lists[key] as Int32Array)[this.lengths[key]++] = slot;
      }
    }
    for (let key = 0; key < KEYS; key++) this.live += extra[key];
  }

  /** A document changed from `before` to `after`. */
  update(slot: number, before: string, after: string): void {
    const old = gramSet(before);
    const now = gramSet(after);
    for (const key of now) {
      if (old.has(key)) continue;
      this.reserve(key, 1);
      (this.lists[key] as Int32Array)[this.lengths[key]++] = slot;
      this.live++;
    }
    for (const key of old) if (!now.has(key)) this.stale++;
  }

  /** A document was removed (its entries become stale). */
  drop(doc: string): void {
    this.stale += gramSet(doc).size;
  }

  /** False when every entry is live and listed once (nothing changed or was dropped since the last build). */
  hasStale(): boolean {
    return this.stale > 0;
  }

  /** True when a rebuild would pay off. */
  needsCompaction(): boolean {
    return this.stale > this.minStale && this.stale * 2 > this.live;
  }

  clear(): void {
    this.lists = new Array(KEYS);
    this.lengths.fill(0);
    this.live = 0;
    this.stale = 0;
  }

  /**
   * The smallest posting list among the trigrams of `text` (a superset of the slots whose
   * document contains `text`), or null when `text` is too short to use the index.
   */
  candidates(text: string): Int32Array | null {
    if (text.length < 3) return null;
    let best = -1;
    for (let i = 0; i + 3 <= text.length; i++) {
      const key = gramKey(text, i);
      if (this.lengths[key] === 0) return EMPTY_SLOTS;
      if (best < 0 || this.lengths[key] < this.lengths[best]) best = key;
    }
    return (this.lists[best] as Int32Array).subarray(0, this.lengths[best]);
  }

  /** Makes room for `more` entries in a list (grows by at least half, so appends stay amortised O(1)). */
  private reserve(key: number, more: number): void {
    const arr = this.lists[key];
    const need = this.lengths[key] + more;
    if (arr && arr.length >= need) return;
    const grown = new Int32Array(arr ? Math.max(need, arr.length + (arr.length >> 1) + 4) : need);
    if (arr) grown.set(arr.subarray(0, this.lengths[key]));
    this.lists[key] = grown;
  }
}
