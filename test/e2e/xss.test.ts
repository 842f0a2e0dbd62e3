import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../helpers/raw-http';
import { api } from './support/api';
import { launchBrowser, openUi, type UiPage } from './support/browser';
import { startServed, type Served } from './support/serve';
import { snap } from './support/screenshots';
import { FORBIDDEN_SELECTOR, XSS_PAYLOADS } from './support/xss-corpus';

let served: Served;
let browser: Browser;
let ui: UiPage;
const dialogs: string[] = [];
let navigations = 0;
let startUrl = '';

/** Percent-encodes what a request line cannot carry raw (and, for a query value, its separators); keeps <>"'{} raw. */
function encodeTarget(text: string, querySeparators: boolean): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const ch = String.fromCharCode(byte);
    const unsafe =
      byte <= 0x20 || byte >= 0x7f || ch === '%' || ch === '#' || ch === '?' || (querySeparators && '&=+'.includes(ch));
    out += unsafe ? `%${byte.toString(16).toUpperCase().padStart(2, '0')}` : ch;
  }
  return out;
}

/** Sends one request with the payload in its path, query, a header and the body, byte for byte. */
async function sendPayload(port: number, index: number, payload: string, hostHeader?: string): Promise<number | null> {
  const json = index % 2 === 0;
  const body = Buffer.from(
    json ? JSON.stringify({ [payload]: payload, nested: { value: payload, list: [payload] } }) : payload,
    'utf8',
  );
  const headerValue = Buffer.from(payload.replace(/[\0\r\n]/g, ''), 'utf8');
  const target = `/default/xss/${index}/${encodeTarget(payload, false)}?q=${encodeTarget(payload, true)}&raw=${encodeTarget(payload, false)}`;
  const head = Buffer.from(
    `POST ${target} HTTP/1.1\r\nHost: ${hostHeader ?? `127.0.0.1:${port}`}\r\nContent-Type: ${json ? 'application/json' : 'text/html'}\r\n` +
      `Content-Length: ${body.length}\r\nConnection: close\r\nX-Payload: `,
    'latin1',
  );
  const answer = await rawRequest(port, [Buffer.concat([head, headerValue, Buffer.from('\r\n\r\n', 'latin1'), body])]);
  return answer.status;
}

/** What a payload turned into markup would leave in the page. */
function findings(page: Page): Promise<{ flag: unknown; forbidden: string[]; handlers: string[]; scripts: number }> {
  return page.locator('html').evaluate((html, selector) => {
    const doc = html.ownerDocument;
    const all: { attributes: { name: string }[]; outerHTML: string }[] = [...doc.querySelectorAll('*')];
    return {
      flag: doc.defaultView.__xss,
      forbidden: [...doc.querySelectorAll(selector)].map((el) => el.outerHTML.slice(0, 120)),
      handlers: all
        .filter((el) => [...el.attributes].some((a) => a.name.toLowerCase().startsWith('on')))
        .map((el) => el.outerHTML.slice(0, 120)),
      scripts: doc.scripts.length,
    };
  }, FORBIDDEN_SELECTOR);
}

/** Nothing a payload could do has happened: no flag, no dialog, no navigation, no element made from captured text. */
async function expectClean(page: Page, where: string): Promise<void> {
  const state = await findings(page);
  expect({ where, ...state, dialogs, navigations, url: page.url() }).toEqual({
    where,
    flag: undefined,
    forbidden: [],
    handlers: [],
    scripts: 1,
    dialogs: [],
    navigations: 0,
    url: startUrl,
  });
}

