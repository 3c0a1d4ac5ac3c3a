// The contacts view state read from and written to the URL (see view-state.ts).
// 'push' for navigations (segment, page, sort, filters), 'replace' while typing in search.
import { useCallback, useMemo } from 'react';
import { getLocation, navigate, replace, useLocation } from '../../router';
import { parseViewState, serializeViewState, type ViewState } from './view-state';

export type ViewUpdate = Partial<ViewState> | ((view: ViewState) => Partial<ViewState>);

export function useViewState() {
  const { search } = useLocation();
  const view = useMemo(() => parseViewState(search), [search]);
  const update = useCallback((patch: ViewUpdate, mode: 'push' | 'replace' = 'push') => {
    // Read the URL at call time so two quick updates (debounced search + a click) both apply.
    const current = parseViewState(getLocation().search);
    const next = { ...current, ...(typeof patch === 'function' ? patch(current) : patch) };
    const url = `/contacts${serializeViewState(next)}`;
    if (mode === 'replace') replace(url);
    else navigate(url);
  }, []);
  return { view, update };
}
