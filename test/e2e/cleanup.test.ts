import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, eventually } from './support/api';
import { launchBrowser, openUi, type UiPage } from './support/browser';
import { curl } from './support/curl';
import { seedCaptures } from './support/seed';
import { startServed, type Served } from './support/serve';
import { snap } from './support/screenshots';
import { tempDir } from '../helpers/temp-dir';

/**
 * Issue 15, items 4 and 6 to 9 in the browser: deleting (one, picked, matching,
 * all, an endpoint) with a confirmation naming the count, import from a file
 * picker, diff of two picked rows, j/k moving the open detail, filters in any
 * case and by prefix, the query and the date in the list, a form body's fields.
 */

const WAIT = { timeout: 15_000 };
const OLD = Date.UTC(2024, 2, 14, 9, 30, 5);

let served: Served;
let browser: Browser;
let ui: UiPage;
const files = tempDir('hookscope-e2e-files-');

const rows = () => ui.page.locator('.grid-row[data-id]');
const rowByPath = (path: string) =>
  ui.page.locator('.grid-row[data-id]', { has: ui.page.locator('.c-path', { hasText: path }) });
const rowIds = () => rows().evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-id'))));
const dialog = () => ui.page.getByRole('dialog');
const total = async () => (await api(served, 'captures.list', { limit: 10_000 })).length;

async function sendPrynt(eventType: string): Promise<void> {
  const before = await total();
  await api(served, 'sender.send', {
    provider: 'prynt',
    eventType,
    url: `${served.captureUrl}prynt/hook`,
    secret: 'whsec_e2e',
  });
  await eventually(async () => ((await total()) > before ? true : undefined), `the ${eventType} capture`);
}

beforeAll(async () => {
  served = await startServed((dataDir) => {
    seedCaptures(dataDir, '127.0.0.1', [
      {
        endpoint: 'old',
        receivedAt: OLD,
        method: 'POST',
        target: '/old/hook?attempt=2&x=%20y',
        headers: [['Content-Type', 'application/json']],
        body: Buffer.from('{"n":1}'),
        status: 200,
      },
    ]);
  });
  browser = await launchBrowser();
  ui = await openUi(browser, served.uiUrl, { width: 1440, height: 900 });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  files.remove();
});

