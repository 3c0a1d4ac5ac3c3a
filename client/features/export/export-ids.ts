// V11: which contacts an export contains: the current narrowed view (search + filter/segment) from
// the local query engine, ordered by the chosen key, newest first, cut to the chosen count.
import type { FieldDefinition, FilterGroup } from '../../../shared/schema';
import type { QueryEngine } from '../../query/engine';

export type ExportSort = 'lastInteractionAt' | 'createdAt';

export type ExportSelection = { search: string; filter: FilterGroup; sortBy: ExportSort; count: number };

export function exportIds(
  engine: Pick<QueryEngine, 'matchingIds'>,
  sel: ExportSelection,
  fields: readonly FieldDefinition[],
  now: number = Date.now(),
): string[] {
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const ids = engine.matchingIds({ search: sel.search, filter: sel.filter, sort: { by: sel.sortBy, dir: 'desc' } }, { now, fields, timeZone });
  return ids.slice(0, Math.max(0, Math.floor(sel.count)));
}
