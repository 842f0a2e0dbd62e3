import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openUi, type UiPage } from './support/browser';
import { curl } from './support/curl';
import { seedCaptures, type SeedCapture } from './support/seed';
import { startServed, type Served } from './support/serve';
import { snap } from './support/screenshots';

const TOTAL = 100_000;
const START = Date.UTC(2025, 0, 1);
const METHODS = ['POST', 'POST', 'POST', 'PUT', 'GET'];

function* history(): Generator<SeedCapture> {
  for (let i = 1; i <= TOTAL; i++) {
    yield {
      endpoint: i % 3 === 0 ? 'billing' : 'default',
      receivedAt: START + i * 1000,
      method: METHODS[i % METHODS.length],
      target: `/${i % 3 === 0 ? 'billing' : 'default'}/events/${i}`,
      headers: [
        ['Host', '127.0.0.1:8787'],
        ['Content-Type', 'application/json'],
        ['X-Seq', String(i)],
      ],
      body: Buffer.from(JSON.stringify({ seq: i, type: 'synthetic.event' })),
      status: i % 10 === 0 ? 500 : 200,
    };
  }
}

let served: Served;
let browser: Browser;
let ui: UiPage;

const WAIT = { timeout: 10_000 };
const domRows = () => ui.page.locator('.grid-row[data-id]');
const domIds = () => domRows().evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-id'))));
const loadedRows = () => ui.page.locator('[role="grid"]').getAttribute('aria-rowcount').then(Number);

beforeAll(async () => {
  served = await startServed((dir) => {
    expect(seedCaptures(dir, '127.0.0.1:8787', history())).toBe(TOTAL);
  });
  browser = await launchBrowser();
  ui = await openUi(browser, served.uiUrl);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('a history of 100,000 captures', () => {
  it('renders the newest page with only a window of rows in the DOM', async () => {
    await ui.page.locator(`.grid-row[data-id="${TOTAL}"]`).waitFor();
    expect(await loadedRows()).toBeLessThanOrEqual(2200);
    expect(await domRows().count()).toBeLessThan(80);
    await snap(ui.page, 'large-history-top');
  });

  it('pages in older captures as it scrolls, down to the very first one', async () => {
    const grid = ui.page.locator('[role="grid"]');
    const started = Date.now();
    let pages = 0;
    while (!(await ui.page.locator('.grid-footer', { hasText: 'End of history' }).count())) {
      const before = await loadedRows();
      await grid.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      await expect
        .poll(
          async () =>
            (await loadedRows()) > before ||
            (await ui.page.locator('.grid-footer', { hasText: 'End of history' }).count()) > 0,
          WAIT,
        )
        .toBe(true);
      pages++;
      expect(pages).toBeLessThan(200);
    }
    const elapsed = Date.now() - started;
    expect(await loadedRows()).toBe(TOTAL);
    expect(await ui.page.locator('.grid-footer').textContent()).toBe(`End of history · ${TOTAL} captures`);
    await ui.page.locator('.grid-row[data-id="1"]').waitFor();
    expect(await domRows().count()).toBeLessThan(80);
    expect(await ui.page.locator('.grid-row[data-id="1"] .c-path').textContent()).toBe('/default/events/1');
    expect(elapsed).toBeLessThan(90_000);
    await snap(ui.page, 'large-history-bottom');
  }, 120_000);

  it('jumps to deep rows in the middle and opens one', async () => {
    const grid = ui.page.locator('[role="grid"]');
    await grid.evaluate((el) => el.scrollTo({ top: el.scrollHeight / 2 }));
    const inTheMiddle = async () => (await domIds()).every((id) => Math.abs(id - TOTAL / 2) < TOTAL / 10);
    await expect.poll(inTheMiddle, WAIT).toBe(true);
    const middle = ui.page.locator('.grid-row[data-id]').nth(10);
    const id = Number(await middle.getAttribute('data-id'));
    await middle.click();
    await ui.page.locator(`.detail[data-capture-id="${id}"] [data-testid="json-tree"]`).waitFor();
    expect(await ui.page.locator('.detail [data-testid="json-tree"]').textContent()).toContain(String(id));
    await ui.page.keyboard.press('j');
    expect(Number(await ui.page.locator('.grid-row.selected').getAttribute('data-id'))).toBe(id - 1);
    expect(await domRows().count()).toBeLessThan(80);
  });

  it('keeps the rows being read in place when a new capture arrives on top', async () => {
    await ui.page.keyboard.press('Escape');
    await ui.page.locator('.detail').waitFor({ state: 'detached' });
    const rowAtTop = () =>
      ui.page.locator('[role="grid"]').evaluate((grid) => {
        const below = grid.getBoundingClientRect().top + 30;
        const rows = [...grid.querySelectorAll('.grid-row[data-id]')].filter(
          (r) => r.getBoundingClientRect().top >= below,
        );
        rows.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
        return Number(rows[0].getAttribute('data-id'));
      });
    const before = await rowAtTop();
    await curl(['-X', 'POST', `${served.captureUrl}default/late-arrival`, '-d', '{}']);
    await expect.poll(loadedRows, WAIT).toBe(TOTAL + 1);
    expect(await rowAtTop()).toBe(before);
    await ui.page.locator('[role="grid"]').evaluate((el) => el.scrollTo({ top: 0 }));
    await expect.poll(() => domRows().first().locator('.c-path').textContent(), WAIT).toBe('/default/late-arrival');
    expect(ui.problems).toEqual([]);
  });
});
