import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, eventually } from './support/api';
import { launchBrowser, openUi, type UiPage } from './support/browser';
import { curl } from './support/curl';
import { startServed, type Served } from './support/serve';
import { snap } from './support/screenshots';

const ORDER = { order: { id: 'ord_123', items: [{ sku: 'A-1', qty: 2 }] }, marker: 'zebra' };
const GZIPPED = { event: 'invoice.paid', data: { amount: 4200, currency: 'eur' }, note: 'compressed on the wire' };
const PNG_HEAD = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
]);
const BINARY = Buffer.concat([PNG_HEAD, Buffer.from([0x00, 0xff, 0xfe, 0x27, 0x5c, 0x0a, 0x41, 0x42])]);

const WAIT = { timeout: 10_000 };

let served: Served;
let browser: Browser;
let ui: UiPage;
let navigations = 0;

const rows = () => ui.page.locator('.grid-row[data-id]');
const rowByPath = (path: string) =>
  ui.page.locator('.grid-row[data-id]', { has: ui.page.locator('.c-path', { hasText: path }) });

async function openRow(path: string): Promise<number> {
  const row = rowByPath(path).first();
  const id = Number(await row.getAttribute('data-id'));
  await row.click();
  await ui.page.locator(`.detail[data-capture-id="${id}"] [data-section="body"]`).waitFor();
  return id;
}

function bash(command: string): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile('/bin/bash', ['-c', command], (error, stdout, stderr) =>
      error ? reject(new Error(stderr || error.message)) : resolve(stdout),
    ),
  );
}

