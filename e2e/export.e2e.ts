// V11 / Q3 in real Chromium: "Download CSV" exports the current view from the device, in the
// chosen order, with the chosen extras, named by today's local date, formulas neutralised.
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Contact, FieldDefinition } from '../shared/schema';
import { newId } from '../shared/ids';
import { fieldsInOrder } from '../shared/csv/rows';
import { footerTotal, launchBrowser, newDevice, signInToDemo, startAppServer, waitUntil, type AppServer } from './harness';
import { serverState, signedInApi } from './api';

const EVIL_NAME = '=HYPERLINK("http://evil.example","zzqxfmla")';

function localToday(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The engine's order for "newest first": createdAt descending, ties by id descending. */
function newestCreatedFirst(a: Contact, b: Contact): number {
  return b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

describe('CSV export', () => {
  let server: AppServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let contacts: Contact[];
  let fields: FieldDefinition[];

  beforeAll(async () => {
    server = await startAppServer();
    browser = await launchBrowser();
    // A contact whose name is a spreadsheet formula, created through the sync API by another client.
    const api = await signedInApi(server.url);
    const args = { id: newId(), createdAt: Date.now(), name: EVIL_NAME, email: 'evil@example.com', phone: '', avatarUrl: '', campaignOptIn: false, customFields: {} };
    const pushed = await api.sync.push.mutate({ clientId: newId(), mutations: [{ id: 1, clientTime: Date.now(), name: 'contact.create', args }] });
    expect(pushed.results[0].status).toBe('applied');
    const state = await serverState(server.url);
    contacts = [...(state.get('contact')?.values() ?? [])].map((c) => (c as unknown as { data: Contact }).data);
    fields = [...(state.get('field')?.values() ?? [])].map((c) => (c as unknown as { data: FieldDefinition }).data);
    ({ context, page } = await newDevice(browser));
    await signInToDemo(page, server.url);
    await waitUntil(() => footerTotal(page), (n) => n === contacts.length);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  async function download(setup: (dialog: ReturnType<Page['getByRole']>) => Promise<void>): Promise<{ name: string; bytes: Buffer; records: string[][] }> {
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const dialog = page.getByRole('dialog', { name: 'Download CSV' });
    await dialog.waitFor();
    await setup(dialog);
    const [file] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download', exact: true }).click()]);
    const bytes = readFileSync(await file.path());
    const text = bytes.toString('utf8');
    const records = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    await dialog.waitFor({ state: 'hidden' });
    return { name: file.suggestedFilename(), bytes, records };
  }

  it('[V11][Q3] 25 contacts by Created Date with both extras: name, order, header, neutralised formula', async () => {
    const { name, bytes, records } = await download(async (dialog) => {
      const count = dialog.getByRole('textbox', { name: 'Number of contacts' });
      expect(await count.inputValue()).toBe(contacts.length.toLocaleString('en-US').replace(/,/g, '')); // default: all
      await count.fill('25');
      await dialog.getByRole('radio', { name: 'Created Date' }).check();
      await dialog.getByRole('checkbox', { name: 'Labels from recent sessions' }).check();
      await dialog.getByRole('checkbox', { name: 'Custom fields from recent sessions' }).check();
    });
    expect(name).toBe(`contacts-${localToday()}.csv`);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.includes(Buffer.from('\r\n'))).toBe(true);

    const [header, ...rows] = records;
    const contactLabels = fieldsInOrder(fields, 'contact').map((f) => f.label);
    const conversationLabels = fieldsInOrder(fields, 'conversation').map((f) => f.label);
    expect(conversationLabels.length).toBeGreaterThan(0);
    expect(header).toEqual(['Name', 'Email', 'Phone', 'Created At', 'Last Interaction', 'Campaign Opt-in', ...contactLabels, 'Labels', ...conversationLabels]);
    expect(rows).toHaveLength(25);

    const expected = [...contacts].sort(newestCreatedFirst).slice(0, 25);
    expect(rows.map((r) => [r[1], r[3]])).toEqual(expected.map((c) => [c.email, new Date(c.createdAt).toISOString()]));
    // The newest contact is the formula one: its name is text, not a formula.
    expect(rows[0][0]).toBe(`'${EVIL_NAME}`);
    const labelsAt = header.indexOf('Labels');
    expect(rows.map((r) => r[labelsAt])).toEqual(expected.map((c) => c.labels.join('; ').replace(/^[=+\-@\t\r]/, "'$&")));
  });

  it('[V11] exports only the narrowed view, offline, with the default count (all matches)', async () => {
    await page.getByRole('textbox', { name: 'Search contacts' }).fill('zzqxfmla');
    await expect.poll(() => footerTotal(page), { timeout: 10_000 }).toBe(1);
    await context.setOffline(true);
    try {
      const { records } = await download(async (dialog) => {
        expect(await dialog.getByRole('textbox', { name: 'Number of contacts' }).inputValue()).toBe('1');
        // The dialog remembers the last choices; this export takes no extras.
        await dialog.getByRole('checkbox', { name: 'Labels from recent sessions' }).uncheck();
        await dialog.getByRole('checkbox', { name: 'Custom fields from recent sessions' }).uncheck();
      });
      expect(records).toHaveLength(2);
      expect(records[0]).not.toContain('Labels');
      expect(records[0]).toHaveLength(6 + fieldsInOrder(fields, 'contact').length);
      expect(records[1][0]).toBe(`'${EVIL_NAME}`);
    } finally {
      await context.setOffline(false);
    }
  });
});
