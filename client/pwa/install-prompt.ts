// P1: the browser's install offer. Chromium fires `beforeinstallprompt` when the app is
// installable (often before React has rendered), so it is captured here at start-up and kept
// for the in-app "Install app" button.
import { useSyncExternalStore } from 'react';

/** Not in TypeScript's DOM lib yet. */
export type BeforeInstallPromptEvent = Event & {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
};

let deferred: BeforeInstallPromptEvent | null = null;
const listeners = new Set<() => void>();

function set(event: BeforeInstallPromptEvent | null): void {
  deferred = event;
  for (const listener of listeners) listener();
}

export function captureInstallPrompt(target: Pick<Window, 'addEventListener'> = window): void {
  target.addEventListener('beforeinstallprompt', (event) => {
    event.preventDefault(); // no mini-infobar: the app offers its own button
    set(event as BeforeInstallPromptEvent);
  });
  target.addEventListener('appinstalled', () => set(null));
}

/** Shows the browser's install dialog; the offer can be used once. */
export async function promptInstall(): Promise<boolean> {
  const event = deferred;
  if (!event) return false;
  set(null);
  await event.prompt();
  return (await event.userChoice).outcome === 'accepted';
}

export function isInstallAvailable(): boolean {
  return deferred !== null;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useInstallAvailable(): boolean {
  return useSyncExternalStore(subscribe, () => deferred !== null, () => false);
}