beforeAll(async () => {
  served = await startServed();
  browser = await launchBrowser();
  ui = await openUi(browser, served.uiUrl);
  ui.page.on('framenavigated', (frame) => {
    if (frame === ui.page.mainFrame()) navigations++;
  });
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('captures in the browser', () => {
  it('teaches where to send the first webhook', async () => {
    const empty = ui.page.locator('.empty');
    await empty.waitFor();
    expect(await empty.textContent()).toContain(served.captureUrl);
    expect(await empty.locator('pre').textContent()).toBe(
      `curl -X POST ${served.captureUrl}default/hello -H 'Content-Type: application/json' -d '{"hello":"world"}'`,
    );
    await snap(ui.page, 'captures-empty');
  });

  it('shows webhooks sent with curl as they arrive, without a reload', async () => {
    const first = await curl([
      '-X',
      'POST',
      `${served.captureUrl}default/orders?tag=a&tag=b&empty=`,
      '-H',
      'Content-Type: application/json',
      '-H',
      'X-Trace: one',
      '-H',
      'x-trace: two',
      '-H',
      'X-Mixed-Case: Value',
      '--data-binary',
      JSON.stringify(ORDER),
    ]);
    expect(first.status).toBe(200);
    await rowByPath('/default/orders').waitFor();
    expect(await rows().count()).toBe(1);

    await curl(
      [
        '-X',
        'POST',
        `${served.captureUrl}default/gzipped`,
        '-H',
        'Content-Type: application/json',
        '-H',
        'Content-Encoding: gzip',
        '--data-binary',
        '@-',
      ],
      gzipSync(JSON.stringify(GZIPPED)),
    );
    await rowByPath('/default/gzipped').waitFor();
    await curl(
      [
        '-X',
        'PUT',
        `${served.captureUrl}default/binary`,
        '-H',
        'Content-Type: application/octet-stream',
        '--data-binary',
        '@-',
      ],
      BINARY,
    );
    await rowByPath('/default/binary').waitFor();

    expect(await rows().count()).toBe(3);
    expect(await rows().first().locator('.c-method').textContent()).toBe('PUT');
    expect(await rowByPath('/default/orders').locator('.c-status').textContent()).toBe('200');
    expect(navigations).toBe(0);
    await snap(ui.page, 'captures-list');
  });

  it('opens a capture: headers in order with duplicates, repeated query keys, the JSON tree', async () => {
    const id = await openRow('/default/orders');
    const detail = await api(served, 'captures.get', { id });
    const table = ui.page.locator('table.headers[aria-label="Request headers"] tr');
    const shown = await table.evaluateAll((trs) =>
      trs.map((tr) => [tr.children[1].firstChild?.textContent ?? '', tr.children[2].textContent ?? '']),
    );
    expect(shown).toEqual(detail.headers);
    const names = shown.map(([n]) => n);
    expect(names.indexOf('x-trace')).toBe(names.indexOf('X-Trace') + 1);
    expect(shown[names.indexOf('X-Trace')][1]).toBe('one');
    expect(shown[names.indexOf('x-trace')][1]).toBe('two');
    expect(await table.nth(names.indexOf('X-Trace')).locator('.tag').textContent()).toBe('×2');

    const query = await ui.page
      .locator('table.query tr')
      .evaluateAll((trs) => trs.map((tr) => [tr.children[1].textContent, tr.children[2].textContent]));
    expect(query).toEqual([
      ['tag', 'a'],
      ['tag', 'b'],
      ['empty', ''],
    ]);

    const tree = ui.page.locator('[data-testid="json-tree"]');
    await tree.waitFor();
    expect(await tree.textContent()).toContain('ord_123');
    expect(await tree.textContent()).toContain('zebra');
    expect(await ui.page.locator('[data-testid="signature-none"]').textContent()).toContain('No provider detected');
    await snap(ui.page, 'capture-detail');
  });

  it('decodes a gzip body and still shows the bytes as received', async () => {
    await openRow('/default/gzipped');
    expect(await ui.page.locator('[data-testid="body-facts"]').textContent()).toContain('decoded from gzip');
    expect(await ui.page.locator('[data-testid="json-tree"]').textContent()).toContain('compressed on the wire');
    await ui.page.getByRole('tab', { name: 'Text' }).click();
    expect(await ui.page.locator('[data-testid="body-text"]').textContent()).toBe(JSON.stringify(GZIPPED));
    await ui.page.getByRole('tab', { name: 'As received' }).click();
    expect(await ui.page.locator('[data-testid="hex-dump"]').textContent()).toMatch(/^00000000 {2}1f 8b 08/);
  });

  it('shows a binary body as a hex dump', async () => {
    await openRow('/default/binary');
    expect(await ui.page.locator('[data-testid="body-facts"]').textContent()).toContain('binary');
    const dump = (await ui.page.locator('[data-testid="hex-dump"]').textContent()) ?? '';
    expect(dump.split('\n')).toEqual([
      '00000000  89 50 4e 47 0d 0a 1a 0a  00 00 00 0d 49 48 44 52  |.PNG........IHDR|',
      "00000010  00 ff fe 27 5c 0a 41 42                           |...'\\.AB|",
    ]);
    await snap(ui.page, 'capture-detail-binary');
  });

  it('copies a capture as a curl command that sends the same bytes again', async () => {
    const tricky = Buffer.from(
      `it's a \\ back\nslash\t"q" $HOME \`id\` é \u202e mirrored \u0001 ${'{{x}}'}\r\n`,
      'utf8',
    );
    await curl(
      [
        '-X',
        'PATCH',
        `${served.captureUrl}default/tricky?a=1&b=[2]`,
        '-H',
        `X-Quote: it's "quoted" $HOME`,
        '-H',
        'Content-Type: text/plain',
        '--globoff',
        '--data-binary',
        '@-',
      ],
      tricky,
    );
    await rowByPath('/default/tricky').waitFor();
    for (const path of ['/default/tricky', '/default/binary', '/default/orders', '/default/gzipped']) {
      const id = await openRow(path);
      await ui.page.getByRole('button', { name: 'Copy as cURL' }).click();
      const command = await ui.page.locator('.curl-text').inputValue();
      if (path === '/default/binary') await snap(ui.page, 'curl-dialog');
      await ui.page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
      const before = (await api(served, 'captures.list', { limit: 1 }))[0].id;
      await bash(`${command} -s -o /dev/null`);
      const again = await eventually(
        async () => (await api(served, 'captures.list', { limit: 1 })).find((c) => c.id > before),
        'the replayed capture',
      );
      const [original, replayed] = await Promise.all([
        api(served, 'captures.get', { id }),
        api(served, 'captures.get', { id: again.id }),
      ]);
      expect(replayed.method).toBe(original.method);
      expect(replayed.url).toBe(original.url);
      expect(replayed.bodySha256).toBe(original.bodySha256);
      expect(createHash('sha256').update(Buffer.from(replayed.bodyBase64, 'base64')).digest('hex')).toBe(
        original.bodySha256,
      );
      const sorted = (h: [string, string][]) => h.map(([n, v]) => `${n}: ${v}`).sort();
      expect(sorted(replayed.headers)).toEqual(sorted(original.headers));
    }
  });

  it('moves with j/k, opens with Enter, searches with /', async () => {
    const ids = await rows().evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-id'))));
    const selected = () => ui.page.locator('.grid-row.selected').getAttribute('data-id').then(Number);
    await rows().first().click();
    await ui.page.keyboard.press('Escape');
    await ui.page.locator('.detail').waitFor({ state: 'detached' });
    expect(await selected()).toBe(ids[0]);
    await ui.page.keyboard.press('j');
    await ui.page.keyboard.press('j');
    expect(await selected()).toBe(ids[2]);
    await ui.page.keyboard.press('k');
    expect(await selected()).toBe(ids[1]);
    await ui.page.keyboard.press('Enter');
    await ui.page.locator(`.detail[data-capture-id="${ids[1]}"]`).waitFor();

    await ui.page.keyboard.press('/');
    expect(await ui.page.locator('#capture-search').evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await ui.page.keyboard.type('zebra');
    // The order and its curl replay hold the word; the index is built in the background.
    await eventually(
      async () => ((await api(served, 'captures.search', { text: 'zebra' })).length === 2 ? true : undefined),
      'the search index',
    );
    await ui.page.locator('#capture-search').fill('');
    await ui.page.locator('#capture-search').fill('zebra');
    await expect.poll(() => rows().count(), WAIT).toBe(2);
    // The PATH column shows the query string too.
    expect(await rows().locator('.c-path').allTextContents()).toEqual([
      '/default/orders?tag=a&tag=b&empty=',
      '/default/orders?tag=a&tag=b&empty=',
    ]);
    const matchIds = await rows().evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-id'))));
    await ui.page.keyboard.press('Escape'); // leaves the search field
    await ui.page.keyboard.press('Escape'); // closes the detail
    await ui.page.locator('.detail').waitFor({ state: 'detached' });
    await ui.page.keyboard.press('j');
    await ui.page.keyboard.press('Enter');
    const opened = Number(await ui.page.locator('.detail').getAttribute('data-capture-id'));
    expect(matchIds).toContain(opened);
    await ui.page.getByRole('button', { name: 'Clear' }).click();
    await ui.page.keyboard.press('Escape');
  });

  it('filters by method and endpoint', async () => {
    const puts = await api(served, 'captures.list', { method: 'PUT' });
    expect(puts.length).toBe(2); // the binary upload and its curl replay
    await ui.page.getByLabel('Method').selectOption('PUT');
    // The rows themselves, not their count: until the filtered page comes, the list still shows the last one.
    await expect.poll(() => rows().locator('.c-method').allTextContents(), WAIT).toEqual(['PUT', 'PUT']);
    await ui.page.getByLabel('Method').selectOption('');
    await api(served, 'endpoints.create', { slug: 'other' });
    await curl([`${served.captureUrl}other/ping`]);
    await rowByPath('/other/ping').waitFor();
    await ui.page.getByLabel('Endpoint').selectOption('other');
    await expect.poll(() => rows().locator('.c-path').allTextContents(), WAIT).toEqual(['/other/ping']);
    await curl([`${served.captureUrl}default/not-shown`]);
    await curl([`${served.captureUrl}other/shown`]);
    await rowByPath('/other/shown').waitFor();
    expect(await rows().count()).toBe(2);
    await ui.page.getByLabel('Endpoint').selectOption('');
    await rowByPath('/default/not-shown').waitFor();
  });

  it('patches a live row when analysis names its provider, event type and verdict', async () => {
    const event = {
      id: 'evt_1',
      object: 'event',
      type: 'invoice.paid',
      created: Math.floor(Date.now() / 1000),
      data: { object: { id: 'in_1' } },
    };
    await curl([
      '-X',
      'POST',
      `${served.captureUrl}default/stripe-hook`,
      '-H',
      'Content-Type: application/json',
      '-H',
      `Stripe-Signature: t=${event.created},v1=${'0'.repeat(64)}`,
      '--data-binary',
      JSON.stringify(event),
    ]);
    const row = rowByPath('/default/stripe-hook');
    await row.locator('.c-provider', { hasText: 'stripe' }).waitFor();
    expect(await row.locator('.c-event').textContent()).toBe('invoice.paid');
    expect(await row.locator('.c-sig .badge').textContent()).toBe('no secret');
    await openRow('/default/stripe-hook');
    const verdict = ui.page.getByTestId('signature-verdict');
    expect(await verdict.locator('.badge').textContent()).toBe('no secret');
    expect(await verdict.textContent()).toContain('stripe/');
    expect(ui.problems).toEqual([]);
    expect(navigations).toBe(0);
  });
});
