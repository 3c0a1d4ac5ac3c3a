// The query the contacts table asks of the local index (V1, V2, V3, V10).
import type { Contact, FilterGroup } from '../../shared/schema';

export type SortBy = 'name' | 'createdAt' | 'lastInteractionAt';
export type SortDir = 'asc' | 'desc';
export type ContactSort = { by: SortBy; dir: SortDir };

export type ContactQuery = {
  search: string;
  filter: FilterGroup;
  sort: ContactSort;
  /** 1-based. A page past the end returns no rows (total still counts every match). */
  page: number;
  pageSize: number;
};

/** What matches, independent of sort and page. */
export type MatchQuery = Pick<ContactQuery, 'search' | 'filter'>;

export type QueryResult = { total: number; rows: Contact[] };
