import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import { ContactsDB } from './db';
import { guardUpgrades } from './upgrade-guard';

/** The next app version, opened in another tab: same database, one more schema version. */
class NextVersionDB extends ContactsDB {
  constructor(name: string) {
    super(name);
    this.version(99).stores({ extra: 'id' });
  }
}

describe('database upgrades with several tabs', () => {
  it('[S10] an upgrade in another tab does not hang: the old tab closes and asks for a reload', async () => {
    const name = `upgrade-${newId()}`;
    const oldTab = new ContactsDB(name);
    await oldTab.open();
    const reasons: string[] = [];
    guardUpgrades(oldTab, (n) => reasons.push(`${n.kind}: ${n.message}`));
    const newTab = new NextVersionDB(name);
    await Promise.race([newTab.open(), new Promise((_, reject) => setTimeout(() => reject(new Error('upgrade hung')), 3000))]);
    expect(newTab.verno).toBe(99);
    expect(reasons[0]).toMatch(/^reload-needed: .*reload/i);
    expect(oldTab.isOpen()).toBe(false);
    newTab.close();
    await Dexie.delete(name);
  });

  it('[S10] a deletion of the database (site data cleared) closes the tab\'s connection and says so', async () => {
    const name = `wiped-${newId()}`;
    const tab = new ContactsDB(name);
    await tab.open();
    const reasons: string[] = [];
    guardUpgrades(tab, (n) => reasons.push(`${n.kind}: ${n.message}`));
    await Promise.race([Dexie.delete(name), new Promise((_, reject) => setTimeout(() => reject(new Error('delete hung')), 3000))]);
    expect(reasons).toEqual([expect.stringMatching(/^reload-needed: The data on this device was deleted/)]);
    expect(tab.isOpen()).toBe(false);
  });
});
