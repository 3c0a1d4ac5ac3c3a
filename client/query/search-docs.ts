// Each contact's normalised search document by slot, its trigram postings, and the search
// itself: pick the most selective source of candidates, verify each against its document.
import { documentMatches, type SearchTerm } from '../../shared/search/normalize';
import { TrigramPostings } from './trigram-postings';

export type SlotTest = (slot: number) => boolean;

/** Does every document matching term `n` also match term `o`? (Both as text or phone digits.) */
function termImplies(n: SearchTerm, o: SearchTerm): boolean {
  const within = (hay: string): boolean => hay.includes(o.text) || (o.digits !== null && hay.includes(o.digits));
  return within(n.text) && (n.digits === null || within(n.digits));
}

/** True when the matches of `terms` are a subset of the matches of `broader` ("jo" -> "jos"). */
export function narrows(terms: readonly SearchTerm[], broader: readonly SearchTerm[]): boolean {
  return broader.every((o) => terms.some((n) => termImplies(n, o)));
}

export class SearchDocs {
  private docs: string[] = [];
  private postings: TrigramPostings;
  private pending: number[] = [];
  private pendingSet = new Set<number>();
  private seen = new Uint32Array(0);
  private seenStamp = 0;

  constructor(compactionMinStale?: number) {
    this.postings = new TrigramPostings(compactionMinStale);
  }

  /** A slot's first document; indexed in bulk by flush(). */
  add(slot: number, doc: string): void {
    this.docs[slot] = doc;
    this.pending.push(slot);
    this.pendingSet.add(slot);
  }

  /** A slot's document may have changed. */
  replace(slot: number, doc: string): void {
    const before = this.docs[slot];
    if (before === doc) return;
    // A slot not flushed yet is indexed by flush() with its latest document (updating it too
    // would list it twice without any stale entry, which find() relies on).
    if (!this.pendingSet.has(slot)) this.postings.update(slot, before, doc);
    this.docs[slot] = doc;
  }

  drop(slot: number): void {
    this.postings.drop(this.docs[slot]);
    this.docs[slot] = '';
  }

  /** Indexes the documents added since the last flush; rebuilds the postings when mostly stale. */
  flush(live: SlotTest): void {
    if (this.pending.length > 0) {
      const slots = this.pending;
      this.pending = [];
      this.pendingSet.clear();
      this.postings.addMany(slots, slots.map((slot) => this.docs[slot]));
    }
    if (this.postings.needsCompaction()) this.rebuild(live);
  }

  /** Re-indexes every live document (after a change of searchable fields, or to drop stale entries). */
  rebuild(live: SlotTest): void {
    this.postings.clear();
    this.pending = [];
    this.pendingSet.clear();
    const slots: number[] = [];
    for (let slot = 0; slot < this.docs.length; slot++) if (live(slot)) slots.push(slot);
    this.postings.addMany(slots, slots.map((slot) => this.docs[slot]));
  }

  clear(): void {
    this.docs = [];
    this.pending = [];
    this.pendingSet.clear();
    this.postings.clear();
  }

  /**
   * Slots (0 .. slotCount) whose document matches every term and that pass `accept`.
   * superset: slots known to match a broader search and to pass `accept` already (checked
   * with `acceptKnown` only, e.g. "still exists"), used when smaller than the postings.
   */
  find(terms: readonly SearchTerm[], slotCount: number, superset: Int32Array | null, accept: SlotTest, acceptKnown: SlotTest): Int32Array {
    const lists = this.bestCandidates(terms);
    const listSize = lists ? lists.reduce((n, l) => n + l.length, 0) : Infinity;
    const fromSuperset = superset !== null && superset.length <= listSize;
    const test = fromSuperset ? acceptKnown : accept;
    const docs = this.docs;
    // One term matched as plain text ('4155' is its own digits: one includes() is the whole test).
    const single = terms.length === 1 && (terms[0].digits === null || terms[0].digits === terms[0].text) ? terms[0].text : null;
    let out = new Int32Array(fromSuperset ? superset.length : Math.min(listSize, slotCount));
    let k = 0;
    // Hot path: up to 100k calls per keystroke.
    const consider = (slot: number): void => {
      if (single !== null ? !docs[slot].includes(single) : terms.length > 0 && !documentMatches(docs[slot], terms)) return;
      if (!test(slot)) return;
      if (k === out.length) {
        const grown = new Int32Array(out.length * 2 + 16);
        grown.set(out);
        out = grown;
      }
      out[k++] = slot;
    };
    if (fromSuperset) {
      for (let i = 0; i < superset.length; i++) consider(superset[i]);
    } else if (lists && lists.length === 1 && !this.postings.hasStale()) {
      // One list without stale entries holds each slot once: no need to remember what was seen.
      const list = lists[0];
      for (let i = 0; i < list.length; i++) consider(list[i]);
    } else if (lists) {
      const stamp = this.nextStamp(slotCount);
      const seen = this.seen;
      for (const list of lists) {
        for (let i = 0; i < list.length; i++) {
          const slot = list[i];
          if (seen[slot] === stamp) continue; // duplicate or stale entries
          seen[slot] = stamp;
          consider(slot);
        }
      }
    } else {
      for (let slot = 0; slot < slotCount; slot++) consider(slot);
    }
    return out.subarray(0, k);
  }

  /** How many candidates a search would verify (Infinity when it must scan every document). */
  candidateCount(terms: readonly SearchTerm[]): number {
    const lists = this.bestCandidates(terms);
    return lists ? lists.reduce((n, l) => n + l.length, 0) : Infinity;
  }

  /** Candidate lists of the most selective indexable term (its text and phone-digit forms), or null to scan. */
  private bestCandidates(terms: readonly SearchTerm[]): Int32Array[] | null {
    let best: Int32Array[] | null = null;
    let bestSize = Infinity;
    for (const term of terms) {
      const forms = term.digits && term.digits !== term.text ? [term.text, term.digits] : [term.text];
      const lists: Int32Array[] = [];
      let size = 0;
      for (const form of forms) {
        const list = this.postings.candidates(form);
        if (!list) {
          size = Infinity;
          break;
        }
        lists.push(list);
        size += list.length;
      }
      if (size < bestSize) {
        best = lists;
        bestSize = size;
      }
    }
    return best;
  }

  private nextStamp(slotCount: number): number {
    if (this.seen.length < slotCount) this.seen = new Uint32Array(Math.max(1024, slotCount * 2));
    this.seenStamp = (this.seenStamp + 1) >>> 0;
    if (this.seenStamp === 0) {
      this.seen.fill(0);
      this.seenStamp = 1;
    }
    return this.seenStamp;
  }
}
