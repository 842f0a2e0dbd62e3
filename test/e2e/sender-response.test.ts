// The Sender screen in Chromium: the signature form and signed-timestamp
// choices reach the delivery, each attempt shows the timestamp it signed, and
// expanding an attempt shows what the handler answered, as text only.
import { spawn } from 'node:child_process';
import type { Browser } from 'playwright-core';
import { BIN } from '../helpers/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, eventually } from './support/api';
import { launchBrowser, openUi, type UiPage } from './support/browser';
import { startServed, type Served } from './support/serve';
import { fillSendForm, openSender, timeline, waitForDelivery } from './support/sender-page';

const SECRET = 'whsec_sender_response_e2e';
const BODY = 'bad signature <img src=x onerror="window.__pwned=1"><b>bold</b>';
const WAIT = { timeout: 15_000 };

let served: Served;
let browser: Browser;
let ui: UiPage;
const page = () => ui.page;

beforeAll(async () => {
  served = await startServed();
  browser = await launchBrowser();
  ui = await openUi(browser, served.uiUrl);
  // The handler: an endpoint of the app's own capture server that refuses every request with 401 and a body.
  await api(served, 'endpoints.create', {
    slug: 'deny',
    rule: { status: 401, body: BODY, headers: [['X-Reason', 'signature']] },
  });
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('the Sender timeline shows what the handler answered', () => {
  it("sends in LRDefender's plain form with provider timestamps; expanding attempt #1 reads the handler's 401 body as text", async () => {
    await openSender(page());
    await fillSendForm(page(), {
      provider: 'lrdefender',
      event: 'device.new',
      url: `${served.captureUrl}deny/webhook`,
      secret: SECRET,
      speed: '3600×',
    });
    await page().locator('select[name="signatureForm"]').selectOption('plain');
    await page().getByRole('radio', { name: 'Provider schedule' }).click();
    await expect.poll(() => page().getByTestId('timestamps-meaning').textContent(), WAIT).toContain('may reject');
    await page().getByRole('button', { name: 'Send', exact: true }).click();
    const id = await eventually(async () => {
      const [newest] = await api(served, 'deliveries.list', { limit: 1 });
      return newest?.result.deliveryId;
    }, 'the delivery started by Send');
    await waitForDelivery(page(), id, 'failed');

    const stored = await api(served, 'deliveries.get', { id });
    expect(stored.result).toMatchObject({ signatureForm: 'plain', timestamps: 'provider' });
    expect(stored.result.attempts).toHaveLength(6);
    // The plain form signs no timestamp: every attempt says so.
    expect(stored.result.attempts.every((a) => a.signedTimestamp === null)).toBe(true);
    await expect
      .poll(() => timeline(page()).textContent(), WAIT)
      .toContain('signs plain with provider-schedule timestamps');

    const expand = timeline(page()).getByRole('button', { name: /#1$/ });
    expect(await expand.getAttribute('aria-expanded')).toBe('false');
    await expand.click();
    const response = timeline(page()).getByTestId('attempt-response');
    await response.waitFor(WAIT);
    expect(await response.getByTestId('response-status').textContent()).toBe('401');
    expect(await response.getByTestId('response-body').textContent()).toBe(BODY);
    expect(await response.textContent()).toContain('signature'); // the X-Reason header's value
    // Outside data, drawn as text: no element came from the body, no script ran.
    expect(await response.locator('img, b').count()).toBe(0);
    expect(await page().evaluate('window.__pwned')).toBeUndefined();
    await expand.click();
    await expect.poll(() => timeline(page()).getByTestId('attempt-response').count(), WAIT).toBe(0);
  });

  it('with real timestamps, each attempt shows the timestamp it signed, and a warning names what attempts share', async () => {
    await fillSendForm(page(), {
      provider: 'prynt',
      url: `${served.captureUrl}deny/webhook`,
      secret: SECRET,
      speed: '3600×',
    });
    await page().getByRole('radio', { name: 'Real clock' }).click();
    await page().getByRole('button', { name: 'Send', exact: true }).click();
    const id = await eventually(async () => {
      const [newest] = await api(served, 'deliveries.list', { limit: 1 });
      return newest?.result.provider === 'prynt' ? newest.result.deliveryId : undefined;
    }, 'the Prynt delivery');
    // Prynt waits 5 min, then 30 min: at 3600x, 83 ms and 0.5 s of real time.
    await waitForDelivery(page(), id, 'failed');
    const stored = await api(served, 'deliveries.get', { id });
    const signed = stored.result.attempts.map((a) => String(a.signedTimestamp));
    const cells = await timeline(page())
      .locator('table.attempts tbody tr[data-n]')
      .evaluateAll((trs) => trs.map((tr) => tr.children[3].textContent));
    expect(cells).toEqual(signed);
    const shared = stored.result.warnings;
    if (new Set(signed).size < signed.length) {
      // Sent within one real second: the warning is on the timeline.
      expect(shared.length).toBeGreaterThan(0);
      await expect
        .poll(() => timeline(page()).getByTestId('signing-warning').first().textContent(), WAIT)
        .toContain('signed the same timestamp');
    } else {
      expect(shared).toEqual([]);
    }
  });

  it('an attempt past due that a dead `send` still holds says so instead of counting down from 0.0 s, and goes out overdue when serve takes it', async () => {
    // A `hookscope send` at 1x on the same data folder: LRDefender waits 1 s after attempt 1. Killed then (no Ctrl-C:
    // it cannot hand over), it leaves attempt 2 held until 10 s after its due time; serve takes it over then.
    const child = spawn(process.execPath, [
      BIN,
      'send',
      '--provider',
      'lrdefender',
      '--event',
      'device.new',
      '--url',
      `${served.captureUrl}deny/webhook`,
      '--secret',
      SECRET,
      '--data',
      served.dataDir,
    ]);
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        out += d;
        if (/^attempt 2 in 1 s provider time/m.test(out)) resolve();
      });
      child.on('exit', () => reject(new Error(`send ended early: ${out}`)));
    });
    child.kill('SIGKILL');
    const id = Number((await api(served, 'deliveries.list', { limit: 1 }))[0].result.deliveryId);

    await page().reload();
    await openSender(page());
    await timeline(page())
      .and(page().locator(`[data-delivery-id="${id}"]`))
      .waitFor(WAIT);
    const next = timeline(page()).getByTestId('next-step');
    await expect
      .poll(() => next.textContent(), WAIT)
      .toMatch(/was due .* ago and has not gone out\. A `hookscope send` run holds it until/);
    expect(await next.textContent()).not.toContain('due in 0.0 s');

    // Its hold runs out: serve sends it, late, and the timeline labels it overdue, not early.
    await expect
      .poll(() => timeline(page()).locator('tr[data-n="2"]').textContent(), { timeout: 30_000 })
      .toMatch(/sent overdue \(\d+(\.\d)? s late\)/);
    expect(await timeline(page()).locator('tr[data-n="2"]').textContent()).not.toContain('sent early');
  });
});
