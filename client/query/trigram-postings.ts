// Trigram posting lists over the normalised search documents: for each 3-character sequence,
// the slots whose document contains it. A search term of >= 3 characters only needs to check
// the slots of its rarest trigram (PERFORMANCE.md: a scan of 100k strings is ~7 ms; the goal is <= 3).
//
// Lists are append-only between compactions: when a document changes, its new trigrams are
// appended and the ones it lost stay behind as stale entries. Every candidate is verified
// against the current document, so stale or duplicate entries cost time, never correctness;
// once stale entries outweigh live ones the lists are rebuilt.

type Posting = { slots: Int32Array; n: number };

/** 10 bits per UTF-16 unit keeps keys small integers; collisions only add candidates. */
function gramKey(s: string, i: number): number {
  return ((s.charCodeAt(i) & 1023) << 20) | ((s.charCodeAt(i + 1) & 1023) << 10) | (s.charCodeAt(i + 2) & 1023);
}

function gramSet(doc: string): Set<number> {
  const set = new Set<number>();
  for (let i = 0; i + 3 <= doc.length; i++) set.add(gramKey(doc, i));
  return set;
}

export const EMPTY_SLOTS = new Int32Array(0);

export class TrigramPostings {
  private lists = new Map<number, Posting>();
  private live = 0;
  private stale = 0;

  /** minStale: stale entries tolerated before a rebuild is considered (tests use 0). */
  constructor(private readonly minStale = 50_000) {}

  /** Indexes a new document. */
  add(slot: number, doc: string): void {
    for (let i = 0; i + 3 <= doc.length; i++) {
      const key = gramKey(doc, i);
      let p = this.lists.get(key);
      if (!p) {
        p = { slots: new Int32Array(4), n: 0 };
        this.lists.set(key, p);
      } else if (p.slots[p.n - 1] === slot) {
        continue; // this trigram already occurred earlier in the same document
      }
      this.push(p, slot);
    }
  }

  /** A document changed from `before` to `after`. */
  update(slot: number, before: string, after: string): void {
    const old = gramSet(before);
    const now = gramSet(after);
    for (const key of now) {
      if (old.has(key)) continue;
      let p = this.lists.get(key);
      if (!p) {
        p = { slots: new Int32Array(4), n: 0 };
        this.lists.set(key, p);
      }
      this.push(p, slot);
    }
    for (const key of old) if (!now.has(key)) this.stale++;
  }

  /** A document was removed (its entries become stale). */
  drop(doc: string): void {
    this.stale += gramSet(doc).size;
  }

  /** True when a rebuild would pay off. */
  needsCompaction(): boolean {
    return this.stale > this.minStale && this.stale * 2 > this.live;
  }

  clear(): void {
    this.lists.clear();
    this.live = 0;
    this.stale = 0;
  }

  /**
   * The smallest posting list among the trigrams of `text` (a superset of the slots whose
   * document contains `text`), or null when `text` is too short to use the index.
   */
  candidates(text: string): Int32Array | null {
    if (text.length < 3) return null;
    let best: Posting | undefined;
    for (let i = 0; i + 3 <= text.length; i++) {
      const p = this.lists.get(gramKey(text, i));
      if (!p) return EMPTY_SLOTS;
      if (!best || p.n < best.n) best = p;
    }
    return best ? best.slots.subarray(0, best.n) : EMPTY_SLOTS;
  }

  private push(p: Posting, slot: number): void {
    if (p.n === p.slots.length) {
      const grown = new Int32Array(p.slots.length * 2);
      grown.set(p.slots);
      p.slots = grown;
    }
    p.slots[p.n++] = slot;
    this.live++;
  }
}
