// Issue 8 item 4 (Q3): names and fields holding HTML or script render as text, and url values with
// javascript: or data: are never links — while displayed in the table, edited inline and opened in
// the details drawer. Any dialog or script execution fails the test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { bodyRows, launchBrowser, newDevice, signInToDemo, startAppServer, waitForSynced, type AppServer } from './harness';
import { ingest, ingestKey } from './pwa-helpers';

const EVIL_NAME = '<img src=x onerror="window.__xss=1">Evil Ćontact';
const EVIL_COMPANY = '<script>window.__xss=2</script><b>bold</b>';

async function xssMarker(page: Page): Promise<unknown> {
  return page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss);
}

async function unsafeLinks(page: Page): Promise<number> {
  return page.evaluate(
    () => [...document.querySelectorAll('a[href]')].filter((a) => /^\s*(javascript|data|vbscript):/i.test(a.getAttribute('href') ?? '')).length,
  );
}

describe('rendering safety', () => {
  let server: AppServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startAppServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('[Q3] HTML and script in names and fields render as text; javascript:/data: urls are never links', async () => {
    const key = ingestKey(server.dataDir);
    const created = (await ingest(server.url, key, 'contacts', {
      name: EVIL_NAME,
      email: 'evil@example.com',
      customFields: { company: EVIL_COMPANY },
    })) as { contactId: string };

    const { context, page } = await newDevice(browser);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await signInToDemo(page, server.url);
    await waitForSynced(page);

    // A record that bypassed validation (e.g. written by an older app): unsafe URLs in the device's
    // own database. The renderer must still never make them links.
    await page.evaluate(async (id) => {
      const db: IDBDatabase = await new Promise((resolve, reject) => {
        const open = indexedDB.open('all-contacts');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('contacts', 'readwrite');
        const store = tx.objectStore('contacts');
        const get = store.get(id);
        get.onsuccess = () => {
          const contact = get.result;
          contact.customFields = { ...contact.customFields, website: 'javascript:window.__xss=3' };
          contact.avatarUrl = 'data:text/html,<script>window.__xss=4</script>';
          store.put(contact);
        };
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      new BroadcastChannel('all-contacts-changes').postMessage({ table: 'contacts', ids: [id] });
    }, created.contactId);

    await page.getByRole('textbox', { name: 'Search contacts' }).fill('evil@example.com');
    await expect.poll(() => bodyRows(page).count()).toBe(1);
    const row = bodyRows(page).first();
    await expect.poll(() => row.innerText()).toContain('<img src=x onerror=');
    expect(await row.innerText()).toContain('<script>window.__xss=2</script>');
    expect(await row.locator('img[src="x"], script, b').count()).toBe(0);
    // The injected unsafe URL reached the table (as text), yet no link carries it.
    await expect.poll(() => row.innerText()).toContain('javascript:window.__xss=3');
    expect(await unsafeLinks(page)).toBe(0);

    // Edit inline: the editor shows the raw text, saving keeps it text.
    await page.getByRole('button', { name: `Edit Company of ${EVIL_NAME}` }).click();
    const editor = page.getByRole('textbox', { name: `Company for ${EVIL_NAME}` });
    expect(await editor.inputValue()).toBe(EVIL_COMPANY);
    await editor.fill(`${EVIL_COMPANY}<svg onload="window.__xss=5">`);
    await editor.press('Enter');
    await expect.poll(() => row.innerText()).toContain('<svg onload=');
    expect(await row.locator('svg[onload]').count()).toBe(0);

    // Open the details drawer.
    await row.getByText(EVIL_NAME, { exact: true }).click();
    const drawer = page.getByRole('dialog', { name: 'Contact details' });
    await drawer.waitFor();
    expect(await drawer.innerText()).toContain('<img src=x onerror=');
    expect(await drawer.locator('img[src="x"], script, svg[onload]').count()).toBe(0);
    expect(await unsafeLinks(page)).toBe(0);

    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    expect(await xssMarker(page)).toBeUndefined();
    await context.close();
  });
});
