// The app: sign-in when this device has no session, otherwise the shell with the routed page.
import { Center, Loader } from '@mantine/core';
import { useEffect } from 'react';
import { db } from './db/db';
import { ContactsPage } from './features/contacts/contacts-page';
import { readLive } from './features/contacts/live-switch';
import { getSyncEngine, useSession } from './features/deps';
import { SettingsPage } from './features/settings/settings-page';
import { readIntervalSeconds } from './features/settings/sync/sync-prefs';
import { Shell } from './features/shell/app-shell';
import { SignInScreen } from './features/sign-in/sign-in-screen';
import { replace, useLocation } from './router';

export function App() {
  const session = useSession(db);
  const { pathname } = useLocation();
  const signedIn = Boolean(session);

  useEffect(() => {
    // Start the engine (it syncs on start, on reconnect, after edits, and on the Live interval).
    if (!signedIn) return;
    getSyncEngine().setIntervalMs(readIntervalSeconds() * 1000); // Settings > Sync, per device
    getSyncEngine().setLive(readLive());
  }, [signedIn]);
  useEffect(() => {
    if (pathname === '/' || pathname === '/index.html') replace('/contacts');
  }, [pathname]);

  if (session === undefined) {
    return (
      <Center mih="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  if (session === null) return <SignInScreen />;
  return <Shell>{pathname.startsWith('/settings') ? <SettingsPage /> : <ContactsPage />}</Shell>;
}
