/**
 * The Sender tells the truth, in a real browser against a real `serve`:
 * an untouched sample goes out with the send's time and the webhook's own
 * id (shown, and the same on the next send to that URL), and a ClickDefender
 * payload sent exactly as typed is warned about until it is compacted.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, eventually } from './support/api';
import { launchBrowser, openUi, type UiPage } from './support/browser';
import { startServed, type Served } from './support/serve';
import { fillSendForm, openSender, waitForDelivery } from './support/sender-page';

const SECRET = 'whsec_sender_truth_secret';
const WAIT = { timeout: 15_000 };

let served: Served;
let browser: Browser;
let ui: UiPage;
const page = () => ui.page;
const url = (slug: string) => `${served.captureUrl}${slug}/webhook`;

async function handler(slug: string, provider: string): Promise<void> {
  await api(served, 'endpoints.create', { slug });
  await api(served, 'endpoints.bind', { slug, provider, secrets: [SECRET] });
}

let lastDelivery = 0;
async function send(): Promise<number> {
  await page().getByRole('button', { name: 'Send', exact: true }).click();
  const id = await eventually(async () => {
    const [newest] = await api(served, 'deliveries.list', { limit: 1 });
    return newest && newest.result.deliveryId > lastDelivery ? newest.result.deliveryId : undefined;
  }, 'the delivery started by Send');
  lastDelivery = id;
  return id;
}

async function bodiesOf(
  slug: string,
  count: number,
): Promise<{ text: string; status: string | null; form: string | undefined }[]> {
  const list = await eventually(async () => {
    const l = (await api(served, 'captures.list', { endpoint: slug })).sort((a, b) => a.id - b.id);
    return l.length === count && l.every((c) => c.signatureStatus !== null) ? l : undefined;
  }, `${count} verified captures of ${slug}`);
  return Promise.all(
    list.map(async (c) => {
      const detail = await api(served, 'captures.get', { id: c.id });
      const body = await api(served, 'captures.body', { id: c.id });
      return {
        text: Buffer.from(body.bodyBase64, 'base64').toString('utf8'),
        status: c.signatureStatus,
        form: detail.signature?.matchedForm,
      };
    }),
  );
}

beforeAll(async () => {
  served = await startServed();
  browser = await launchBrowser();
  ui = await openUi(browser, served.uiUrl);
  await openSender(page());
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('the Sender tells the truth', () => {
  it("shows the webhook's id; two sends to one URL carry it, with the send's own time", async () => {
    await handler('prynt-truth', 'prynt');
    await fillSendForm(page(), {
      provider: 'prynt',
      event: 'verdict.block',
      seed: '7',
      url: url('prynt-truth'),
      secret: SECRET,
    });
    const before = Date.now();
    const first = await send();
    await waitForDelivery(page(), first, 'delivered');
    const shown = await page().getByTestId('send-webhook-id-value').textContent();
    expect(shown).toMatch(/^wh_[A-Za-z0-9]{13}$/);
    const second = await send();
    await waitForDelivery(page(), second, 'delivered');
    expect(await page().getByTestId('send-webhook-id-value').textContent()).toBe(shown);
    const [a, b] = await bodiesOf('prynt-truth', 2);
    for (const capture of [a, b]) {
      const event = JSON.parse(capture.text) as { webhookId: string; createdAt: string };
      expect(event.webhookId).toBe(shown);
      expect(Date.parse(event.createdAt)).toBeGreaterThanOrEqual(before);
      expect(capture.status).toBe('valid');
    }
    expect(JSON.parse(a.text).eventId).toBe(JSON.parse(b.text).eventId); // the same seed: the same content, at another moment
  });

  it('warns that ClickDefender handlers disagree on a payload sent exactly as typed, and Compact fixes it', async () => {
    await handler('cd-truth', 'clickdefender');
    await fillSendForm(page(), {
      provider: 'clickdefender',
      event: 'high_risk_visitor',
      url: url('cd-truth'),
      secret: SECRET,
    });
    const warning = page().getByTestId('payload-canonical-warning');
    expect(await warning.count()).toBe(0); // sent compact unless told otherwise
    await page().locator('input[name="exact"]').check();
    await warning.waitFor(WAIT);
    expect(await warning.textContent()).toMatch(
      /Node example verifies JSON\.stringify\(req\.body\), the Python one the raw text.*pretty-printed/,
    );
    await page().getByTestId('payload-compact').click();
    await expect.poll(() => warning.count(), WAIT).toBe(0);
    const id = await send();
    await waitForDelivery(page(), id, 'delivered');
    const [capture] = await bodiesOf('cd-truth', 1);
    expect(capture.text).toBe(JSON.stringify(JSON.parse(capture.text)));
    expect(capture.status).toBe('valid');
  });
});
