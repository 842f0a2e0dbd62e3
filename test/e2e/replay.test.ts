import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { api, eventually } from './support/api';
import { launchBrowser, openUi, type UiPage } from './support/browser';
import { curl } from './support/curl';
import {
  detailAction,
  goTo,
  headerRowsShown,
  openCapture,
  replayForm,
  replayFromDetail,
  rowByPath,
  sendReplay,
  setEditorText,
} from './support/replay-page';
import { startServed, type Served } from './support/serve';
import { snap } from './support/screenshots';

const WAIT = { timeout: 15_000 };
const SECRET = 'prynt_test_secret';
/** What the handler endpoint answers: markup that must stay text in the response view. */
const HANDLER_BODY = '<img src=x onerror="window.__replayXss=1"><b>handled</b>';

let served: Served;
let browser: Browser;
let ui: UiPage;

const field = (name: string) => replayForm(ui.page).locator(`[name="${name}"]`);
const history = () => ui.page.locator('table[aria-label="Replay history"] tbody tr');

async function capturesOf(endpoint: string) {
  return api(served, 'captures.list', { endpoint });
}

beforeAll(async () => {
  served = await startServed();
  await api(served, 'endpoints.create', { slug: 'shop' });
  await api(served, 'endpoints.create', {
    slug: 'handler',
    rule: { status: 201, headers: [['Content-Type', 'text/html']], body: HANDLER_BODY },
  });
  for (const slug of ['prynt-in', 'prynt-out']) {
    await api(served, 'endpoints.create', { slug });
    await api(served, 'endpoints.bind', { slug, provider: 'prynt', secrets: [SECRET] });
  }
  browser = await launchBrowser();
  ui = await openUi(browser, served.uiUrl);
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('replay in the browser', () => {
  it('replays an edited capture to another endpoint: the new capture arrives and the replay shows in the history, live', async () => {
    const sent = await curl([
      '-X',
      'POST',
      `${served.captureUrl}shop/orders?x=1`,
      '-H',
      'Content-Type: application/json',
      '-H',
      'X-Trace: one',
      '--data-binary',
      JSON.stringify({ order: { id: 'ord_1', qty: 2 } }),
    ]);
    expect(sent.status).toBe(200);
    const id = await openCapture(ui.page, '/shop/orders');
    await replayFromDetail(ui.page, id);
    await ui.page.locator('[data-testid="history-empty"]').waitFor(WAIT);

    const detail = await api(served, 'captures.get', { id });
    expect(await headerRowsShown(ui.page)).toEqual(detail.headers);
    expect(await field('method').inputValue()).toBe('POST');
    // Host and Content-Length are listed but marked: the client sets them.
    const hostRow = ui.page.locator('table[aria-label="Headers to send"] tr.not-sent');
    expect(await hostRow.count()).toBeGreaterThanOrEqual(2);

    await field('url').fill(`${served.captureUrl}handler/orders?x=1`);
    const traceAt = detail.headers.findIndex(([n]) => n === 'X-Trace');
    await ui.page.getByLabel(`Header ${traceAt + 1} value`).fill('replayed');
    const edited = JSON.stringify({ order: { id: 'ord_1', qty: 5 }, replayed: true });
    await setEditorText(ui.page, ui.page.locator('.replay-body'), edited);
    expect(await ui.page.locator('[data-field="body"] .field-hint').textContent()).toContain('edited');

    const replayId = await sendReplay(ui.page);
    const response = ui.page.locator('[data-testid="replay-response"]');
    expect(await response.getAttribute('data-ok')).toBe('true');
    expect(await ui.page.locator('[data-testid="replay-status"]').textContent()).toBe('201');
    expect(await ui.page.locator('.replay-meta').textContent()).toContain('edited');
    // The handler's answer is markup: shown as text, never run.
    await ui.page.getByRole('tab', { name: 'Text' }).click();
    expect(await ui.page.locator('.response-body [data-testid="body-text"]').textContent()).toBe(HANDLER_BODY);
    expect(
      await ui.page.evaluate(() => (globalThis as unknown as { __replayXss?: number }).__replayXss),
    ).toBeUndefined();
    expect(await ui.page.locator('.response-body img').count()).toBe(0);

    // The history row arrives through 'replays.added'.
    await ui.page
      .locator(`table[aria-label="Replay history"] tr[data-replay-id="${replayId}"][data-kind="replay"]`)
      .waitFor(WAIT);
    expect(await history().count()).toBe(1);

    const [arrived] = await eventually(
      async () => ((await capturesOf('handler')).length === 1 ? capturesOf('handler') : undefined),
      'the replayed capture',
    );
    const got = await api(served, 'captures.get', { id: arrived.id });
    expect(got.path).toBe('/handler/orders');
    expect(got.query).toBe('x=1');
    expect(got.headers).toContainEqual(['X-Trace', 'replayed']);
    expect(Buffer.from(got.bodyBase64, 'base64').toString()).toBe(edited);
    await snap(ui.page, 'replay-screen');

    await goTo(ui.page, 'Captures');
    await rowByPath(ui.page, '/handler/orders').waitFor(WAIT);
    expect(ui.problems).toEqual([]);
  });

  it('shows why a replay failed: the error kind, no status, and the failed row in the history', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    await goTo(ui.page, 'Replay');
    await replayForm(ui.page).waitFor(WAIT);

    await field('url').fill(`http://127.0.0.1:${port}/nobody-home`);
    const failed = await sendReplay(
      ui.page,
      Number(await ui.page.locator('[data-testid="replay-response"]').getAttribute('data-replay-id')),
    );
    expect(await ui.page.locator('[data-testid="replay-response"]').getAttribute('data-ok')).toBe('false');
    expect(await ui.page.locator('[data-testid="replay-status"]').textContent()).toBe('no answer');
    expect(await ui.page.locator('[data-testid="replay-error-kind"]').textContent()).toMatch(/^connection-refused: /);
    const row = ui.page.locator(`table[aria-label="Replay history"] tr[data-replay-id="${failed}"]`);
    await row.waitFor(WAIT);
    expect(await row.locator('.badge').textContent()).toBe('connection-refused');
    // A bad URL is caught next to its field, before anything is sent.
    await field('url').fill('ftp://example.test/x');
    await replayForm(ui.page).getByRole('button', { name: 'Send', exact: true }).click();
    expect(await replayForm(ui.page).locator('[data-field="url"] .field-error').textContent()).toBe(
      'an http or https URL',
    );
    expect(await history().count()).toBe(2);
    await snap(ui.page, 'replay-failed');
  });

  it('turns live forwarding on and off: a forward shows in the history of the capture it carried', async () => {
    await goTo(ui.page, 'Replay');
    const forward = ui.page.locator('form[aria-label="Live forwarding of shop"]');
    await forward.waitFor(WAIT);
    expect(await ui.page.locator('[data-testid="forward-state"]').getAttribute('data-on')).toBe('false');
    await forward.locator('[name="forwardUrl"]').fill(`${served.captureUrl}handler`);
    await forward.getByLabel('Proxy').check();
    await forward.getByRole('button', { name: 'Forward', exact: true }).click();
    await ui.page.locator('[data-testid="forward-state"][data-on="true"]').waitFor(WAIT);
    const shop = (await api(served, 'endpoints.list', {})).find((e) => e.slug === 'shop');
    expect(shop).toMatchObject({ forwardUrl: `${served.captureUrl}handler`, forwardMode: 'proxy' });
    await snap(ui.page, 'replay-forwarding');

    // Proxy mode: the sender gets the handler's answer.
    const res = await curl([
      '-X',
      'POST',
      `${served.captureUrl}shop/live?n=7`,
      '-H',
      'Content-Type: application/json',
      '--data-binary',
      '{"live":true}',
    ]);
    expect(res.status).toBe(201);
    expect(res.body).toBe(HANDLER_BODY);
    const forwarded = await eventually(
      async () => (await capturesOf('handler')).find((c) => c.path === '/handler/live'),
      'the forwarded capture',
    );
    expect((await api(served, 'captures.get', { id: forwarded.id })).query).toBe('n=7');

    const live = await openCapture(ui.page, '/shop/live');
    await replayFromDetail(ui.page, live);
    await ui.page.locator('table[aria-label="Replay history"] tr[data-kind="forward"]').waitFor(WAIT);
    await history().first().click();
    expect(await ui.page.locator('[data-section="response"] .section-toggle').textContent()).toMatch(/^Forward #\d+/);
    // The default target is now the endpoint's forward URL with the capture's path suffix and query.
    expect(await field('url').inputValue()).toBe(`${served.captureUrl}handler/live?n=7`);

    await ui.page
      .locator('form[aria-label="Live forwarding of shop"]')
      .getByRole('button', { name: 'Turn off' })
      .click();
    await ui.page.locator('[data-testid="forward-state"][data-on="false"]').waitFor(WAIT);
    expect((await api(served, 'endpoints.list', {})).find((e) => e.slug === 'shop')?.forwardUrl).toBeNull();
  });

  it('re-signs a stale Prynt capture: the replay without re-signing is warned about and stays stale, the re-signed one is valid', async () => {
    const body = JSON.stringify({ eventId: 'evt_stale_1', eventType: 'visitor.new', data: { visitorId: 'pv_1' } });
    const old = Math.floor(Date.now() / 1000) - 3600;
    const signed = await runCli(
      ['sign', '--provider', 'prynt', '--secret', SECRET, '--timestamp', String(old), '--json'],
      body,
    );
    expect(signed.code).toBe(0);
    const headers = (JSON.parse(signed.stdout) as { headers: [string, string][] }).headers;
    const res = await curl([
      '-X',
      'POST',
      `${served.captureUrl}prynt-in/events`,
      '-H',
      'Content-Type: application/json',
      '-H',
      'X-Prynt-Event: visitor.new',
      ...headers.flatMap(([n, v]) => ['-H', `${n}: ${v}`]),
      '--data-binary',
      body,
    ]);
    expect(res.status).toBe(200);
    const original = await eventually(
      async () => (await capturesOf('prynt-in')).find((c) => c.signatureStatus === 'stale'),
      'a stale verdict',
    );

    await openCapture(ui.page, '/prynt-in/events');
    expect(await ui.page.locator('.detail-head .badge').textContent()).toBe('stale');
    await replayFromDetail(ui.page, original.id);
    await ui.page.locator('[data-testid="stale-warning"]').waitFor(WAIT);
    expect(await ui.page.locator('[data-testid="stale-warning"]').textContent()).toContain(
      'already stale when it arrived',
    );
    await field('url').fill(`${served.captureUrl}prynt-out/events`);

    const plain = await sendReplay(ui.page);
    expect(await ui.page.locator('[data-testid="replay-warning"]').textContent()).toContain(
      'outside its 300 s tolerance',
    );
    await field('resign').check();
    expect(await ui.page.locator('[data-testid="stale-warning"]').count()).toBe(0);
    await field('secret').fill(SECRET);
    await snap(ui.page, 'replay-resign');
    const resigned = await sendReplay(ui.page, plain);
    expect(await ui.page.locator('.replay-meta').textContent()).toContain('re-signed (prynt/default');
    expect(await ui.page.locator('[data-testid="replay-warning"]').count()).toBe(0);
    await ui.page.locator(`table[aria-label="Replay history"] tr[data-replay-id="${resigned}"]`).waitFor(WAIT);
    expect(await history().count()).toBe(2);

    const out = await eventually(async () => {
      const list = await capturesOf('prynt-out');
      return list.length === 2 && list.every((c) => c.signatureStatus) ? list : undefined;
    }, 'both replays verified');
    const [again, first] = out;
    expect(first.signatureStatus).toBe('stale');
    expect(again.signatureStatus).toBe('valid');

    await openCapture(ui.page, '/prynt-out/events');
    await ui.page.locator(`.detail[data-capture-id="${again.id}"] .detail-head .badge-valid`).waitFor(WAIT);
    expect(await ui.page.locator(`.grid-row[data-id="${original.id}"] .c-sig`).textContent()).toBe('stale');
    expect(await ui.page.locator(`.grid-row[data-id="${again.id}"] .c-sig`).textContent()).toBe('valid');
    await snap(ui.page, 'replay-resigned-valid');
  });

  it('diffs two captures: header changes and the JSON body diff, as text', async () => {
    await curl([
      '-X',
      'POST',
      `${served.captureUrl}shop/diff-a`,
      '-H',
      'Content-Type: application/json',
      '-H',
      'X-Trace: one',
      '-H',
      'X-Old: gone',
      '--data-binary',
      JSON.stringify({ order: { id: 'ord_9', qty: 2 }, marker: 'zebra' }),
    ]);
    await curl([
      '-X',
      'PUT',
      `${served.captureUrl}shop/diff-a`,
      '-H',
      'Content-Type: application/json',
      '-H',
      'X-Trace: two',
      '-H',
      'X-New: yes',
      '--data-binary',
      JSON.stringify({ order: { id: 'ord_9', qty: 3, note: 'gift' } }),
    ]);
    const [b, a] = (await capturesOf('shop')).filter((c) => c.path === '/shop/diff-a');
    await goTo(ui.page, 'Captures');
    await ui.page.locator(`.grid-row[data-id="${a.id}"]`).click();
    await ui.page.locator(`.detail[data-capture-id="${a.id}"] [data-section="body"]`).waitFor(WAIT);
    await detailAction(ui.page, 'Diff…');
    const dialog = ui.page.getByRole('dialog', { name: `Diff capture #${a.id}` });
    await dialog.locator('[name="diffOther"]').fill(String(b.id));
    await dialog.getByRole('button', { name: 'Compare' }).click();
    const text = dialog.locator('[data-testid="diff-text"]');
    await text.waitFor(WAIT);
    const lines = (await text.textContent())!.split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        `--- capture #${a.id}`,
        `+++ capture #${b.id}`,
        '- method: POST',
        '+ method: PUT',
        '- X-Trace: one',
        '+ X-Trace: two',
        '+ X-New: yes',
        '- X-Old: gone',
        '## Body: JSON, 3 changes',
        '- $.order.qty: 2',
        '+ $.order.qty: 3',
        '+ $.order.note: "gift"',
        '- $.marker: "zebra"',
      ]),
    );
    const diff = await api(served, 'captures.diff', { a: a.id, b: b.id });
    expect(diff.body).toMatchObject({ kind: 'json' });
    await snap(ui.page, 'capture-diff');

    await dialog.getByRole('button', { name: 'Swap' }).click();
    await expect.poll(async () => (await text.textContent())!.split('\n')[0], WAIT).toBe(`--- capture #${b.id}`);
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(ui.problems).toEqual([]);
  });

  it('exports this capture as HAR and the listed captures as NDJSON, downloaded as files', async () => {
    const id = await openCapture(ui.page, '/shop/orders');
    await detailAction(ui.page, 'Export…');
    const dialog = ui.page.getByRole('dialog', { name: 'Export' });
    const [har] = await Promise.all([
      ui.page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Download HAR' }).click(),
    ]);
    expect(har.suggestedFilename()).toBe(`hookscope-capture-${id}.har`);
    const doc = JSON.parse(readFileSync(await har.path(), 'utf8')) as {
      log: { version: string; entries: { request: { url: string; method: string } }[] };
    };
    expect(doc.log.version).toBe('1.2');
    expect(doc.log.entries).toHaveLength(1);
    expect(doc.log.entries[0].request).toMatchObject({ method: 'POST', url: `${served.captureUrl}shop/orders?x=1` });
    await dialog.locator('[data-testid="export-saved"]').waitFor(WAIT);

    const listed = await ui.page.locator('.grid-row[data-id]').count();
    await dialog.getByLabel(/captures the list shows/).check();
    await snap(ui.page, 'capture-export');
    const [nd] = await Promise.all([
      ui.page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Download NDJSON' }).click(),
    ]);
    expect(nd.suggestedFilename()).toBe(`hookscope-${listed}-captures.ndjson`);
    const records = readFileSync(await nd.path(), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type?: string; kind?: string });
    const expected = (
      await api(served, 'export.ndjson', { ids: (await api(served, 'captures.list', {})).map((c) => c.id) })
    ).text
      .trim()
      .split('\n');
    expect(records).toHaveLength(expected.length);
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(ui.problems).toEqual([]);
  });
});