describe('the capture list: query, date, form bodies, filters', () => {
  it('shows the query string in the PATH column and a date for a capture not from today', async () => {
    await curl([
      '-X',
      'POST',
      `${served.captureUrl}default/today?tag=a&tag=b`,
      '-H',
      'Content-Type: application/json',
      '-d',
      '{"t":1}',
    ]);
    await rowByPath('/default/today').waitFor();
    expect(await rowByPath('/default/today').locator('.c-path').textContent()).toBe('/default/today?tag=a&tag=b');
    expect(await rowByPath('/default/today').locator('.c-query').textContent()).toBe('?tag=a&tag=b');
    expect(await rowByPath('/old/hook').locator('.c-path').textContent()).toBe('/old/hook?attempt=2&x=%20y');
    // 2024 is not this year: the date with the year; today's capture: the time only.
    expect(await rowByPath('/old/hook').locator('.c-time').textContent()).toBe('2024-03-14 09:30');
    expect(await rowByPath('/default/today').locator('.c-time').textContent()).toMatch(/^\d\d:\d\d:\d\d\.\d{3}$/);
  });

  it('shows a form-encoded body as its fields, the raw text one tab away', async () => {
    await curl([
      '-X',
      'POST',
      `${served.captureUrl}default/form`,
      '-H',
      'Content-Type: application/x-www-form-urlencoded; charset=utf-8',
      '-d',
      'name=Ada+Lovelace&tag=a&tag=b&note=caf%C3%A9%20%3Cb%3E',
    ]);
    await rowByPath('/default/form').click();
    const fields = ui.page.getByRole('table', { name: 'Form fields' });
    await fields.waitFor();
    expect(await ui.page.getByRole('tab', { name: 'Fields' }).getAttribute('aria-selected')).toBe('true');
    expect(
      await fields
        .locator('tr')
        .evaluateAll((trs) =>
          trs.map((tr) => [tr.querySelector('th')!.textContent, tr.querySelectorAll('td')[1].textContent]),
        ),
    ).toEqual([
      ['name', 'Ada Lovelace'],
      ['tag', 'a'],
      ['tag', 'b'],
      ['note', 'café <b>'],
    ]);
    // Data, never markup.
    expect(await fields.locator('b').count()).toBe(0);
    await snap(ui.page, 'cleanup-form-fields');
    await ui.page.getByRole('tab', { name: 'Text' }).click();
    expect(await ui.page.locator('[data-section="body"]').textContent()).toContain('name=Ada+Lovelace&tag=a&tag=b');
  });

  it('j/k move the open detail along with the highlight', async () => {
    const ids = await rowIds();
    await rows().first().click();
    await ui.page.locator(`.detail[data-capture-id="${ids[0]}"]`).waitFor();
    await ui.page.keyboard.press('j');
    await ui.page.locator(`.detail[data-capture-id="${ids[1]}"]`).waitFor();
    await ui.page.keyboard.press('j');
    await ui.page.locator(`.detail[data-capture-id="${ids[2]}"]`).waitFor();
    await ui.page.keyboard.press('k');
    await ui.page.locator(`.detail[data-capture-id="${ids[1]}"]`).waitFor();
    expect(await ui.page.locator('.grid-row.selected').getAttribute('data-id')).toBe(String(ids[1]));
    await ui.page.keyboard.press('Escape');
    await ui.page.locator('.detail').waitFor({ state: 'detached' });
    // With no detail open, j only moves the highlight.
    await ui.page.keyboard.press('j');
    expect(await ui.page.locator('.detail').count()).toBe(0);
  });

  it('filters the provider in any case and the event type by prefix, suggesting what was captured', async () => {
    await api(served, 'endpoints.create', { slug: 'prynt' });
    for (const type of ['verdict.allow', 'verdict.block', 'rule.matched']) await sendPrynt(type);
    await eventually(
      async () =>
        (await api(served, 'captures.list', { provider: 'prynt' })).filter((c) => c.eventType).length === 3
          ? true
          : undefined,
      'the verdicts',
    );
    // The catalog of providers (over a megabyte) is asked for when a field suggesting from it is first used.
    const catalogCalls: string[] = [];
    ui.page.on('request', (r) => {
      if (r.url().endsWith('/api/providers.list')) catalogCalls.push(r.url());
    });
    await ui.page.reload();
    await expect.poll(() => rows().count(), WAIT).toBeGreaterThan(0);
    expect(catalogCalls).toEqual([]);
    await ui.page.getByLabel('Provider').fill('Prynt');
    await expect.poll(() => rows().count(), WAIT).toBe(3);
    expect(catalogCalls).toHaveLength(1);
    await ui.page.getByLabel('Event type').fill('VERDICT');
    await expect
      .poll(() => rows().locator('.c-event').allTextContents(), WAIT)
      .toEqual(['verdict.block', 'verdict.allow']);
    // rule.matched is not among the rows shown: it comes from the catalog.
    await expect
      .poll(
        () => ui.page.locator('#seen-events option').evaluateAll((os) => os.map((o) => o.getAttribute('value'))),
        WAIT,
      )
      .toEqual(expect.arrayContaining(['verdict.allow', 'verdict.block', 'rule.matched']));
    const providers = await ui.page
      .locator('#seen-providers option')
      .evaluateAll((os) => os.map((o) => o.getAttribute('value')));
    expect(providers).toContain('prynt');
    await snap(ui.page, 'cleanup-filters');
    await ui.page.getByRole('button', { name: 'Clear', exact: true }).click();
    await expect.poll(() => rows().count(), WAIT).toBe(6);
  });
});

