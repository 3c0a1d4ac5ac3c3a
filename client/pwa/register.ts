// P2/P3: registers the service worker (prompt mode). When a new version is waiting, listeners
// are told so the UI can offer "Reload"; applyUpdate() activates it and reloads once it controls.
// Updates are looked for on start, every 30 minutes, and whenever the window regains focus.
import { Workbox } from 'workbox-window';

type Listener = () => void;
const listeners = new Set<Listener>();
let workbox: Workbox | null = null;
let updateWaiting = false;
let lastCheck = 0;

export const UPDATE_CHECK_INTERVAL_MS = 30 * 60_000;
/** Focus can fire often (alt-tab); one check per this long is plenty. */
const FOCUS_CHECK_MIN_GAP_MS = 10_000;

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  workbox = new Workbox('/sw.js', { scope: '/' });
  workbox.addEventListener('waiting', () => {
    updateWaiting = true;
    for (const listener of listeners) listener();
  });
  workbox
    .register()
    .then(() => {
      lastCheck = Date.now();
      setInterval(() => void checkForUpdate(), UPDATE_CHECK_INTERVAL_MS);
      const onFocus = () => {
        if (Date.now() - lastCheck >= FOCUS_CHECK_MIN_GAP_MS) void checkForUpdate();
      };
      window.addEventListener('focus', onFocus);
      document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && onFocus());
    })
    .catch((error: unknown) => console.warn('service worker registration failed', error));
}

/** Asks the browser to fetch sw.js again; a changed worker installs and then waits (-> prompt). */
export async function checkForUpdate(): Promise<void> {
  if (!workbox || !navigator.onLine) return;
  lastCheck = Date.now();
  try {
    await workbox.update();
  } catch {
    // offline or server down: the next interval/focus tries again
  }
}

export function isUpdateWaiting(): boolean {
  return updateWaiting;
}

export function onUpdateWaiting(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

let applying = false;

/** "Reload": the waiting worker takes over, then the page reloads into the new shell (once). */
export function applyUpdate(): void {
  if (!workbox) return window.location.reload();
  if (applying) return;
  applying = true;
  workbox.addEventListener('controlling', () => window.location.reload());
  workbox.messageSkipWaiting();
}
