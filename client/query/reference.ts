// A brute-force reference of the query semantics, for tests: filter with the shared evaluator,
// search by plain substring over each contact's document, full sort, slice. Slow on purpose.
import type { Contact, FieldDefinition } from '../../shared/schema';
import { evaluateFilter, type FilterContext } from '../../shared/filter/evaluate';
import { documentMatches, normalizeQuery, searchDocument } from '../../shared/search/normalize';
import { compareIds, createNameCollator } from './contact-index';
import type { ContactQuery, ContactSort, MatchQuery, QueryResult } from './types';

export function referenceMatches(all: readonly Contact[], q: MatchQuery & { sort: ContactSort }, ctx: FilterContext, locale?: string): Contact[] {
  const terms = normalizeQuery(q.search);
  const fields: readonly FieldDefinition[] = ctx.fields;
  const hits = all.filter((c) => documentMatches(searchDocument(c, fields), terms) && evaluateFilter(q.filter, c, ctx));
  const collator = createNameCollator(locale);
  const asc = (a: Contact, b: Contact): number => {
    switch (q.sort.by) {
      case 'name':
        return collator.compare(a.name, b.name) || compareIds(a.id, b.id);
      case 'createdAt':
        return a.createdAt - b.createdAt || compareIds(a.id, b.id);
      default:
        return (a.lastInteractionAt as number) - (b.lastInteractionAt as number) || compareIds(a.id, b.id);
    }
  };
  if (q.sort.by !== 'lastInteractionAt') {
    return hits.sort((a, b) => (q.sort.dir === 'asc' ? asc(a, b) : asc(b, a)));
  }
  // Contacts without a last interaction come last in both directions, by id.
  const keyed = hits.filter((c) => c.lastInteractionAt !== null).sort((a, b) => (q.sort.dir === 'asc' ? asc(a, b) : asc(b, a)));
  const none = hits.filter((c) => c.lastInteractionAt === null).sort((a, b) => compareIds(a.id, b.id));
  return [...keyed, ...none];
}

export function referenceQuery(all: readonly Contact[], q: ContactQuery, ctx: FilterContext, locale?: string): QueryResult {
  const sorted = referenceMatches(all, q, ctx, locale);
  const start = (q.page - 1) * q.pageSize;
  return { total: sorted.length, rows: sorted.slice(start, start + q.pageSize) };
}
