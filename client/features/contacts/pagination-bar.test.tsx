// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act } from 'react';
import { cleanup, render } from '../test/render';
import { PaginationBar } from './pagination-bar';

afterEach(cleanup);

describe('PaginationBar', () => {
  it('[V10][V13] has labelled Previous/Next and page buttons, and a formatted total', () => {
    const onPage = vi.fn();
    const view = render(<PaginationBar total={12345} page={2} pageSize={10} onPage={onPage} onPageSize={() => {}} />);
    expect(view.textContent).toContain(`${(12345).toLocaleString()} contacts`);
    const prev = view.querySelector<HTMLButtonElement>('button[aria-label="Previous page"]');
    const next = view.querySelector<HTMLButtonElement>('button[aria-label="Next page"]');
    expect(prev).not.toBeNull();
    expect(next).not.toBeNull();
    expect(view.querySelector('button[aria-label="Page 1235"]')).not.toBeNull();
    act(() => next!.click());
    expect(onPage).toHaveBeenLastCalledWith(3);
    act(() => view.querySelector<HTMLButtonElement>('button[aria-label="Page 1"]')!.click());
    expect(onPage).toHaveBeenLastCalledWith(1);
    expect(view.querySelector('input[aria-label="Rows per page"]')).not.toBeNull();
  });
});