describe('diff two picked captures', () => {
  it('Ctrl-click picks rows; with two picked, Diff compares them, the older as A', async () => {
    const allow = rowByPath('/prynt/hook').nth(2);
    const block = rowByPath('/prynt/hook').nth(1);
    const [a, b] = [Number(await allow.getAttribute('data-id')), Number(await block.getAttribute('data-id'))];
    await allow.click({ modifiers: ['Control'] });
    await block.click({ modifiers: ['Control'] });
    expect(await ui.page.getByTestId('picked-count').textContent()).toBe('2 captures picked');
    expect(await ui.page.locator('.grid-row.marked').count()).toBe(2);
    await ui.page.getByRole('button', { name: `Diff #${a} ↔ #${b}` }).click();
    await dialog().locator('.diff-view, [data-testid="diff"], table, pre').first().waitFor();
    expect(
      await dialog()
        .getByLabel(/Compare #\d+ with capture/)
        .inputValue(),
    ).toBe(String(b));
    expect(await dialog().textContent()).toContain('verdict.allow');
    await snap(ui.page, 'cleanup-diff-picked');
    await dialog().getByRole('button', { name: 'Close' }).click();
    // Shift-click picks a run; a plain click lets go and opens.
    await rows()
      .nth(0)
      .click({ modifiers: ['Control'] });
    await rows()
      .nth(3)
      .click({ modifiers: ['Shift'] });
    expect(await ui.page.getByTestId('picked-count').textContent()).toBe('4 captures picked');
    expect(await ui.page.getByRole('button', { name: 'Diff (pick two)' }).isDisabled()).toBe(true);
    await rows().nth(1).click();
    expect(await ui.page.getByTestId('picked-count').count()).toBe(0);
    await ui.page.keyboard.press('Escape');
  });
});

describe('deleting and importing', () => {
  let exportFile: string;

  it('deletes the open capture after a confirmation naming it', async () => {
    exportFile = join(files.path, 'all.ndjson');
    writeFileSync(exportFile, (await api(served, 'export.ndjson', {})).text);
    const id = Number(await rowByPath('/default/form').getAttribute('data-id'));
    await rowByPath('/default/form').click();
    await ui.page.locator(`.detail[data-capture-id="${id}"]`).getByRole('button', { name: 'Delete…' }).click();
    expect(await ui.page.getByTestId('confirm-what').textContent()).toBe(`Delete capture #${id}?`);
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    expect(await total()).toBe(6);
    await ui.page.locator(`.detail[data-capture-id="${id}"]`).getByRole('button', { name: 'Delete…' }).click();
    await dialog().getByRole('button', { name: 'Delete', exact: true }).click();
    await ui.page.locator('.detail').waitFor({ state: 'detached' });
    await expect.poll(() => rows().count(), WAIT).toBe(5);
    await eventually(async () => ((await total()) === 5 ? true : undefined), 'the capture to go');
    await expect(api(served, 'captures.get', { id })).rejects.toThrow(/no capture with id/);
  });

  it('deletes picked captures, naming how many', async () => {
    await rows()
      .nth(0)
      .click({ modifiers: ['Control'] });
    await rows()
      .nth(1)
      .click({ modifiers: ['Control'] });
    await ui.page.getByRole('button', { name: 'Delete 2 captures…' }).click();
    expect(await ui.page.getByTestId('confirm-what').textContent()).toBe('Delete these 2 captures?');
    await snap(ui.page, 'cleanup-confirm-picked');
    await dialog().getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => rows().count(), WAIT).toBe(3);
    await eventually(async () => ((await total()) === 3 ? true : undefined), 'the picked captures to go');
  });

  it('deletes what the filters match (counted by the server), then everything', async () => {
    await ui.page.getByLabel('Endpoint').selectOption('old');
    await expect.poll(() => rows().count(), WAIT).toBe(1);
    await ui.page.getByRole('button', { name: 'Delete matching…' }).click();
    await expect
      .poll(() => ui.page.getByTestId('confirm-what').textContent(), WAIT)
      .toBe('Delete the 1 capture matching these filters?');
    await dialog().getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => rows().count(), WAIT).toBe(0);
    await ui.page.getByLabel('Endpoint').selectOption('');
    await expect.poll(() => rows().count(), WAIT).toBe(2);
    await ui.page.getByRole('button', { name: 'Delete all…' }).click();
    await expect
      .poll(() => ui.page.getByTestId('confirm-what').textContent(), WAIT)
      .toBe('Delete all 2 captures, of every endpoint?');
    await snap(ui.page, 'cleanup-confirm-all');
    await dialog().getByRole('button', { name: 'Delete', exact: true }).click();
    await eventually(async () => ((await total()) === 0 ? true : undefined), 'every capture to go');
    await ui.page.locator('.empty').waitFor();
  });

  it('imports an NDJSON export from a file picker, and names what is wrong with a bad file', async () => {
    const bad = join(files.path, 'bad.ndjson');
    writeFileSync(bad, '{"not":"an export"}\n');
    await ui.page.locator('input[type="file"]').setInputFiles(bad);
    await ui.page.locator('.import-result [role="alert"]').waitFor();
    expect(await ui.page.locator('.import-result').textContent()).toMatch(/bad\.ndjson: .*nothing was imported/);
    expect(await total()).toBe(0);
    await ui.page.locator('input[type="file"]').setInputFiles(exportFile);
    await expect
      .poll(() => ui.page.locator('.import-result').textContent(), WAIT)
      .toMatch(/Imported 6 captures and 0 replays \(NDJSON\)/);
    await expect.poll(() => rows().count(), WAIT).toBe(6);
    expect(await rowByPath('/old/hook').locator('.c-time').textContent()).toBe('2024-03-14 09:30');
    await snap(ui.page, 'cleanup-imported');
    // The same file again: every capture is already here.
    await ui.page.locator('input[type="file"]').setInputFiles(exportFile);
    await expect
      .poll(() => ui.page.locator('.import-result').textContent(), WAIT)
      .toMatch(/Imported 0 captures .*skipped 6 already here/);
  });

  it('deletes an endpoint with its captures from its form, naming how many', async () => {
    await ui.page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Endpoints' }).click();
    await ui.page.getByRole('button', { name: 'prynt', exact: true }).click();
    await ui.page.getByRole('button', { name: 'Delete endpoint…' }).click();
    await expect
      .poll(() => ui.page.getByTestId('confirm-what').textContent(), WAIT)
      .toBe('Delete endpoint prynt and its 3 captures?');
    await snap(ui.page, 'cleanup-confirm-endpoint');
    await dialog().getByRole('button', { name: 'Delete', exact: true }).click();
    await eventually(
      async () => ((await api(served, 'endpoints.list', {})).some((e) => e.slug === 'prynt') ? undefined : true),
      'the endpoint to go',
    );
    expect(await total()).toBe(3);
    await ui.page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Captures' }).click();
    await expect.poll(() => rows().count(), WAIT).toBe(3);
    expect(ui.problems).toEqual([]);
  });
});

