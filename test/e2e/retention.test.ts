import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, eventually } from './support/api';
import { launchBrowser, openUi, type UiPage } from './support/browser';
import { endpointForm } from './support/endpoint-form';
import { curl } from './support/curl';
import { startServed, type Served } from './support/serve';
import { snap } from './support/screenshots';

let served: Served;
let browser: Browser;
let ui: UiPage;

const { form, field, fieldError } = endpointForm(() => ui.page);
const row = (slug: string) => ui.page.locator(`table[aria-label="Endpoints"] tr[data-slug="${slug}"]`);
const retentionOf = async (slug: string) =>
  (await api(served, 'endpoints.list', {})).find((e) => e.slug === slug)?.retention;
const pathsOf = async (endpoint: string) =>
  (await api(served, 'captures.list', { endpoint, limit: 100 })).map((c) => c.path);

beforeAll(async () => {
  served = await startServed();
  browser = await launchBrowser();
  ui = await openUi(browser, served.uiUrl);
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('retention in the browser', () => {
  it('creates an endpoint with no limit, shown as keeping everything', async () => {
    await ui.page.getByRole('button', { name: 'Endpoints' }).click();
    await ui.page.getByRole('button', { name: 'New endpoint' }).click();
    await field('slug').fill('trimmed');
    expect(await field('keepCount').inputValue()).toBe('');
    expect(await field('keepDays').inputValue()).toBe('');
    await form().getByRole('button', { name: 'Create endpoint' }).click();
    await row('trimmed').waitFor();
    expect(await row('trimmed').getByTestId('retention').textContent()).toBe('keeps all');
    expect(await retentionOf('trimmed')).toEqual({ keepCount: null, keepDays: null });
  });

  it('sets "keep 3" in the form; of 5 webhooks sent over HTTP only the newest 3 remain', async () => {
    await row('trimmed').click();
    await field('keepCount').fill('3');
    await snap(ui.page, 'endpoints-retention');
    await form().getByRole('button', { name: 'Save', exact: true }).click();
    await form().waitFor({ state: 'detached' });
    expect(await row('trimmed').getByTestId('retention').textContent()).toBe('keeps 3');
    expect(await retentionOf('trimmed')).toEqual({ keepCount: 3, keepDays: null });

    for (let i = 1; i <= 5; i++) {
      const sent = await curl([
        '-X',
        'POST',
        `${served.captureUrl}trimmed/hook-${i}`,
        '-H',
        'Content-Type: application/json',
        '-d',
        `{"n":${i}}`,
      ]);
      expect(sent.status).toBe(200);
    }
    const left = await eventually(async () => {
      const paths = await pathsOf('trimmed');
      return paths.length === 3 ? paths : undefined;
    }, 'the background to keep only the newest 3 captures');
    expect(left).toEqual(['/trimmed/hook-5', '/trimmed/hook-4', '/trimmed/hook-3']);

    // The captures list, loaded afresh, shows the same three.
    await ui.page.reload();
    await ui.page.getByRole('button', { name: 'Captures' }).click();
    await ui.page.getByRole('combobox', { name: 'Endpoint' }).selectOption('trimmed');
    const rows = ui.page.locator('.grid-row[data-id] .c-path');
    await expect
      .poll(() => rows.allTextContents(), { timeout: 10_000 })
      .toEqual(['/trimmed/hook-5', '/trimmed/hook-4', '/trimmed/hook-3']);
  });

  it('shows both limits in the list, days included', async () => {
    await ui.page.getByRole('button', { name: 'Endpoints' }).click();
    await row('trimmed').click();
    expect(await field('keepCount').inputValue()).toBe('3');
    await field('keepCount').fill('1000');
    await field('keepDays').fill('7');
    await form().getByRole('button', { name: 'Save', exact: true }).click();
    await form().waitFor({ state: 'detached' });
    expect(await row('trimmed').getByTestId('retention').textContent()).toBe('keeps 1,000 · 7 days');
    expect(await retentionOf('trimmed')).toEqual({ keepCount: 1000, keepDays: 7 });
  });

  it('shows an invalid limit at its field and changes nothing', async () => {
    const before = await api(served, 'endpoints.list', {});
    await row('trimmed').click();
    await field('keepCount').fill('0');
    await field('keepDays').fill('a week');
    await field('status').fill('204');
    await form().getByRole('button', { name: 'Save', exact: true }).click();
    expect(await fieldError('keepCount').textContent()).toBe('must be a whole number from 1 to 2147483647');
    expect(await fieldError('keepDays').textContent()).toBe('must be a number (empty: no limit)');
    expect(await field('keepCount').getAttribute('aria-invalid')).toBe('true');
    await field('keepDays').fill('40000');
    expect(await fieldError('keepDays').textContent()).toBe('must be a number of days from 0.000001 to 36500');
    await snap(ui.page, 'endpoints-retention-invalid');
    await form().getByRole('button', { name: 'Save', exact: true }).click();
    expect(await form().isVisible()).toBe(true);
    expect(await api(served, 'endpoints.list', {})).toEqual(before);
    expect(await row('trimmed').getByTestId('retention').textContent()).toBe('keeps 1,000 · 7 days');

    // Emptied, both limits are lifted.
    await field('keepCount').fill('');
    await field('keepDays').fill('');
    await field('status').fill('200');
    await expect(form().locator('.field-error').count()).resolves.toBe(0);
    await form().getByRole('button', { name: 'Save', exact: true }).click();
    await form().waitFor({ state: 'detached' });
    expect(await retentionOf('trimmed')).toEqual({ keepCount: null, keepDays: null });
    expect(await row('trimmed').getByTestId('retention').textContent()).toBe('keeps all');
    expect(ui.problems).toEqual([]);
  });
});
