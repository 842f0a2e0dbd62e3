/**
 * The pickers with the whole catalog, in Chromium: the provider is found by
 * typing part of its name, its events come grouped by resource, and a
 * provider added by the catalog (Clerk, Discord's Ed25519, Plaid's ES256 JWT) is played and
 * verified end to end through the app's own capture server.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, eventually } from './support/api';
import { launchBrowser, openUi, type UiPage } from './support/browser';
import { startServed, type Served } from './support/serve';
import { snap } from './support/screenshots';
import { fillSendForm, openSender } from './support/sender-page';

const WAIT = { timeout: 15_000 };
const SECRET = 'whsec_cGlja2Vycy1lMmUtc2VjcmV0LWtleQ==';

let served: Served;
let browser: Browser;
let ui: UiPage;
const page = () => ui.page;

beforeAll(async () => {
  served = await startServed();
  browser = await launchBrowser();
  ui = await openUi(browser, served.uiUrl);
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

const optionValues = (selector: string) =>
  page()
    .locator(`${selector} option`)
    .evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value));

describe('provider pickers with the whole catalog', () => {
  it('the Sender finds a provider by part of its name, and groups its events by resource', async () => {
    await openSender(page());
    const all = await optionValues('select[name="provider"]');
    expect(all.length).toBeGreaterThanOrEqual(18);
    const current = await page().locator('select[name="provider"]').inputValue();
    await page().getByRole('searchbox', { name: 'Search providers' }).fill('CLER');
    await expect
      .poll(() => optionValues('select[name="provider"]'), WAIT)
      .toEqual([current, 'clerk'].filter((v, i, a) => a.indexOf(v) === i));
    await page().locator('select[name="provider"]').selectOption('clerk');
    const groups = await page()
      .locator('select[name="eventType"] optgroup')
      .evaluateAll((els) => els.map((e) => e.getAttribute('label')));
    expect(groups).toEqual(
      expect.arrayContaining(['user.*', 'session.*', 'organization.*', 'organizationMembership.*']),
    );
    const userGroup = await page()
      .locator('select[name="eventType"] optgroup[label="user.*"] option')
      .allTextContents();
    expect(userGroup).toEqual(['user.created', 'user.updated', 'user.deleted']);
    await snap(page(), 'sender-provider-search');
    await page().getByRole('searchbox', { name: 'Search providers' }).fill('');
    await expect.poll(async () => (await optionValues('select[name="provider"]')).length, WAIT).toBe(all.length);
  });

  it('a Clerk event sent from the Sender arrives signed, detected as Clerk and valid', async () => {
    await api(served, 'endpoints.create', { slug: 'clerk-hook', rule: {} });
    await api(served, 'endpoints.bind', { slug: 'clerk-hook', provider: 'clerk', secrets: [SECRET] });
    await fillSendForm(page(), {
      provider: 'clerk',
      event: 'session.created',
      url: `${served.captureUrl}clerk-hook/webhook`,
      secret: SECRET,
    });
    await page().getByRole('button', { name: 'Send', exact: true }).click();
    const [capture] = await eventually(async () => {
      const list = await api(served, 'captures.list', { endpoint: 'clerk-hook' });
      return list.length === 1 && list[0].signatureStatus !== null ? list : undefined;
    }, 'the Clerk capture, verified');
    expect(capture).toMatchObject({ provider: 'clerk', eventType: 'session.created', signatureStatus: 'valid' });
  });
});

describe("Shopify's generated topic list in the Sender", () => {
  it('its topics come grouped by resource (orders/*), and a generated topic arrives signed, detected as Shopify and valid', async () => {
    await openSender(page());
    await page().locator('select[name="provider"]').selectOption('shopify');
    const groups = await page()
      .locator('select[name="eventType"] optgroup')
      .evaluateAll((els) => els.map((e) => e.getAttribute('label')));
    expect(groups).toEqual(expect.arrayContaining(['orders/*', 'products/*', 'fulfillment_orders/*', 'customer.*']));
    const orders = await page().locator('select[name="eventType"] optgroup[label="orders/*"] option').allTextContents();
    expect(orders).toEqual(
      expect.arrayContaining(['orders/create', 'orders/paid', 'orders/cancelled', 'orders/updated']),
    );
    await api(served, 'endpoints.create', { slug: 'shopify-hook', rule: {} });
    await api(served, 'endpoints.bind', { slug: 'shopify-hook', provider: 'shopify', secrets: [SECRET] });
    await fillSendForm(page(), {
      provider: 'shopify',
      event: 'fulfillment_orders/moved',
      url: `${served.captureUrl}shopify-hook/webhook`,
      secret: SECRET,
    });
    await page().getByRole('button', { name: 'Send', exact: true }).click();
    const [capture] = await eventually(async () => {
      const list = await api(served, 'captures.list', { endpoint: 'shopify-hook' });
      return list.length === 1 && list[0].signatureStatus !== null ? list : undefined;
    }, 'the Shopify capture, verified');
    expect(capture).toMatchObject({
      provider: 'shopify',
      eventType: 'fulfillment_orders/moved',
      signatureStatus: 'valid',
    });
  });
});

describe('an asymmetric provider from the Sender', () => {
  it('Discord: the outcome shows the public key the handler needs; an endpoint holding that public key verifies the capture', async () => {
    await api(served, 'endpoints.create', { slug: 'discord-hook', rule: {} });
    const secret = 'hs_discord_sender_e2e';
    await fillSendForm(page(), {
      provider: 'discord',
      event: 'APPLICATION_COMMAND',
      url: `${served.captureUrl}discord-hook/webhook`,
      secret,
    });
    await page().getByRole('button', { name: 'Send', exact: true }).click();
    const shown = page().getByTestId('send-public-key-value');
    await shown.waitFor(WAIT);
    const publicKey = (await shown.textContent()) ?? '';
    expect(publicKey).toMatch(/^[0-9a-f]{64}$/);
    await snap(page(), 'sender-discord-public-key');
    // The handler's side: only the public key, as Discord's developer portal shows one.
    await api(served, 'endpoints.bind', { slug: 'discord-hook', provider: 'discord', secrets: [publicKey] });
    const [capture] = await eventually(async () => {
      const list = await api(served, 'captures.list', { endpoint: 'discord-hook' });
      return list.length >= 1 && list[0].signatureStatus === 'valid' ? list : undefined;
    }, 'the Discord capture, verified with the public key');
    expect(capture).toMatchObject({ provider: 'discord', eventType: 'APPLICATION_COMMAND', signatureStatus: 'valid' });
  });

  it('Plaid (ES256 JWT): events are TYPE.CODE grouped by webhook_type; the outcome shows the JWK the handler needs; an endpoint holding that JWK verifies the capture', async () => {
    await api(served, 'endpoints.create', { slug: 'plaid-hook', rule: {} });
    await fillSendForm(page(), { provider: 'plaid' });
    const groups = await page()
      .locator('select[name="eventType"] optgroup')
      .evaluateAll((els) => els.map((e) => e.getAttribute('label')));
    expect(groups).toEqual(expect.arrayContaining(['ITEM.*', 'ASSETS.*', 'TRANSACTIONS.*']));
    // ERROR is sent under ITEM, ASSETS, BASE_REPORT and CRA_INCOME: one event each, in its type's group.
    const assets = await page().locator('select[name="eventType"] optgroup[label="ASSETS.*"] option').allTextContents();
    expect(assets).toEqual(['ASSETS.ERROR', 'ASSETS.PRODUCT_READY']);
    expect(await optionValues('select[name="eventType"]')).toEqual(
      expect.arrayContaining(['ITEM.ERROR', 'BASE_REPORT.ERROR', 'CRA_INCOME.ERROR']),
    );
    await fillSendForm(page(), {
      provider: 'plaid',
      event: 'ASSETS.ERROR',
      url: `${served.captureUrl}plaid-hook/webhook`,
      secret: 'hs_plaid_sender_e2e',
    });
    await page().getByRole('button', { name: 'Send', exact: true }).click();
    const shown = page().getByTestId('send-public-key-value');
    await expect.poll(async () => (await shown.textContent()) ?? '', WAIT).toContain('"alg":"ES256"');
    const jwk = (await shown.textContent()) ?? '';
    expect(JSON.parse(jwk)).toMatchObject({ crv: 'P-256', kty: 'EC', use: 'sig' });
    // The handler's side: the JWK, as Plaid's /webhook_verification_key/get answers it.
    await api(served, 'endpoints.bind', { slug: 'plaid-hook', provider: 'plaid', secrets: [jwk] });
    const [capture] = await eventually(async () => {
      const list = await api(served, 'captures.list', { endpoint: 'plaid-hook' });
      return list.length >= 1 && list[0].signatureStatus === 'valid' ? list : undefined;
    }, 'the Plaid capture, verified with the JWK');
    expect(capture).toMatchObject({ provider: 'plaid', eventType: 'ASSETS.ERROR', signatureStatus: 'valid' });
  });
});
