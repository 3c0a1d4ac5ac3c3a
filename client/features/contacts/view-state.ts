// V10/issue 4: the contacts view's state lives in the URL query string so reload, back/forward
// and shared links restore it. Parsing is forgiving: anything invalid falls back to the default.
import { EMPTY_FILTER, filterGroupSchema, type FilterGroup } from '../../../shared/schema';

export const PAGE_SIZES = [10, 25, 50, 100] as const;
export type SortBy = 'name' | 'createdAt' | 'lastInteractionAt';
export type SortDir = 'asc' | 'desc';

export type ViewState = {
  search: string;
  filter: FilterGroup;
  segmentId: string | null;
  sort: { by: SortBy; dir: SortDir };
  page: number;
  pageSize: number;
};

export const DEFAULT_VIEW: ViewState = {
  search: '',
  filter: EMPTY_FILTER,
  segmentId: null,
  sort: { by: 'createdAt', dir: 'desc' },
  page: 1,
  pageSize: 10,
};

const SORT_BYS: readonly SortBy[] = ['name', 'createdAt', 'lastInteractionAt'];

/** base64url of UTF-8 JSON: compact in the URL and safe for any characters in values. */
export function encodeFilter(filter: FilterGroup): string {
  const bytes = new TextEncoder().encode(JSON.stringify(filter));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeFilter(text: string): FilterGroup | null {
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
    const parsed = filterGroupSchema.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function positiveInt(text: string | null, fallback: number): number {
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 ? n : fallback;
}

export function parseViewState(search: string): ViewState {
  const p = new URLSearchParams(search);
  const by = p.get('sort') as SortBy | null;
  const dir = p.get('dir');
  const size = Number(p.get('size'));
  const filterText = p.get('filter');
  return {
    search: p.get('q') ?? '',
    filter: (filterText && decodeFilter(filterText)) || EMPTY_FILTER,
    segmentId: p.get('segment') || null,
    sort: {
      by: by && SORT_BYS.includes(by) ? by : DEFAULT_VIEW.sort.by,
      dir: dir === 'asc' || dir === 'desc' ? dir : DEFAULT_VIEW.sort.dir,
    },
    page: positiveInt(p.get('page'), 1),
    pageSize: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_VIEW.pageSize,
  };
}

/** Only non-default values are written, so the plain /contacts link is the default view. */
export function serializeViewState(view: ViewState): string {
  const p = new URLSearchParams();
  if (view.search) p.set('q', view.search);
  if (view.filter.conditions.length > 0) p.set('filter', encodeFilter(view.filter));
  if (view.segmentId) p.set('segment', view.segmentId);
  if (view.sort.by !== DEFAULT_VIEW.sort.by || view.sort.dir !== DEFAULT_VIEW.sort.dir) {
    p.set('sort', view.sort.by);
    p.set('dir', view.sort.dir);
  }
  if (view.page !== 1) p.set('page', String(view.page));
  if (view.pageSize !== DEFAULT_VIEW.pageSize) p.set('size', String(view.pageSize));
  const text = p.toString();
  return text ? `?${text}` : '';
}
