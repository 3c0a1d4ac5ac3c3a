// Multi-tab upgrades (S10): a newer version of the app in another tab wants to upgrade the
// database. This tab closes its connection at once (so the upgrade never hangs) and asks the
// user to reload; if this tab is the one being blocked by an old tab, it says so too.
import type { ContactsDB } from './db';

export function guardUpgrades(db: ContactsDB, onReloadNeeded: (reason: string) => void): () => void {
  const onVersionChange = () => {
    db.close();
    onReloadNeeded('A newer version of the app was opened in another tab. Reload this tab to continue.');
    return false; // we handled it: Dexie must not reopen behind our back
  };
  const onBlocked = () => onReloadNeeded('Another tab uses an older version of the app. Close it or reload it.');
  db.on('versionchange', onVersionChange);
  db.on('blocked', onBlocked);
  return () => {
    db.on('versionchange').unsubscribe(onVersionChange);
    db.on('blocked').unsubscribe(onBlocked);
  };
}