describe('the clean-up controls hold at 1024x700 and 1440x900, light and dark', () => {
  it.each([
    ['light', 1440, 900],
    ['dark', 1440, 900],
    ['light', 1024, 700],
    ['dark', 1024, 700],
  ] as const)('%s %dx%d', async (scheme, width, height) => {
    const page = await openUi(browser, served.uiUrl, { colorScheme: scheme, width, height });
    try {
      const list = page.page.locator('.grid-row[data-id]');
      await expect.poll(() => list.count(), WAIT).toBe(3);
      await list.nth(0).click({ modifiers: ['Control'] });
      await list.nth(1).click({ modifiers: ['Control'] });
      for (const name of ['Import…', 'Delete all…', 'Delete 2 captures…', 'Clear picks']) {
        const box = await page.page.getByRole('button', { name, exact: true }).boundingBox();
        expect(box, name).not.toBeNull();
        expect(box!.x + box!.width, `${name} is inside the window`).toBeLessThanOrEqual(width);
      }
      await snap(page.page, `cleanup-picked-${scheme}-${width}x${height}`);
      await page.page.getByRole('button', { name: 'Delete 2 captures…' }).click();
      await snap(page.page, `cleanup-confirm-${scheme}-${width}x${height}`);
      await page.page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
      expect(page.problems).toEqual([]);
    } finally {
      await page.context.close();
    }
  });
});
