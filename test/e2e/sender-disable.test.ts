import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProviderRegistry } from '../../src/core/providers';
import { providerHandler } from '../core/sender/support/provider-handlers';
import { startServer, type TestServer } from '../core/sender/support/servers';
import { api, eventually } from './support/api';
import { launchBrowser, openUi, type UiPage } from './support/browser';
import { snap } from './support/screenshots';
import { startServed, type Served } from './support/serve';
import { fillSendForm, openSender, waitForDelivery } from './support/sender-page';

/**
 * In the browser: Prynt's auto-disable reached by a sped-up failing series
 * (a real serve at a day of provider time per real second), shown on the
 * Sender, re-enabled with one click, sending again; and the handler check's
 * new scenarios in the Handler check tab.
 */

const SECRET = 'whsec_disable_e2e_secret';
const WAIT = { timeout: 15_000 };
const DAY_PER_SECOND = 86_400;

let served: Served;
let browser: Browser;
let ui: UiPage;
const servers: TestServer[] = [];
const page = () => ui.page;

beforeAll(async () => {
  served = await startServed();
  browser = await launchBrowser();
  ui = await openUi(browser, served.uiUrl);
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  for (const s of servers) await s.close();
});

describe("Prynt's auto-disable in the browser", () => {
  it('a sped-up series of failing deliveries disables the webhook; the Sender shows it; one click enables it; sending works again', async () => {
    const state = { status: 500 };
    const handler = await startServer((_req, res) => res.writeHead(state.status).end());
    servers.push(handler);
    await api(served, 'sender.setSpeed', { speed: DAY_PER_SECOND });
    await openSender(page());

    // Failing deliveries, one after another, until Prynt's 24 hours of provider time have passed (a real second or so).
    const send = () =>
      api(served, 'sender.send', { provider: 'prynt', eventType: 'verdict.block', url: handler.url, secret: SECRET });
    const webhook = await eventually(
      async () => {
        const { deliveryId } = await send();
        const done = await eventually(async () => {
          const view = await api(served, 'deliveries.get', { id: deliveryId });
          return view.result.status === 'pending' ? undefined : view;
        }, `delivery ${deliveryId} to end`);
        const [w] = await api(served, 'webhooks.list', {});
        return w && !w.enabled ? { ...w, lastReason: done.result.failureReason } : undefined;
      },
      'the webhook to be disabled',
      20_000,
    );
    expect(webhook.lastReason).toBe('webhook-disabled');
    expect(Date.parse(webhook.failingLast!) - Date.parse(webhook.failingSince!)).toBeGreaterThanOrEqual(24 * 3_600_000);
    await expect(send()).rejects.toThrow(/disabled/);

    const banner = page().locator(`[data-testid="disabled-webhooks"] [data-webhook-id="${webhook.id}"]`);
    await banner.waitFor(WAIT);
    expect(await banner.textContent()).toContain(`Webhook ${handler.url} (prynt) is disabled after`);
    expect(await banner.textContent()).toContain('of consecutive failures (provider time)');
    await snap(page(), 'sender-webhook-disabled');

    state.status = 200;
    await banner.getByRole('button', { name: 'Enable webhook' }).click();
    await banner.waitFor({ state: 'detached', ...WAIT });
    expect((await api(served, 'webhooks.list', {}))[0]).toMatchObject({
      id: webhook.id,
      enabled: true,
      failingSince: null,
    });

    await fillSendForm(page(), { provider: 'prynt', event: 'verdict.block', url: handler.url, secret: SECRET });
    await page().getByRole('button', { name: 'Send', exact: true }).click();
    const id = await eventually(async () => {
      const [newest] = await api(served, 'deliveries.list', { limit: 1 });
      return newest && newest.result.status !== 'failed' ? newest.result.deliveryId : undefined;
    }, 'the delivery started by Send');
    await waitForDelivery(page(), id, 'delivered');
    expect(ui.problems).toEqual([]);
  });
});

describe('the Handler check tab', () => {
  it("shows the new scenarios with expected vs actual, and LRDefender's rows per signature form", async () => {
    const registry = createProviderRegistry();
    const handler = await providerHandler(registry.require('lrdefender'), { secret: SECRET, flaw: 'lenient' });
    servers.push(handler);
    await api(served, 'sender.setSpeed', { speed: 1 });
    await openSender(page());
    await fillSendForm(page(), { provider: 'lrdefender', url: handler.url, secret: SECRET });
    await page().getByRole('tab', { name: 'Handler check' }).click();
    await page().locator('input[name="effectsUrl"]').fill(handler.url.replace('/hook', '/effects'));
    await page().getByRole('button', { name: 'Run handler check' }).first().click();
    const report = page().getByTestId('check-report');
    await report.waitFor(WAIT);
    const rows = await report.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        scenario: tr.getAttribute('data-scenario'),
        form: tr.getAttribute('data-form'),
        result: tr.getAttribute('data-result'),
        cells: [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''),
      })),
    );
    const row = (scenario: string, form: string | null = null) =>
      rows.find((r) => r.scenario === scenario && r.form === form)!;
    for (const id of ['retry', 'slow-handler', 'unknown-event', 'duplicate']) expect(row(id).result).toBe('pass');
    for (const form of ['timestamped', 'plain']) {
      // Scenario, form, expected, actual, result.
      expect(row('unsigned', form).cells.slice(1, 5)).toEqual([form, '401 or 403 (400 accepted)', '200', 'fail']);
      expect(row('valid', form).result).toBe('pass');
    }
    expect(row('replay-attack', 'plain').result).toBe('n/a');
    expect(await report.locator('.facts').textContent()).toContain('2 failed');
    await snap(page(), 'sender-handler-check-forms');
  });
});
