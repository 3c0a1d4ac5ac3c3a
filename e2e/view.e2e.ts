// Issue 4 (All Contacts view I) in real Chromium against the real server and the demo workspace:
// search, quick filters (ALL vs ANY), segments, pagination, columns and URL state (V1-V5, V10, V13).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { bodyRows, footerTotal, launchBrowser, newDevice, rowName, signInToDemo, startAppServer, waitUntil, type AppServer } from './harness';
import { expectedCount, loadWorkspace, type Workspace } from './data';

describe('All Contacts view', () => {
  let server: AppServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let ws: Workspace;

  beforeAll(async () => {
    server = await startAppServer({ env: { TZ: 'UTC' } });
    browser = await launchBrowser();
    ws = await loadWorkspace(server.url);
    ({ context, page } = await newDevice(browser));
    await signInToDemo(page, server.url);
    await waitUntil(() => footerTotal(page), (n) => n === ws.contacts.length);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  async function resetView(): Promise<void> {
    await page.goto(`${server.url}/contacts`);
    await expect.poll(() => footerTotal(page), { timeout: 20_000 }).toBe(ws.contacts.length);
  }

  async function pick(combobox: ReturnType<Page['getByRole']>, option: string): Promise<void> {
    await combobox.click();
    await page.getByRole('option', { name: option, exact: true }).first().click();
  }

  it('[V1] typing narrows the rows and the footer total; accents and case are ignored', async () => {
    await resetView();
    const search = page.getByRole('textbox', { name: 'Search contacts' });
    await search.fill('jose');
    const expected = expectedCount(ws, { search: 'jose' });
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(ws.contacts.length);
    await expect.poll(() => footerTotal(page)).toBe(expected);
    const names = await bodyRows(page).allInnerTexts();
    expect(names.length).toBe(Math.min(10, expected));
    expect(names.some((row) => /José|Jose/i.test(row))).toBe(true);

    await search.fill('JOSÉ');
    await expect.poll(() => footerTotal(page)).toBe(expected);
  });

  it('[V2][D6] an AND group and the same conditions as ANY give the counts the data gives', async () => {
    await resetView();
    await page.getByRole('button', { name: 'Filters' }).click();
    const drawer = page.getByRole('dialog', { name: 'Quick filters' });
    await drawer.getByRole('button', { name: 'Add condition' }).click();
    const first = drawer.getByRole('group', { name: 'Condition 1' });
    await pick(first.getByRole('combobox', { name: 'Field' }), 'Name');
    await pick(first.getByRole('combobox', { name: 'Operator' }), 'contains');
    await first.getByRole('textbox', { name: 'Value' }).fill('an');

    await drawer.getByRole('button', { name: 'Add condition' }).click();
    const second = drawer.getByRole('group', { name: 'Condition 2' });
    await pick(second.getByRole('combobox', { name: 'Field' }), 'Campaign opt-in');
    await pick(second.getByRole('combobox', { name: 'Operator' }), 'is on');

    const conditions = [
      { field: 'name', operator: 'contains', value: 'an' },
      { field: 'campaignOptIn', operator: 'is_on', value: null },
    ] as const;
    const all = expectedCount(ws, { filter: { match: 'all', conditions: [...conditions] } });
    const any = expectedCount(ws, { filter: { match: 'any', conditions: [...conditions] } });
    expect(all).not.toBe(any);
    await expect.poll(() => footerTotal(page)).toBe(all);

    await drawer.getByText('Any condition').click();
    await expect.poll(() => footerTotal(page)).toBe(any);
    expect(await page.getByRole('button', { name: 'Filters' }).getAttribute('title')).toMatch(/2/);

    await drawer.getByRole('button', { name: 'Clear all' }).click();
    await expect.poll(() => footerTotal(page)).toBe(ws.contacts.length);
    await page.keyboard.press('Escape');
  });

  it('[V3] applying "High value customers" shows the banner with its count and empties the search box', async () => {
    await resetView();
    const search = page.getByRole('textbox', { name: 'Search contacts' });
    await search.fill('an');
    await expect.poll(() => footerTotal(page)).toBe(expectedCount(ws, { search: 'an' }));

    const segment = ws.segments.find((s) => s.name === 'High value customers');
    expect(segment).toBeDefined();
    const expected = expectedCount(ws, { filter: segment!.definition });
    await pick(page.getByRole('combobox', { name: 'Segment' }), 'High value customers');

    const banner = page.getByRole('status', { name: 'Active segment' });
    await expect.poll(() => banner.textContent()).toContain('High value customers');
    expect(await banner.textContent()).toContain(`${expected.toLocaleString('en-US')} contacts match`);
    expect(await search.inputValue()).toBe('');
    await expect.poll(() => footerTotal(page)).toBe(expected);

    await banner.getByRole('button', { name: 'Leave segment' }).click();
    await expect.poll(() => footerTotal(page)).toBe(ws.contacts.length);
  });

  it('[V6] pointing at Last Interaction shows the last message preview; Created At has the exact time', async () => {
    await resetView();
    const name = await rowName(page, 0);
    const shown = ws.contacts.filter((c) => c.name === name && c.lastInteractionAt !== null && c.lastMessagePreview);
    expect(shown.length).toBeGreaterThan(0);
    const row = bodyRows(page).first();
    const cells = row.getByRole('cell');
    const header = await page.getByRole('columnheader').evaluateAll((ths) => ths.map((th) => th.getAttribute('aria-label')));
    await cells.nth(header.indexOf('Last Interaction')).locator('time').hover();
    const previews = shown.map((c) => c.lastMessagePreview.slice(0, 20));
    await expect
      .poll(async () => {
        const text = await page.locator('body').innerText();
        return previews.some((p) => text.includes(p));
      })
      .toBe(true);
    const created = cells.nth(header.indexOf('Created At')).locator('time');
    await created.hover();
    expect(await created.getAttribute('title')).toMatch(/\d{4}/);
  });

  it('[V10] previous / next / page numbers and page size', async () => {
    await resetView();
    const firstPage = await bodyRows(page).allInnerTexts();
    await page.getByRole('button', { name: 'Next page' }).click();
    await expect.poll(() => bodyRows(page).allInnerTexts()).not.toEqual(firstPage);
    const secondPage = await bodyRows(page).allInnerTexts();
    await page.getByRole('button', { name: 'Previous page' }).click();
    await expect.poll(() => bodyRows(page).allInnerTexts()).toEqual(firstPage);
    await page.getByRole('button', { name: 'Page 2', exact: true }).click();
    await expect.poll(() => bodyRows(page).allInnerTexts()).toEqual(secondPage);

    await pick(page.getByRole('combobox', { name: 'Rows per page' }), '25');
    await expect.poll(() => bodyRows(page).count()).toBe(25);
    // Changing the page size or the search returns to page 1.
    expect((await bodyRows(page).allInnerTexts()).slice(0, 10)).toEqual(firstPage);
  });

  it('[V5] a column chosen in Columns survives a reload', async () => {
    await resetView();
    const table = page.getByRole('table', { name: 'Contacts' });
    await page.getByRole('button', { name: 'Columns' }).click();
    const boxes = page.getByRole('checkbox');
    const hidden = ws.fields.find((f) => f.scope === 'contact' && f.position >= 3) ?? ws.fields[ws.fields.length - 1]!;
    const box = page.getByRole('checkbox', { name: hidden.label, exact: true });
    const wasChecked = await box.isChecked();
    await box.click();
    expect(await boxes.count()).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    const header = table.getByRole('columnheader', { name: hidden.label, exact: true });
    await expect.poll(() => header.count()).toBe(wasChecked ? 0 : 1);
    await page.reload();
    await bodyRows(page).first().waitFor();
    await expect.poll(() => header.count()).toBe(wasChecked ? 0 : 1);
  });

  it('[V1][V10] the URL restores search, sort and page after a reload', async () => {
    await resetView();
    await page.getByRole('textbox', { name: 'Search contacts' }).fill('a');
    const expected = expectedCount(ws, { search: 'a' });
    await expect.poll(() => footerTotal(page)).toBe(expected);
    await page.getByRole('button', { name: 'Page 3', exact: true }).click();
    await expect.poll(() => page.url()).toContain('page=3');
    const rows = await bodyRows(page).allInnerTexts();

    await page.reload();
    await bodyRows(page).first().waitFor();
    expect(await page.getByRole('textbox', { name: 'Search contacts' }).inputValue()).toBe('a');
    await expect.poll(() => footerTotal(page)).toBe(expected);
    await expect.poll(() => bodyRows(page).allInnerTexts()).toEqual(rows);
  });
});
