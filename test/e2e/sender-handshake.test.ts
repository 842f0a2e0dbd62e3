// The Sender screen in Chromium plays a handshake: Zoom's endpoint.url_validation
// is marked as a handshake among the events, and a handler that answers it
// wrong shows, on the attempt, what exactly was wrong, as text only.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, eventually } from './support/api';
import { launchBrowser, openUi, type UiPage } from './support/browser';
import { startServed, type Served } from './support/serve';
import { fillSendForm, openSender, timeline, waitForDelivery } from './support/sender-page';

const WAIT = { timeout: 15_000 };
// Not Zoom's answer, with markup in it: it must come back as text.
const BODY = '{"plainToken":"<img src=x onerror=\\"window.__pwned=1\\">"}';

let served: Served;
let browser: Browser;
let ui: UiPage;
const page = () => ui.page;

beforeAll(async () => {
  served = await startServed();
  browser = await launchBrowser();
  ui = await openUi(browser, served.uiUrl);
  await api(served, 'endpoints.create', {
    slug: 'zoom-wrong',
    rule: { status: 200, body: BODY, headers: [['Content-Type', 'application/json']] },
  });
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('a handshake in the Sender', () => {
  it("marks Zoom's URL validation as a handshake, sends it once and shows why the answer is wrong", async () => {
    await openSender(page());
    await page().locator('select[name="provider"]').selectOption('zoom');
    const option = page().locator('select[name="eventType"] option[value="endpoint.url_validation"]');
    await expect.poll(() => option.textContent(), WAIT).toBe('endpoint.url_validation (handshake)');
    await fillSendForm(page(), {
      event: 'endpoint.url_validation',
      url: `${served.captureUrl}zoom-wrong/hook`,
      secret: 'zoom_e2e_secret',
    });
    await page().getByRole('button', { name: 'Send', exact: true }).click();
    const id = await eventually(async () => {
      const [newest] = await api(served, 'deliveries.list', { limit: 1 });
      return newest?.result.deliveryId;
    }, 'the delivery started by Send');
    await waitForDelivery(page(), id, 'failed');

    const stored = await api(served, 'deliveries.get', { id });
    expect(stored.result.attempts).toHaveLength(1);
    expect(stored.result.attempts[0]).toMatchObject({ status: 200, errorKind: 'handshake' });
    await expect.poll(() => timeline(page()).textContent(), WAIT).toContain('wrong handshake answer');

    await timeline(page()).getByRole('button', { name: /#1$/ }).click();
    const problem = timeline(page()).getByTestId('handshake-problem');
    await problem.waitFor(WAIT);
    const text = (await problem.textContent()) ?? '';
    expect(text).toContain('Wrong handshake answer: answered 200 but plainToken was "<img src=x');
    expect(text).toContain('has no field encryptedToken');
    expect(text).toMatch(/encryptedToken = hex HMAC-SHA256\(secret, payload\.plainToken\) = "[0-9a-f]{64}"/);
    expect(await timeline(page()).locator('img').count()).toBe(0);
    expect(await page().evaluate('window.__pwned')).toBeUndefined();
  });
});
