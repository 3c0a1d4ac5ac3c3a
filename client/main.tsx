// Entry point: Mantine providers, the app, the service worker, and a request for persistent storage (P4).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { App } from './app';
import { captureInstallPrompt } from './pwa/install-prompt';
import { registerServiceWorker } from './pwa/register';
import { UpdatePrompt } from './pwa/update-prompt';

// P4: ask once; the browser may refuse silently (then eviction is possible under pressure).
void navigator.storage?.persist?.().catch(() => false);
captureInstallPrompt();
registerServiceWorker();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider defaultColorScheme="light">
      <Notifications position="top-right" />
      <App />
      <UpdatePrompt />
    </MantineProvider>
  </StrictMode>,
);
