import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, parseViewState, serializeViewState, type ViewState } from './view-state';

describe('view state in the URL', () => {
  it('[V10] the default view has an empty query string', () => {
    expect(serializeViewState(DEFAULT_VIEW)).toBe('');
    expect(parseViewState('')).toEqual(DEFAULT_VIEW);
  });

  it('[V2][V10] search, filter, segment, sort, page and size round-trip', () => {
    const view: ViewState = {
      search: 'José & co',
      filter: {
        match: 'any',
        conditions: [
          { field: 'name', operator: 'contains', value: 'ñú/+=' },
          { field: 'cf:plan', operator: 'is_any_of', value: ['Pro', 'Team'] },
          { field: 'createdAt', operator: 'between', value: ['2025-01-01', '2025-02-01'] },
        ],
      },
      segmentId: '0190f3c2-7a6b-7cc0-8000-000000000001',
      sort: { by: 'name', dir: 'asc' },
      page: 7,
      pageSize: 50,
    };
    expect(parseViewState(serializeViewState(view))).toEqual(view);
  });

  it('[V10] invalid values fall back to defaults', () => {
    const view = parseViewState('?page=-3&size=13&sort=email&dir=up&filter=%%%');
    expect(view).toEqual(DEFAULT_VIEW);
  });
});