beforeAll(async () => {
  served = await startServed();
  const port = Number(new URL(served.captureUrl).port);
  await api(served, 'endpoints.create', {
    slug: 'xss-rule',
    rule: {
      body: '<img id="xss-rule" src=x onerror="window.__xss=100">',
      headers: [['X-Rule', '<svg id="xss-rule-h" onload="window.__xss=101">']],
    },
  });
  const statuses: (number | null)[] = [];
  for (const [i, payload] of XSS_PAYLOADS.entries()) statuses.push(await sendPayload(port, i, payload));
  statuses.push(
    await sendPayload(port, XSS_PAYLOADS.length, 'host header', '"><img id=xss-host src=x onerror=window.__xss=102>'),
  );
  const ruleAnswer = await rawRequest(port, [
    `POST /xss-rule/hook HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
  ]);
  statuses.push(ruleAnswer.status);
  expect(statuses.every((s) => s === 200)).toBe(true);

  browser = await launchBrowser();
  ui = await openUi(browser, served.uiUrl);
  startUrl = ui.page.url();
  ui.page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  ui.page.on('framenavigated', (frame) => {
    if (frame === ui.page.mainFrame()) navigations++;
  });
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('captured content is data, never markup', () => {
  it(`holds a corpus of ${XSS_PAYLOADS.length} payloads`, () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(30);
  });

  it('would notice a payload turned into markup (the check itself works)', async () => {
    const probe = await ui.context.newPage();
    await probe.goto(served.uiUrl);
    await probe.locator('.topbar').waitFor();
    await probe.locator('body').evaluate((body, html) => {
      const div = body.ownerDocument.createElement('div');
      div.innerHTML = html;
      body.append(div);
    }, XSS_PAYLOADS[1]);
    const found = await findings(probe);
    expect(found.forbidden).toEqual(['<img id="xss-img" src="x" onerror="window.__xss=2">']);
    expect(found.handlers).toHaveLength(1);
    await probe.close();
  });

  it('renders the list of hostile captures as text', async () => {
    const total = XSS_PAYLOADS.length + 2;
    expect((await api(served, 'captures.list', { limit: 100 })).length).toBe(total);
    await ui.page.locator('.grid-row[data-id]').first().waitFor();
    await ui.page.waitForTimeout(300);
    await expectClean(ui.page, 'list');
  });

  it('opens every hostile capture in every body view, the curl dialog and the response, and nothing runs', async () => {
    const ids = (await api(served, 'captures.list', { limit: 100 })).map((c) => c.id);
    await ui.page.locator(`.grid-row[data-id="${ids[0]}"]`).click();
    for (const [n, id] of ids.entries()) {
      if (n > 0) {
        await ui.page.keyboard.press('j');
        await ui.page.keyboard.press('Enter');
      }
      const detail = ui.page.locator(`.detail[data-capture-id="${id}"]`);
      await detail.locator('[data-section="body"] .section-body').waitFor();
      for (const tab of await detail.getByRole('tab').all()) await tab.click();
      const response = detail.locator('details.response-detail');
      if (await response.count()) await response.locator('summary').click();
      await detail.getByRole('button', { name: 'Copy as cURL' }).click();
      await ui.page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
      await expectClean(ui.page, `capture ${id}`);
    }
  }, 180_000); // ~46 captures, each in every view: seconds alone, longer beside the rest of the suite

  it('shows each payload verbatim as text in the headers, query and body', async () => {
    const list = await api(served, 'captures.list', { limit: 100 });
    const sample = XSS_PAYLOADS.findIndex((p) => p.startsWith('<img id="xss-img"'));
    const target = list.find((c) => c.path.startsWith(`/default/xss/${sample}/`));
    expect(target).toBeDefined();
    await ui.page.locator(`.grid-row[data-id="${target!.id}"]`).click();
    const detail = ui.page.locator(`.detail[data-capture-id="${target!.id}"]`);
    await detail.locator('[data-section="body"] .section-body').waitFor();
    const payload = XSS_PAYLOADS[sample];
    const headerValue = await detail
      .locator('table.headers tr', { hasText: 'X-Payload' })
      .locator('.kv-value')
      .textContent();
    expect(headerValue).toBe(payload);
    expect(await detail.locator('table.query tr').first().locator('.kv-value').textContent()).toBe(payload);
    expect(await detail.getByTestId('body-text').textContent()).toBe(payload); // odd payloads went as text/html bodies
    await snap(ui.page, 'xss-detail');
    await expectClean(ui.page, 'verbatim');
  });

  it('searches hostile text without running it, and the endpoint editor shows a hostile rule as text', async () => {
    await ui.page.keyboard.press('/');
    await ui.page.keyboard.type('script');
    await ui.page.waitForTimeout(600);
    await expectClean(ui.page, 'search');
    await ui.page.getByRole('button', { name: 'Endpoints' }).click();
    await ui.page.locator('tr[data-slug="xss-rule"]').click();
    expect(await ui.page.locator('textarea[name="body"]').inputValue()).toBe(
      '<img id="xss-rule" src=x onerror="window.__xss=100">',
    );
    await expectClean(ui.page, 'endpoints');
    expect(ui.problems).toEqual([]);
  });
});
