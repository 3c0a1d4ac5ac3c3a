// The app: sign-in when this device has no session, otherwise the shell with the routed page.
import { Center, Loader } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { db } from './db/db';
import { openWithRecovery, watchForWipe } from './db/recovery';
import { ContactsPage } from './features/contacts/contacts-page';
import { readLive } from './features/contacts/live-switch';
import { getSyncEngine, useSession } from './features/deps';
import { SettingsPage } from './features/settings/settings-page';
import { readIntervalSeconds } from './features/settings/sync/sync-prefs';
import { Shell } from './features/shell/app-shell';
import { SignInScreen } from './features/sign-in/sign-in-screen';
import { replace, usePathname } from './router';

// Once per page, before anything reads it: a damaged database is rebuilt (full resync, queued
// changes kept when readable); a wiped one under the running app shows sign-in (issue 8).
let opening: Promise<void> | null = null;
function openDatabase(): Promise<void> {
  opening ??= openWithRecovery(db)
    .then((report) => {
      if (report.status !== 'recovered') return;
      const lost = report.dropped.length ? ` ${report.dropped.length} unsaved change(s) could not be read and were dropped.` : '';
      notifications.show({ color: lost ? 'orange' : 'blue', title: 'Local data repaired', message: `This device's data was damaged and is being downloaded again.${lost}`, autoClose: false });
    })
    .catch((error: unknown) => console.error('[recovery] could not open the local database', error))
    .finally(() => void watchForWipe(db));
  return opening;
}

export function App() {
  const [opened, setOpened] = useState(false);
  useEffect(() => {
    void openDatabase().then(() => setOpened(true));
  }, []);
  return opened ? <AppContent /> : <Loading />;
}

function Loading() {
  return (
    <Center mih="100vh">
      <Loader aria-label="Loading" />
    </Center>
  );
}

function AppContent() {
  const session = useSession(db);
  const pathname = usePathname(); // not the query string: the shell must not re-render per keystroke
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

  if (session === undefined) return <Loading />;
  if (session === null) return <SignInScreen />;
  return <Shell>{pathname.startsWith('/settings') ? <SettingsPage /> : <ContactsPage />}</Shell>;
}
