import { describe, expect, it } from 'vitest';
import { captureInstallPrompt, isInstallAvailable, promptInstall } from './install-prompt';

function fakeInstallEvent(outcome: 'accepted' | 'dismissed') {
  const event = new Event('beforeinstallprompt', { cancelable: true });
  let prompted = 0;
  Object.assign(event, {
    prompt: async () => void (prompted += 1),
    userChoice: Promise.resolve({ outcome }),
  });
  return { event, prompted: () => prompted };
}

describe('install prompt', () => {
  it('[P1] keeps the browser offer for the "Install app" button, prompts once, and forgets it after install', async () => {
    const target = new EventTarget();
    captureInstallPrompt(target as unknown as Window);
    expect(isInstallAvailable()).toBe(false);

    const offer = fakeInstallEvent('accepted');
    target.dispatchEvent(offer.event);
    expect(offer.event.defaultPrevented).toBe(true); // no browser mini-infobar: the app shows its own button
    expect(isInstallAvailable()).toBe(true);
    expect(await promptInstall()).toBe(true);
    expect(offer.prompted()).toBe(1);
    expect(isInstallAvailable()).toBe(false); // an offer can be used once
    expect(await promptInstall()).toBe(false);

    target.dispatchEvent(fakeInstallEvent('dismissed').event);
    expect(isInstallAvailable()).toBe(true);
    target.dispatchEvent(new Event('appinstalled'));
    expect(isInstallAvailable()).toBe(false);
  });
});
