// V14 in real Chromium: Settings › Fields creates, renames, reorders and deletes custom fields;
// changes reach the Columns menu, the filter fields and the server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Contact, FieldDefinition } from '../shared/schema';
import { launchBrowser, newDevice, signInToDemo, startAppServer, waitUntil, type AppServer } from './harness';
import { serverState } from './api';

async function serverFields(baseUrl: string): Promise<FieldDefinition[]> {
  const state = await serverState(baseUrl);
  return [...(state.get('field')?.values() ?? [])].map((c) => (c as unknown as { data: FieldDefinition }).data);
}

describe('Settings › Fields', () => {
  let server: AppServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startAppServer();
    browser = await launchBrowser();
    ({ context, page } = await newDevice(browser));
    await signInToDemo(page, server.url);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  async function openSettings(): Promise<void> {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('table', { name: 'Contact fields' }).waitFor();
  }

  async function openContacts(): Promise<void> {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'All', exact: true }).click();
    await page.getByRole('table', { name: 'Contacts' }).waitFor();
  }

  const contactFieldLabels = () => page.getByRole('table', { name: 'Contact fields' }).locator('tbody tr td:first-child').allInnerTexts();

  it('[V14] creates a select field with options: it shows in Columns, as a filter field, and on the server', async () => {
    await openSettings();
    await page.getByRole('button', { name: 'Add contact field' }).click();
    const dialog = page.getByRole('dialog', { name: 'New contact field' });
    await dialog.getByRole('textbox', { name: 'Label' }).fill('Support tier');
    expect(await dialog.getByRole('textbox', { name: 'Key' }).inputValue()).toBe('support_tier');
    await dialog.getByRole('combobox', { name: 'Type' }).selectOption('select');
    const options = dialog.getByRole('combobox', { name: 'Options' });
    await options.fill('Gold');
    await options.press('Enter');
    await options.fill('Silver');
    await options.press('Enter');
    await dialog.getByRole('button', { name: 'Create field' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await contactFieldLabels()).at(-1)).toBe('Support tier');

    const created = await waitUntil(() => serverFields(server.url), (fs) => fs.some((f) => f.key === 'support_tier'));
    expect(created.find((f) => f.key === 'support_tier')).toMatchObject({ label: 'Support tier', type: 'select', scope: 'contact', options: ['Gold', 'Silver'] });

    await openContacts();
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('checkbox', { name: 'Support tier', exact: true }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Filters' }).click();
    const drawer = page.getByRole('dialog', { name: 'Quick filters' });
    await drawer.getByRole('button', { name: 'Add condition' }).click();
    await drawer.getByRole('group', { name: 'Condition 1' }).getByRole('combobox', { name: 'Field' }).click();
    await page.getByRole('option', { name: 'Support tier', exact: true }).click();
    await drawer.getByRole('group', { name: 'Condition 1' }).getByRole('combobox', { name: 'Operator' }).waitFor();
    await drawer.getByRole('button', { name: 'Clear all' }).click();
    await page.keyboard.press('Escape');
  });

  it('[V14] renames and reorders a field; the server follows', async () => {
    await openSettings();
    await page.getByRole('button', { name: 'Edit Support tier' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit field' });
    await dialog.getByRole('textbox', { name: 'Label' }).fill('Service tier');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Move Service tier up' }).click();
    await waitUntil(contactFieldLabels, (labels) => labels.at(-2) === 'Service tier');

    const onServer = await waitUntil(
      () => serverFields(server.url),
      (fs) => {
        const list = fs.filter((f) => f.scope === 'contact').sort((a, b) => a.position - b.position);
        return list.at(-2)?.label === 'Service tier';
      },
    );
    expect(onServer.find((f) => f.key === 'support_tier')?.label).toBe('Service tier');
  });

  it('[V14] delete asks for confirmation with the number of contacts that have a value', async () => {
    const state = await serverState(server.url);
    const contacts = [...(state.get('contact')?.values() ?? [])].map((c) => (c as unknown as { data: Contact }).data);
    const withPlan = contacts.filter((c) => typeof c.customFields.plan === 'string' && c.customFields.plan !== '').length;
    expect(withPlan).toBeGreaterThan(0);

    await openSettings();
    await page.getByRole('button', { name: 'Delete Plan' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete field' });
    await waitUntil(() => dialog.innerText(), (text) => text.includes(`${withPlan.toLocaleString('en-US')} contacts have a value for it.`));
    await dialog.getByRole('button', { name: 'Delete field' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await contactFieldLabels()).not.toContain('Plan');
    await waitUntil(() => serverFields(server.url), (fs) => !fs.some((f) => f.key === 'plan'));
  });
});
