// A tiny history-based router: the path and query string are the view's state (shareable links,
// back/forward). navigate() pushes a history entry; replace() rewrites the current one (typing).
import { useSyncExternalStore } from 'react';

export type Location = { pathname: string; search: string };

const listeners = new Set<() => void>();
let current: Location = read();

function read(): Location {
  if (typeof window === 'undefined') return { pathname: '/', search: '' };
  return { pathname: window.location.pathname, search: window.location.search };
}

function notify(): void {
  const next = read();
  if (next.pathname === current.pathname && next.search === current.search) return;
  current = next;
  for (const listener of listeners) listener();
}

if (typeof window !== 'undefined') window.addEventListener('popstate', notify);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getLocation(): Location {
  return current;
}

/** New history entry (a navigation: link click, segment change, paging). */
export function navigate(url: string): void {
  if (url === window.location.pathname + window.location.search) return;
  window.history.pushState(null, '', url);
  notify();
}

/** Same history entry (typing in search, small tweaks that should not flood back/forward). */
export function replace(url: string): void {
  window.history.replaceState(null, '', url);
  notify();
}

export function useLocation(): Location {
  return useSyncExternalStore(subscribe, getLocation, getLocation);
}

/** Only the path: components that do not read the query string skip re-rendering while it changes. */
export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => current.pathname, () => current.pathname);
}

/** One query parameter (null when absent); re-renders only when its value changes. */
export function useSearchParam(name: string): string | null {
  const read = (): string | null => new URLSearchParams(current.search).get(name);
  return useSyncExternalStore(subscribe, read, read);
}
