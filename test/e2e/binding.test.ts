import { createHmac } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from './support/api';
import { launchBrowser, openUi, type UiPage } from './support/browser';
import { curl } from './support/curl';
import { startServed, type Served } from './support/serve';
import { snap } from './support/screenshots';

const SECRET = 'gh_binding_secret_7f3a';
const OTHER = 'a_secret_from_another_app';
const WAIT = { timeout: 15_000 };

let served: Served;
let browser: Browser;
let ui: UiPage;
let captureId: number;

const page = () => ui.page;
const binding = () => page().locator('form.endpoint-form');
const secretCount = () => binding().getByTestId('secret-count');

async function openBinding(slug: string): Promise<void> {
  await page().getByRole('button', { name: 'Endpoints', exact: true }).click();
  await page().locator(`tr[data-slug="${slug}"]`).click();
  await secretCount().waitFor(WAIT);
}

/** The capture's verdict as the Captures list shows it, once it is `expected`. */
async function verdictBecomes(expected: string): Promise<void> {
  await page().getByRole('button', { name: 'Captures', exact: true }).click();
  const badge = page().locator(`.grid-row[data-id="${captureId}"] .c-sig .badge`);
  await expect.poll(() => badge.textContent(), WAIT).toBe(expected);
}

/** Types secrets in the endpoint form, picks how they join the stored ones, and saves the whole form with its one button. */
async function addSecret(slug: string, secret: string, mode: 'add' | 'replace', count: string): Promise<void> {
  await openBinding(slug);
  await binding().locator('textarea[name="secrets"]').fill(secret);
  await binding().locator(`input[name="secretsMode"][value="${mode}"]`).check();
  await binding().getByRole('button', { name: 'Save', exact: true }).click();
  await expect
    .poll(() => page().locator(`tr[data-slug="${slug}"] [data-testid="secrets"]`).textContent(), WAIT)
    .toBe(count);
  await openBinding(slug);
  expect(await secretCount().textContent()).toContain(`${count} secret`);
  expect(await binding().locator('textarea[name="secrets"]').inputValue()).toBe('');
}

async function chooseProvider(slug: string, provider: string): Promise<void> {
  await openBinding(slug);
  await binding().locator('select[name="provider"]').selectOption(provider);
  await binding().getByRole('button', { name: 'Save', exact: true }).click();
  await binding().waitFor({ state: 'detached', ...WAIT });
}

beforeAll(async () => {
  served = await startServed();
  browser = await launchBrowser();
  ui = await openUi(browser, served.uiUrl);
  await api(served, 'endpoints.create', { slug: 'gh' });
  // A GitHub ping, signed with SECRET, captured before the endpoint knows any secret.
  const body = JSON.stringify({
    zen: 'Design for failure.',
    hook_id: 512394877,
    hook: { type: 'Repository', events: ['push'] },
  });
  const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
  const sent = await curl([
    '-X',
    'POST',
    `${served.captureUrl}gh/events`,
    '-H',
    'Content-Type: application/json',
    '-H',
    'X-GitHub-Event: ping',
    '-H',
    'X-GitHub-Delivery: 72d3162e-cc78-11e3-81ab-4c9367dc0958',
    '-H',
    `X-Hub-Signature-256: ${signature}`,
    '--data-binary',
    body,
  ]);
  expect(sent.status).toBe(200);
  captureId = (JSON.parse(sent.body) as { id: number }).id;
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('binding a provider and secrets to an endpoint', () => {
  it('starts with a detected provider and no secret', async () => {
    await verdictBecomes('no secret');
    expect(await page().locator(`.grid-row[data-id="${captureId}"] .c-provider`).textContent()).toBe('github');
    await openBinding('gh');
    await expect.poll(() => secretCount().textContent(), WAIT).toContain('No secret stored');
    expect(await binding().locator('select[name="provider"]').inputValue()).toBe('');
  });

  it('binds the provider', async () => {
    await chooseProvider('gh', 'github');
    await expect.poll(() => page().locator('tr[data-slug="gh"]').textContent(), WAIT).toContain('github');
    expect((await api(served, 'endpoints.list', {})).find((e) => e.slug === 'gh')?.provider).toBe('github');
  });

  it('a secret from elsewhere makes the capture invalid; adding the right one (rotation) makes it valid', async () => {
    await addSecret('gh', OTHER, 'add', '1');
    await verdictBecomes('invalid');

    await addSecret('gh', SECRET, 'add', '2');
    await snap(page(), 'endpoints-binding');
    // Stored secrets are never displayed again: only their count.
    const html = await page().content();
    expect(html).not.toContain(SECRET);
    expect(html).not.toContain(OTHER);
    await verdictBecomes('valid');
    const detail = await api(served, 'captures.get', { id: captureId });
    expect(detail.signature?.status).toBe('valid');
    expect(detail.signature?.secretIndex).toBe(1);
  });

  it('clears the secrets, then replaces them', async () => {
    await openBinding('gh');
    await binding().locator('input[name="clearSecrets"]').check();
    await binding().getByRole('button', { name: 'Save', exact: true }).click();
    await expect
      .poll(() => page().locator('tr[data-slug="gh"] [data-testid="secrets"]').textContent(), WAIT)
      .toBe('none');
    await openBinding('gh');
    expect(await secretCount().textContent()).toContain('No secret stored');
    expect(await binding().locator('input[name="clearSecrets"]').isDisabled()).toBe(true);
    await verdictBecomes('no secret');

    await addSecret('gh', `${OTHER}\n${SECRET}\n`, 'replace', '2');
    await addSecret('gh', SECRET, 'replace', '1');
    await verdictBecomes('valid');
    expect((await api(served, 'captures.get', { id: captureId })).signature?.secretIndex).toBe(0);
  });

  it('unbinds the provider: detected per request again', async () => {
    await chooseProvider('gh', '');
    await expect.poll(() => page().locator('tr[data-slug="gh"]').textContent(), WAIT).toContain('detected');
    expect((await api(served, 'endpoints.list', {})).find((e) => e.slug === 'gh')?.provider).toBeNull();
    expect(ui.problems).toEqual([]);
  });
});
