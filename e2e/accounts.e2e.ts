// Issue 11 in real Chromium against the real server: the demo admin invites an agent (second browser
// context); the agent sees the workspace, cannot delete (Delete disabled with the reason), can edit
// inline; the admin revokes the agent's device -> the agent's app asks to sign in, and an edit made
// offline before the revocation reaches the server after the agent signs in again. DEMO=0: no demo.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { Contact } from '../shared/schema';
import { serverState } from './api';
import { bodyRows, footerTotal, launchBrowser, newDevice, signInToDemo, startAppServer, waitUntil, type AppServer } from './harness';

const AGENT_EMAIL = 'agent@example.com';
const AGENT_PASSWORD = 'agent-password-1';

describe('accounts, roles and devices', () => {
  let server: AppServer;
  let browser: Browser;
  let admin: { context: BrowserContext; page: Page };
  let agent: { context: BrowserContext; page: Page };
  let targets: Contact[];

  beforeAll(async () => {
    server = await startAppServer({ env: process.env.DIST_DIR ? { DIST_DIR: process.env.DIST_DIR } : {} });
    browser = await launchBrowser();
    admin = await newDevice(browser);
    agent = await newDevice(browser);
    await signInToDemo(admin.page, server.url);
    const contacts = [...((await serverState(server.url)).get('contact')?.values() ?? [])].map((c) => (c as unknown as { data: Contact }).data);
    const count = new Map<string, number>();
    for (const c of contacts) count.set(c.name, (count.get(c.name) ?? 0) + 1);
    targets = contacts.filter((c) => c.email !== '' && count.get(c.name) === 1 && !contacts.some((o) => o !== c && o.name.includes(c.name))).slice(0, 2);
  });
  afterAll(async () => {
    await admin?.context.close();
    await agent?.context.close();
    await browser?.close();
    await server?.stop();
  });

  async function serverContact(id: string): Promise<Contact | undefined> {
    const c = (await serverState(server.url)).get('contact')?.get(id);
    return (c as unknown as { data: Contact } | undefined)?.data;
  }
  async function showOnly(page: Page, contact: Contact): Promise<Locator> {
    await page.getByRole('textbox', { name: 'Search contacts' }).fill(contact.name);
    const row = bodyRows(page).filter({ has: page.getByRole('checkbox', { name: `Select ${contact.name}`, exact: true }) });
    await row.waitFor();
    return row;
  }
  async function editEmail(page: Page, contact: Contact, email: string): Promise<void> {
    const row = await showOnly(page, contact);
    await row.getByRole('button', { name: `Edit email of ${contact.name}` }).click();
    const input = page.getByRole('textbox', { name: `Email for ${contact.name}` });
    await input.fill(email);
    await input.press('Enter');
    await waitUntil(() => row.getByRole('button', { name: `Edit email of ${contact.name}` }).textContent(), (t) => t === email);
  }
  const openSettings = (page: Page) => page.getByRole('link', { name: 'Settings' }).click();

  it('[S9] the admin invites an agent, who joins from a second browser and sees the workspace', async () => {
    await openSettings(admin.page);
    await admin.page.getByText('you are an admin (demo@example.com)', { exact: false }).waitFor();
    await admin.page.getByRole('button', { name: 'Create invite' }).click();
    const link = await admin.page.getByRole('textbox', { name: 'Invite link' }).inputValue();
    expect(link).toMatch(/\/\?invite=[A-Za-z0-9_-]+$/);

    await agent.page.goto(link);
    expect(await agent.page.getByRole('textbox', { name: 'Invite code' }).inputValue()).toBe(new URL(link).searchParams.get('invite'));
    await agent.page.getByRole('textbox', { name: 'Email' }).fill(AGENT_EMAIL);
    await agent.page.getByRole('textbox', { name: 'Password' }).fill(AGENT_PASSWORD);
    await agent.page.getByRole('button', { name: 'Join workspace' }).click();
    await bodyRows(agent.page).first().waitFor();
    await waitUntil(() => footerTotal(agent.page), (n) => n === 2000, 60_000);
  });

  it('[S9] the agent cannot delete (Delete disabled with the reason) but can edit inline', async () => {
    const row = await showOnly(agent.page, targets[0]);
    await row.getByRole('checkbox', { name: `Select ${targets[0].name}`, exact: true }).check();
    const del = agent.page.getByRole('region', { name: 'Bulk actions' }).getByRole('button', { name: 'Delete' });
    await waitUntil(() => del.getAttribute('aria-disabled'), (v) => v === 'true');
    await del.hover();
    await agent.page.getByRole('tooltip').filter({ hasText: 'cannot delete contacts' }).waitFor();
    await del.click({ force: true });
    expect(await agent.page.getByRole('dialog', { name: 'Delete contacts' }).count()).toBe(0);
    await agent.page.getByRole('button', { name: 'Clear selection' }).click();

    await editEmail(agent.page, targets[0], 'edited.by.agent@example.org');
    await waitUntil(async () => (await serverContact(targets[0].id))?.email, (e) => e === 'edited.by.agent@example.org');
  });

  it('[S9] revoking the agent device asks it to sign in; its offline edit reaches the server after signing in again', async () => {
    await agent.context.setOffline(true);
    await editEmail(agent.page, targets[1], 'offline.agent@example.org');

    await admin.page.reload(); // the Devices list is read when Settings opens
    const revoke = admin.page.getByRole('button', { name: `Revoke Chrome on Linux of ${AGENT_EMAIL}` });
    await revoke.click();
    await admin.page.getByRole('table', { name: 'Devices' }).getByText('Revoked').waitFor();
    expect((await serverContact(targets[1].id))?.email).toBe(targets[1].email);

    await agent.context.setOffline(false);
    await agent.page.getByRole('tab', { name: 'Sign in' }).click({ timeout: 30_000 });
    await agent.page.getByText('1 change(s) made here are kept', { exact: false }).waitFor();
    await agent.page.getByRole('textbox', { name: 'Email' }).fill(AGENT_EMAIL);
    await agent.page.getByRole('textbox', { name: 'Password' }).fill(AGENT_PASSWORD);
    await agent.page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await bodyRows(agent.page).first().waitFor();
    await waitUntil(async () => (await serverContact(targets[1].id))?.email, (e) => e === 'offline.agent@example.org', 30_000);
  });
});

describe('DEMO=0', () => {
  let server: AppServer;
  let browser: Browser;
  let device: { context: BrowserContext; page: Page };
  beforeAll(async () => {
    server = await startAppServer({ env: { DEMO: '0', ...(process.env.DIST_DIR ? { DIST_DIR: process.env.DIST_DIR } : {}) } });
    browser = await launchBrowser();
    device = await newDevice(browser);
  });
  afterAll(async () => {
    await device?.context.close();
    await browser?.close();
    await server?.stop();
  });

  it('[S9] has no demo button; signing up creates a workspace the user administers', async () => {
    const { page } = device;
    await page.goto(`${server.url}/contacts`);
    await page.getByRole('tab', { name: 'Create account' }).click();
    expect(await page.getByRole('button', { name: 'Open demo workspace' }).count()).toBe(0);
    await page.getByRole('textbox', { name: 'Email' }).fill('owner@example.com');
    await page.getByRole('textbox', { name: 'Password' }).fill('owner-password-1');
    await page.getByRole('textbox', { name: 'Workspace name' }).fill('Owner support');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByText('Owner support: you are an admin (owner@example.com)').waitFor();
    expect(server.logs()).not.toContain('demo@example.com');
  });
});
