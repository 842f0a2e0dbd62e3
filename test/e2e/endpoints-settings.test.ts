import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from './support/api';
import { launchBrowser, openUi, type UiPage } from './support/browser';
import { endpointForm } from './support/endpoint-form';
import { curl } from './support/curl';
import { startServed, type Served } from './support/serve';
import { snap } from './support/screenshots';

const WAIT = { timeout: 10_000 };

let served: Served;
let browser: Browser;
let ui: UiPage;

const { form, field, fieldError } = endpointForm(() => ui.page);

beforeAll(async () => {
  served = await startServed();
  browser = await launchBrowser();
  ui = await openUi(browser, served.uiUrl);
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('endpoints in the browser', () => {
  it('shows validation errors next to their fields and creates nothing', async () => {
    await ui.page.getByRole('button', { name: 'Endpoints' }).click();
    await ui.page.locator('table[aria-label="Endpoints"] tr[data-slug="default"]').waitFor();
    await ui.page.getByRole('button', { name: 'New endpoint' }).click();
    await field('slug').fill('Bad Slug!');
    await field('status').fill('999');
    await field('delayMs').fill('soon');
    await field('headers').fill('no colon here');
    await form().getByRole('button', { name: 'Create endpoint' }).click();
    expect(await fieldError('slug').textContent()).toContain('a slug is 1-63 characters');
    expect(await fieldError('status').textContent()).toMatch(/599/);
    expect(await fieldError('delayMs').textContent()).toBe('must be a number');
    expect(await fieldError('headers').textContent()).toContain('line 1');
    expect(await field('status').getAttribute('aria-invalid')).toBe('true');
    await snap(ui.page, 'endpoints-validation');
    expect((await api(served, 'endpoints.list', {})).map((e) => e.slug)).toEqual(['default']);
  });

  it('creates an endpoint whose rule the capture server follows', async () => {
    await field('slug').fill('orders-api');
    await field('status').fill('202');
    await field('delayMs').fill('0');
    await field('headers').fill('X-Rule: yes\nContent-Type: text/plain');
    await form().getByLabel('Default body').uncheck();
    await field('body').fill('accepted');
    await field('failFirst').fill('1');
    await field('failStatus').fill('503');
    await expect(fieldError('slug').count()).resolves.toBe(0);
    await snap(ui.page, 'endpoints-form');
    await form().getByRole('button', { name: 'Create endpoint' }).click();
    const row = ui.page.locator('tr[data-slug="orders-api"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('202 · fails first 1 with 503 · custom body · 2 headers');

    const stored = (await api(served, 'endpoints.list', {})).find((e) => e.slug === 'orders-api');
    expect(stored?.rule).toMatchObject({
      status: 202,
      failFirst: 1,
      failStatus: 503,
      body: 'accepted',
      headers: [
        ['X-Rule', 'yes'],
        ['Content-Type', 'text/plain'],
      ],
    });

    const first = await curl(['-X', 'POST', `${served.captureUrl}orders-api/hook`, '-d', 'one']);
    expect(first.status).toBe(503);
    const second = await curl(['-X', 'POST', `${served.captureUrl}orders-api/hook`, '-d', 'two']);
    expect(second.status).toBe(202);
    expect(second.body).toBe('accepted');
    expect(second.headers).toContainEqual(['x-rule', 'yes']);
  });

  it('reports a server-side refusal (an existing slug) at the field', async () => {
    await ui.page.getByRole('button', { name: 'New endpoint' }).click();
    await field('slug').fill('orders-api');
    await form().getByRole('button', { name: 'Create endpoint' }).click();
    expect(await fieldError('slug').textContent()).toContain('already exists');
    await form().getByRole('button', { name: 'Cancel' }).click();
  });

  it('edits a rule, and a running capture server follows the change at once', async () => {
    await ui.page.locator('tr[data-slug="orders-api"]').click();
    await field('failRate').fill('1.5');
    await form().getByRole('button', { name: 'Save', exact: true }).click();
    expect(await fieldError('failRate').textContent()).toMatch(/1/);
    await field('failRate').fill('0');
    await expect(fieldError('failRate').count()).resolves.toBe(0);
    await field('status').fill('201');
    await field('failFirst').fill('0');
    await form().getByRole('button', { name: 'Save', exact: true }).click();
    await form().waitFor({ state: 'detached' });
    expect(await ui.page.locator('tr[data-slug="orders-api"]').textContent()).toContain('201 · custom body');
    const answer = await curl(['-X', 'POST', `${served.captureUrl}orders-api/hook`, '-d', 'three']);
    expect(answer.status).toBe(201);
    await snap(ui.page, 'endpoints');
  });
});

describe('settings in the browser', () => {
  it('shows the data folder', async () => {
    await ui.page.getByRole('button', { name: 'Settings' }).click();
    expect(await ui.page.getByTestId('data-dir').textContent()).toBe(served.dataDir);
    await snap(ui.page, 'settings');
  });

  it('follows the OS theme until overridden, and keeps the override across reloads', async () => {
    const theme = () => ui.page.locator('html').getAttribute('data-theme');
    const stored = () => ui.page.evaluate('localStorage.getItem("hookscope.theme")');
    expect(await theme()).toBe('light');
    await ui.page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(theme, WAIT).toBe('dark');
    await ui.page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(theme, WAIT).toBe('light');

    await ui.page.getByLabel('Dark').check();
    expect(await theme()).toBe('dark');
    await snap(ui.page, 'settings-dark');
    await ui.page.reload();
    await expect.poll(theme, WAIT).toBe('dark');
    expect(await stored()).toBe('dark');

    await ui.page.getByRole('button', { name: 'Settings' }).click();
    await ui.page.getByLabel('Follow the system').check();
    await expect.poll(theme, WAIT).toBe('light');
    expect(await stored()).toBeNull();
    expect(ui.problems).toEqual([]);
  });

  it('shows a refused call where it happened instead of a blank window', async () => {
    const url = new URL(served.uiUrl);
    url.hash = 'token=wrong';
    // A refused token: the whole page says so (no top bar to wait for).
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url.toString());
    const alert = page.getByRole('alert').first();
    await alert.waitFor();
    expect(await alert.textContent()).toContain('token');
    expect(await alert.getAttribute('data-problem')).toBe('stale');
    await context.close();
  });
});
