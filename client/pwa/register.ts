// P2/P3: registers the service worker (prompt mode). When a new version is waiting, listeners
// are told so the UI can offer "Reload"; applyUpdate() activates it and reloads once it controls.
import { Workbox } from 'workbox-window';

type Listener = () => void;
const listeners = new Set<Listener>();
let workbox: Workbox | null = null;
let updateWaiting = false;

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  workbox = new Workbox('/sw.js', { scope: '/' });
  workbox.addEventListener('waiting', () => {
    updateWaiting = true;
    for (const listener of listeners) listener();
  });
  workbox.register().catch((error: unknown) => console.warn('service worker registration failed', error));
}

export function isUpdateWaiting(): boolean {
  return updateWaiting;
}

export function onUpdateWaiting(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function applyUpdate(): void {
  if (!workbox) return window.location.reload();
  workbox.addEventListener('controlling', () => window.location.reload());
  workbox.messageSkipWaiting();
}
