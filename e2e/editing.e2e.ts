// Issue 5 items 1-2 + issue 7 item 4 in real Chromium against the real server: inline editing
// (V7), the opt-in switch, the Contact details drawer (V8), the contact editor (edit / new), and
// a contact deleted on another device while its drawer is open.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { Contact, Conversation, FieldDefinition } from '../shared/schema';
import { newId } from '../shared/ids';
import { bodyRows, footerTotal, launchBrowser, newDevice, signInToDemo, startAppServer, waitUntil, type AppServer } from './harness';
import { serverState, signedInApi } from './api';

describe('editing contacts', () => {
  let server: AppServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let targets: Contact[];

  beforeAll(async () => {
    server = await startAppServer();
    browser = await launchBrowser();
    ({ context, page } = await newDevice(browser));
    await signInToDemo(page, server.url);
    await waitUntil(() => footerTotal(page), (n) => n === 2000);
    targets = await uniqueContacts();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  async function serverContacts(): Promise<Contact[]> {
    const state = await serverState(server.url);
    const all = [...(state.get('contact')?.values() ?? [])].map((c) => (c as unknown as { data: Contact }).data);
    return all;
  }
  /** Contacts with an email and a name no other contact shares or contains (a name search finds one row). */
  async function uniqueContacts(): Promise<Contact[]> {
    const all = await serverContacts();
    const count = new Map<string, number>();
    for (const c of all) count.set(c.name, (count.get(c.name) ?? 0) + 1);
    return all.filter((c) => c.email !== '' && count.get(c.name) === 1 && !all.some((o) => o !== c && o.name.includes(c.name)));
  }
  async function serverConversations(): Promise<Conversation[]> {
    const state = await serverState(server.url);
    return [...(state.get('conversation')?.values() ?? [])].map((c) => (c as unknown as { data: Conversation }).data);
  }
  async function serverContact(id: string): Promise<Contact | undefined> {
    return (await serverContacts()).find((c) => c.id === id);
  }

  /** Shows this contact in the table (search by its unique name; edits of email/phone keep it shown). */
  async function showOnly(contact: Contact): Promise<Locator> {
    await page.getByRole('textbox', { name: 'Search contacts' }).fill(contact.name);
    const row = bodyRows(page).filter({ has: page.getByRole('checkbox', { name: `Select ${contact.name}`, exact: true }) });
    await row.waitFor();
    return row;
  }
  async function reloadTable(): Promise<void> {
    await page.reload();
    await bodyRows(page).first().waitFor();
  }
  const syncNow = () => page.getByRole('button', { name: 'Sync now' }).click();

  it('[V7] edits an email inline (Enter saves), keeps it after reload, and syncs it to the server', async () => {
    const target = targets[0];
    const row = await showOnly(target);
    await row.getByRole('button', { name: `Edit email of ${target.name}` }).click();
    const input = page.getByRole('textbox', { name: `Email for ${target.name}` });
    expect(await input.inputValue()).toBe(target.email);
    await input.fill('edited.inline@example.org');
    await input.press('Enter');
    const cell = row.getByRole('button', { name: `Edit email of ${target.name}` });
    await waitUntil(() => cell.textContent(), (t) => t === 'edited.inline@example.org');
    expect(await page.getByRole('dialog').count()).toBe(0); // clicking a cell never opens the drawer

    await reloadTable(); // the search is in the URL: the same row shows again
    expect(await (await showOnly(target)).getByRole('button', { name: `Edit email of ${target.name}` }).textContent()).toBe('edited.inline@example.org');
    await syncNow();
    await waitUntil(async () => (await serverContact(target.id))?.email, (e) => e === 'edited.inline@example.org');
  });

  it('[V7] an invalid email shows an error on the cell and is not saved; Escape cancels', async () => {
    const target = targets[1];
    const row = await showOnly(target);
    const cell = row.getByRole('button', { name: `Edit email of ${target.name}` });
    await cell.click();
    const input = page.getByRole('textbox', { name: `Email for ${target.name}` });
    await input.fill('not-an-email');
    await input.press('Enter');
    const alert = row.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/valid email/i);
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    await input.press('Escape');
    await waitUntil(() => cell.textContent(), (t) => t === target.email);

    // Escape cancels a valid edit too.
    await cell.click();
    await input.fill('never.saved@example.org');
    await input.press('Escape');
    await waitUntil(() => cell.textContent(), (t) => t === target.email);
    expect(await cell.evaluate((el) => el === document.activeElement)).toBe(true);

    await reloadTable();
    expect(await (await showOnly(target)).getByRole('button', { name: `Edit email of ${target.name}` }).textContent()).toBe(target.email);
  });

  it('[V7] a phone typed as "(415) 555-0132" is stored as E.164 and shown formatted; Tab moves to the next cell', async () => {
    const target = targets[2];
    const row = await showOnly(target);
    await row.getByRole('button', { name: `Edit email of ${target.name}` }).click();
    await page.getByRole('textbox', { name: `Email for ${target.name}` }).press('Tab');
    const phone = page.getByRole('textbox', { name: `Phone for ${target.name}` });
    await waitUntil(() => phone.evaluate((el) => el === document.activeElement), Boolean);
    await phone.fill('(415) 555-0132');
    await phone.press('Enter');
    const cell = row.getByRole('button', { name: `Edit phone of ${target.name}` });
    await waitUntil(() => cell.textContent(), (t) => t === '+1 415 555 0132');
    await syncNow();
    await waitUntil(async () => (await serverContact(target.id))?.phone, (p) => p === '+14155550132');
  });

  it('[V7] custom fields edit by type: select, number (invalid refused), date and multiselect (click-away saves)', async () => {
    const target = targets[7];
    const state = await serverState(server.url);
    const fields = [...(state.get('field')?.values() ?? [])].map((c) => (c as unknown as { data: FieldDefinition }).data);
    const planOptions = fields.find((f) => f.key === 'plan')!.options;
    const interestOptions = fields.find((f) => f.key === 'interests')!.options;
    const plan = planOptions.find((o) => o !== target.customFields.plan)!;
    const interest = interestOptions.find((o) => !((target.customFields.interests as string[] | undefined) ?? []).includes(o))!;

    await page.getByRole('button', { name: 'Columns' }).click();
    for (const label of ['Plan', 'Lifetime value', 'Renewal date', 'Interests']) {
      const box = page.getByRole('checkbox', { name: label, exact: true });
      if (!(await box.isChecked())) await box.check();
    }
    await page.keyboard.press('Escape');
    const row = await showOnly(target);
    const cell = (label: string) => row.getByRole('button', { name: `Edit ${label} of ${target.name}` });

    await cell('Plan').click();
    await page.getByRole('option', { name: plan, exact: true }).click();
    await waitUntil(() => cell('Plan').textContent(), (t) => t === plan);

    await cell('Lifetime value').click();
    const value = page.getByRole('textbox', { name: `Lifetime value for ${target.name}` });
    await value.fill('lots');
    await value.press('Enter');
    expect(await row.getByRole('alert').textContent()).toMatch(/number/i);
    await value.fill('1234.5');
    await value.press('Enter');
    await waitUntil(() => cell('Lifetime value').textContent(), (t) => t === (1234.5).toLocaleString('en-US'));

    await cell('Renewal date').click();
    const date = row.getByLabel(`Renewal date for ${target.name}`);
    await date.fill('2031-05-17');
    await date.press('Enter');
    await waitUntil(() => cell('Renewal date').textContent(), (t) => t?.includes('2031') ?? false);

    await cell('Interests').click();
    await page.getByRole('option', { name: interest, exact: true }).click();
    await page.getByRole('heading', { name: 'All Contacts' }).click(); // click-away saves
    await waitUntil(() => cell('Interests').textContent(), (t) => t?.includes(interest) ?? false);

    await syncNow();
    await waitUntil(
      async () => (await serverContact(target.id))?.customFields,
      (cf) => cf?.plan === plan && cf.lifetime_value === 1234.5 && cf.renewal_date === '2031-05-17' && ((cf.interests as string[] | undefined) ?? []).includes(interest),
    );
  });

  it('[V6][V7] the Campaign opt-in switch saves on toggle and persists after reload', async () => {
    const target = targets[3];
    const row = await showOnly(target);
    const toggle = row.getByRole('switch', { name: `Campaign opt-in for ${target.name}` });
    expect(await toggle.isChecked()).toBe(target.campaignOptIn);
    await toggle.click({ force: true });
    await waitUntil(() => toggle.isChecked(), (on) => on === !target.campaignOptIn);
    await reloadTable();
    expect(await (await showOnly(target)).getByRole('switch').isChecked()).toBe(!target.campaignOptIn);
    await syncNow();
    await waitUntil(async () => (await serverContact(target.id))?.campaignOptIn, (on) => on === !target.campaignOptIn);
  });

  it('[V8] a row click opens "Contact details" with the conversations newest first; Enter on a row opens it too', async () => {
    const conversations = await serverConversations();
    const byContact = new Map<string, Conversation[]>();
    for (const c of conversations) byContact.set(c.contactId, [...(byContact.get(c.contactId) ?? []), c]);
    const target = targets.slice(6).find((c) => (byContact.get(c.id)?.length ?? 0) >= 3)!;
    const expected = byContact
      .get(target.id)!
      .sort((a, b) => b.lastMessageAt - a.lastMessageAt || (a.id < b.id ? 1 : -1))
      .slice(0, 20)
      .map((c) => c.id);

    const row = await showOnly(target);
    await row.getByText(target.name, { exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Contact details' });
    await dialog.waitFor();
    expect(await dialog.getByRole('heading', { name: target.name }).isVisible()).toBe(true);
    expect(await dialog.getByText(target.email).isVisible()).toBe(true);
    const items = dialog.getByRole('list', { name: 'Recent conversations' }).getByRole('listitem');
    await waitUntil(() => items.count(), (n) => n === expected.length);
    const shown = await items.evaluateAll((els) => els.map((el) => el.getAttribute('data-conversation-id')));
    expect(shown).toEqual(expected);
    const newest = byContact.get(target.id)!.find((c) => c.id === expected[0])!;
    expect(await items.first().textContent()).toContain(newest.lastMessageText.slice(0, 40));
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    await row.focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('[V8] the contact editor saves changed fields; "New contact" creates one made on this device', async () => {
    const target = targets[4];
    const row = await showOnly(target);
    await row.getByRole('button', { name: `Edit ${target.name}`, exact: true }).click();
    const editor = page.getByRole('dialog', { name: 'Edit contact' });
    await editor.waitFor();
    await editor.getByRole('textbox', { name: 'Avatar URL' }).fill('javascript:alert(1)');
    await editor.getByRole('button', { name: 'Save' }).click();
    await editor.getByRole('alert').first().waitFor();
    expect(await editor.getByRole('alert').first().textContent()).toMatch(/http/);
    await editor.getByRole('textbox', { name: 'Avatar URL' }).fill('');
    await editor.getByRole('textbox', { name: 'Name', exact: true }).fill(`${target.name} Edited`);
    await editor.getByRole('button', { name: 'Save' }).click();
    await editor.waitFor({ state: 'hidden' });
    await bodyRows(page).getByRole('checkbox', { name: `Select ${target.name} Edited` }).waitFor();
    await syncNow();
    await waitUntil(async () => (await serverContact(target.id))?.name, (n) => n === `${target.name} Edited`);
    const after = await serverContact(target.id);
    expect(after?.email).toBe(target.email); // untouched fields are not rewritten

    await page.getByRole('textbox', { name: 'Search contacts' }).fill('');
    await waitUntil(() => footerTotal(page), (n) => n >= 2000);
    const before = await footerTotal(page);
    await page.getByRole('button', { name: 'New contact' }).click();
    const creator = page.getByRole('dialog', { name: 'New contact' });
    await creator.getByRole('button', { name: 'Save' }).click();
    expect(await creator.getByRole('alert').first().textContent()).toMatch(/Name is required/);
    await creator.getByRole('textbox', { name: 'Name', exact: true }).fill('Zelda Newcontact');
    await creator.getByRole('textbox', { name: 'Email', exact: true }).fill('zelda.new@example.org');
    await creator.getByRole('textbox', { name: 'Phone', exact: true }).fill('(415) 555-0177');
    await creator.getByRole('button', { name: 'Save' }).click();
    await creator.waitFor({ state: 'hidden' });
    await waitUntil(() => footerTotal(page), (n) => n === before + 1);
    await syncNow();
    const created = await waitUntil(
      async () => (await serverContacts()).find((c) => c.email === 'zelda.new@example.org'),
      (c) => c !== undefined,
    );
    expect(created).toMatchObject({ name: 'Zelda Newcontact', phone: '+14155550177' });
  });

  it('[V4] a row changed by a pull is briefly highlighted; a row edited here is not', async () => {
    const target = targets[8];
    const row = await showOnly(target);
    const live = page.getByRole('switch', { name: 'Live' });
    if (!(await live.isChecked())) await live.click({ force: true });

    await row.getByRole('button', { name: `Edit email of ${target.name}` }).click();
    const input = page.getByRole('textbox', { name: `Email for ${target.name}` });
    await input.fill('own.edit@example.org');
    await input.press('Enter');
    await syncNow();
    await waitUntil(async () => (await serverContact(target.id))?.email, (e) => e === 'own.edit@example.org');
    await syncNow();
    await new Promise((r) => setTimeout(r, 500));
    expect(await row.getAttribute('data-flash')).toBeNull();

    const api = await signedInApi(server.url);
    await api.sync.push.mutate({
      clientId: newId(),
      mutations: [{ id: 1, clientTime: Date.now(), name: 'contact.patch', args: { id: target.id, set: { email: 'from.elsewhere@example.org' } } }],
    });
    await waitUntil(() => row.getAttribute('data-flash'), (f) => f === 'a' || f === 'b', 15_000);
    expect(await row.getByRole('button', { name: `Edit email of ${target.name}` }).textContent()).toBe('from.elsewhere@example.org');
    await waitUntil(() => row.getAttribute('data-flash'), (f) => f === null, 5_000);
  });

  it('[V7][S2] an edit saved offline is still there after reload and reaches the server when back online', async () => {
    const target = targets[9];
    let row = await showOnly(target);
    // The offline reload is served by the service worker (P2): wait until it controls the page.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise<void>((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }));
      }
    });
    await context.setOffline(true);
    try {
      await row.getByRole('button', { name: `Edit email of ${target.name}` }).click();
      const input = page.getByRole('textbox', { name: `Email for ${target.name}` });
      await input.fill('offline.edit@example.org');
      await input.press('Enter');
      await waitUntil(() => row.getByRole('button', { name: `Edit email of ${target.name}` }).textContent(), (t) => t === 'offline.edit@example.org');
      await reloadTable();
      row = await showOnly(target);
      expect(await row.getByRole('button', { name: `Edit email of ${target.name}` }).textContent()).toBe('offline.edit@example.org');
    } finally {
      await context.setOffline(false);
    }
    await syncNow();
    await waitUntil(async () => (await serverContact(target.id))?.email, (e) => e === 'offline.edit@example.org');
  });

  it('[V8] a contact deleted on another device closes its open drawer with a clear message', async () => {
    const target = targets[5];
    const row = await showOnly(target);
    // Live mode pulls in the background (the drawer is modal, so "Sync now" is out of reach).
    const live = page.getByRole('switch', { name: 'Live' });
    if (!(await live.isChecked())) await live.click({ force: true });
    await row.getByText(target.name, { exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Contact details' });
    await dialog.waitFor();

    const api = await signedInApi(server.url);
    await api.sync.push.mutate({
      clientId: newId(),
      mutations: [{ id: 1, clientTime: Date.now(), name: 'contact.delete', args: { ids: [target.id] } }],
    });
    await dialog.waitFor({ state: 'hidden', timeout: 20_000 });
    await page.getByText('This contact was deleted on another device.').waitFor();
  });
});
