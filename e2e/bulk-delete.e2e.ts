// Issue 5 item 3 (V9) in real Chromium against the real server: selection kept across searches,
// "Select all N matching", the bottom action bar, and the "Delete contacts" dialog's counts;
// confirmed deletion removes the rows here at once and on the server after sync (S5).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Contact } from '../shared/schema';
import { bodyRows, footerTotal, launchBrowser, newDevice, signInToDemo, startAppServer, waitUntil, type AppServer } from './harness';
import { serverState } from './api';

describe('selection and bulk delete', () => {
  let server: AppServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startAppServer();
    browser = await launchBrowser();
    ({ context, page } = await newDevice(browser));
    await signInToDemo(page, server.url);
    await waitUntil(() => footerTotal(page), (n) => n === 2000);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  async function serverContacts(): Promise<Contact[]> {
    const state = await serverState(server.url);
    return [...(state.get('contact')?.values() ?? [])].map((c) => (c as unknown as { data: Contact }).data);
  }
  const search = (text: string) => page.getByRole('textbox', { name: 'Search contacts' }).fill(text);
  const bar = () => page.getByRole('region', { name: 'Bulk actions' });

  it('[V9] "Select all N matching" selects every match across pages; Clear selection empties it', async () => {
    await search('');
    await page.getByRole('checkbox', { name: 'Select all on page' }).check();
    await bar().waitFor();
    expect(await bar().getByText('10 selected').isVisible()).toBe(true);
    await bar().getByRole('button', { name: 'Select all 2,000 matching' }).click();
    await bar().getByText('2,000 selected').waitFor();
    // The selection survives paging: page 2 is selected too.
    await page.getByRole('button', { name: 'Next page' }).click();
    await waitUntil(() => page.getByRole('checkbox', { name: 'Select all on page' }).isChecked(), Boolean);
    await bar().getByRole('button', { name: 'Clear selection' }).click();
    await bar().waitFor({ state: 'hidden' });
    expect(await page.getByRole('checkbox', { name: 'Select all on page' }).isChecked()).toBe(false);
    await page.getByRole('button', { name: 'Previous page' }).click();
  });

  it('[V9][S5] deletes 3 selected contacts (2 with conversations, 1 without) after a confirmation with the right counts', async () => {
    const all = await serverContacts();
    const count = new Map<string, number>();
    for (const c of all) count.set(c.name, (count.get(c.name) ?? 0) + 1);
    const unique = all.filter((c) => count.get(c.name) === 1 && !all.some((o) => o !== c && o.name.includes(c.name)));
    const withConv = unique.filter((c) => c.conversationCount > 0).slice(0, 2);
    const without = unique.filter((c) => c.conversationCount === 0).slice(0, 1);
    expect(withConv).toHaveLength(2);
    expect(without).toHaveLength(1);
    const targets = [...withConv, ...without];

    // Select each through its own search: the selection is kept while the list changes.
    for (const c of targets) {
      await search(c.name);
      await bodyRows(page).getByRole('checkbox', { name: `Select ${c.name}`, exact: true }).check();
    }
    await bar().getByText('3 selected').waitFor();
    await search('');
    await waitUntil(() => footerTotal(page), (n) => n === 2000);

    await bar().getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete contacts' });
    await dialog.getByText('2 have conversations.').waitFor();
    expect(await dialog.getByText('1 has no conversations.').isVisible()).toBe(true);
    expect(await dialog.textContent()).toMatch(/permanent/i);
    await dialog.getByRole('button', { name: 'Delete 3 contacts' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await waitUntil(() => footerTotal(page), (n) => n === 1997);
    expect(await bar().count()).toBe(0); // selection cleared
    for (const c of targets) {
      await search(c.name);
      await page.getByRole('heading', { name: 'No contacts match' }).waitFor();
    }
    await search('');
    await page.getByRole('button', { name: 'Sync now' }).click();
    const ids = new Set(targets.map((c) => c.id));
    await waitUntil(serverContacts, (contacts) => contacts.length === 1997 && !contacts.some((c) => ids.has(c.id)));
  });
});
