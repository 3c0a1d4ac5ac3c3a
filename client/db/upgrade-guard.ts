// Multi-tab upgrades (S10): a newer version of the app in another tab wants to upgrade the
// database. This tab closes its connection at once (so the upgrade never hangs) and asks the
// user to reload; if this tab is the one being blocked by an old tab, it says so too.
import type { ContactsDB } from './db';

export type UpgradeNotice = { kind: 'reload-needed' | 'blocked'; message: string };

export function guardUpgrades(db: ContactsDB, onNotice: (notice: UpgradeNotice) => void): () => void {
  const onVersionChange = (event: IDBVersionChangeEvent) => {
    db.close();
    // newVersion null: the database is being deleted (site data cleared, another tab, DevTools).
    const message =
      event.newVersion === null
        ? 'The data on this device was deleted. Reload this tab to sign in and sync again.'
        : 'A newer version of the app was opened in another tab. Reload this tab to continue.';
    onNotice({ kind: 'reload-needed', message });
    return false; // we handled it: Dexie must not reopen behind our back
  };
  const onBlocked = () =>
    onNotice({ kind: 'blocked', message: 'Another tab uses an older version of the app. Close or reload that tab.' });
  db.on('versionchange', onVersionChange);
  db.on('blocked', onBlocked);
  return () => {
    db.on('versionchange').unsubscribe(onVersionChange);
    db.on('blocked').unsubscribe(onBlocked);
  };
}
