// Test helper: renders a component inside Mantine in jsdom (with the browser APIs Mantine
// expects and jsdom lacks), and cleans up after each test.
import type { ReactNode } from 'react';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MantineProvider } from '@mantine/core';

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}

function stubBrowserApis(): void {
  globalThis.IS_REACT_ACT_ENVIRONMENT = true;
  window.matchMedia ??= ((query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => {},
    removeListener: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
    dispatchEvent: () => false,
  })) as typeof window.matchMedia;
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}

const mounted: { root: Root; container: HTMLElement }[] = [];

export function render(ui: ReactNode): HTMLElement {
  stubBrowserApis();
  const container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  act(() => root.render(<MantineProvider>{ui}</MantineProvider>));
  mounted.push({ root, container });
  return container;
}

export function cleanup(): void {
  for (const { root, container } of mounted.splice(0)) {
    act(() => root.unmount());
    container.remove();
  }
}

/** The names of the column headers, as given by their aria-label (what screen readers announce). */
export function columnHeaderNames(container: HTMLElement): string[] {
  return [...container.querySelectorAll('th')].map((th) => th.getAttribute('aria-label') ?? th.textContent ?? '');
}
