import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openUi, type UiPage } from './support/browser';
import { detailAction, goTo, openCapture, rowByPath } from './support/replay-page';
import { snap } from './support/screenshots';
import { startServed, type Served } from './support/serve';

const WAIT = { timeout: 30_000 };

let served: Served;
let browser: Browser;
let ui: UiPage;

async function post(path: string, body: string): Promise<void> {
  const res = await fetch(`${served.captureUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body,
  });
  expect(res.status).toBe(200);
}

const nestedText = (depth: number, leaf: string) => `${'['.repeat(depth)}${JSON.stringify(leaf)}${']'.repeat(depth)}`;

const tree = () => ui.page.locator('.detail [data-testid="json-tree"]');
const treeRows = () => tree().locator('[data-testid="jt-row"]');

/** Opens everything and goes to the last row with the keyboard; returns that row's text. */
async function expandAllAndGoToEnd(): Promise<string> {
  await tree().getByRole('button', { name: 'Expand all' }).click();
  const scroller = tree().locator('[data-testid="json-tree-scroll"]');
  await scroller.focus();
  await ui.page.keyboard.press('End');
  const last = tree().locator('.jt-row.active');
  await last.waitFor(WAIT);
  return (await last.textContent()) ?? '';
}

beforeAll(async () => {
  served = await startServed();
  browser = await launchBrowser();
  ui = await openUi(browser, served.uiUrl, { height: 900 });
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('the JSON view at any depth and width', () => {
  for (const depth of [1_000, 100_000]) {
    it(`shows an array nested ${depth.toLocaleString('en-US')} deep down to its deepest value`, async () => {
      await post(`deep/d${depth}`, nestedText(depth, `bottom-${depth}`));
      await openCapture(ui.page, `/deep/d${depth}`);
      await tree().waitFor(WAIT);
      expect(await treeRows().count()).toBeGreaterThan(0);
      const started = performance.now();
      const last = await expandAllAndGoToEnd();
      console.log(
        `JSON view, ${depth} deep: expand all and go to the deepest value took ${Math.round(performance.now() - started)} ms`,
      );
      expect(last).toContain(`"bottom-${depth}"`);
      // The deepest row says its level instead of moving off screen.
      expect(last).toContain(depth.toLocaleString('en-US'));
      expect(await tree().locator('[role="tree"]').isVisible()).toBe(true);
      expect(ui.problems).toEqual([]);
    });
  }

  it('opens a 200,000-item array and scrolls to its last item', async () => {
    const items = Array.from({ length: 200_000 }, (_, i) => ({ n: i }));
    await post('wide/items', JSON.stringify(items));
    await goTo(ui.page, 'Captures');
    const row = rowByPath(ui.page, '/wide/items').first();
    await row.waitFor(WAIT);
    const id = Number(await row.getAttribute('data-id'));
    const started = performance.now();
    await row.click();
    await ui.page.locator(`.detail[data-capture-id="${id}"] [data-section="body"]`).waitFor(WAIT);
    const loaded = performance.now();
    await tree().waitFor(WAIT);
    const shown = performance.now();
    console.log(
      `JSON view, 200,000 items: capture loaded in ${Math.round(loaded - started)} ms, its tree shown ${Math.round(shown - loaded)} ms later`,
    );
    // Grouped: the last group, then its last group, then the last item, with the keyboard.
    await treeRows().filter({ hasText: '[190,000 … 199,999]' }).click();
    const scroller = tree().locator('[data-testid="json-tree-scroll"]');
    await scroller.focus();
    for (const key of ['End', 'Enter', 'End', 'Enter', 'End']) await ui.page.keyboard.press(key);
    expect(await tree().locator('.jt-row.active').textContent()).toContain('n:199999');
    console.log(
      `JSON view, 200,000 items: from the tree shown to its last item, through two groups: ${Math.round(performance.now() - shown)} ms`,
    );

    const allStarted = performance.now();
    const last = await expandAllAndGoToEnd();
    console.log(
      `JSON view, 200,000 items: expand all (${await tree().locator('.jt-tools').textContent()}) and go to the end in ${Math.round(performance.now() - allStarted)} ms`,
    );
    expect(last).toContain('n:199999');
    await snap(ui.page, 'json-tree-200k-items');
    // Only a window of rows is in the DOM.
    expect(await treeRows().count()).toBeLessThan(200);
    expect(ui.problems).toEqual([]);
  });

  it('keeps values inert and moves with the keyboard: Left goes to the parent, Right opens', async () => {
    await post('keys/doc', JSON.stringify({ html: '<img src=x onerror="window.__pwned=1">', list: [1, 2, 3] }));
    await openCapture(ui.page, '/keys/doc');
    await tree().waitFor(WAIT);
    await expect(tree().locator('img').count()).resolves.toBe(0);
    const scroller = tree().locator('[data-testid="json-tree-scroll"]');
    await scroller.focus();
    await ui.page.keyboard.press('End'); // "2: 3"
    await ui.page.keyboard.press('ArrowLeft'); // to "list"
    expect(await tree().locator('.jt-row.active').textContent()).toContain('list:');
    await ui.page.keyboard.press('ArrowLeft'); // closes it
    expect(await tree().locator('.jt-row.active').getAttribute('aria-expanded')).toBe('false');
    await ui.page.keyboard.press('ArrowRight'); // opens it again
    expect(await tree().locator('.jt-row.active').getAttribute('aria-expanded')).toBe('true');
    expect(await ui.page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });
});

describe('diff of very different captures', () => {
  it('lists the capped changes, says how many more, and the page stays responsive', async () => {
    const n = 1_000_000;
    await post('diff/million', `[${new Array(n).fill('0').join(',')}]`);
    await post('diff/million', `[${new Array(n).fill('1').join(',')}]`);
    // Both listed before opening the newest: read while only the first was listed, "the newest" was the
    // first one, and the diff went to the capture before it (another test's), whose 2 MB text then held the
    // regex below for minutes and timed the test out in two fresh-clone CIs.
    await expect.poll(() => rowByPath(ui.page, '/diff/million').count(), WAIT).toBe(2);
    const b = await openCapture(ui.page, '/diff/million');
    const a = b - 1;
    await detailAction(ui.page, 'Diff…');
    const dialog = ui.page.getByRole('dialog', { name: `Diff capture #${b}` });
    await dialog.locator('[name="diffOther"]').fill(String(a));
    const started = performance.now();
    await dialog.getByRole('button', { name: 'Compare' }).click();
    const text = dialog.locator('[data-testid="diff-text"]');
    await text.waitFor(WAIT);
    const shown = (await text.textContent())!;
    console.log(`diff of two 1,000,000-item arrays: shown in ${Math.round(performance.now() - started)} ms`);
    // A count, then the words. Checked around where the words are: /[\d,]+ more.../ over the whole text is
    // quadratic in a long run of digits and commas (a body such as "0,0,0,..."), and held a worker for minutes.
    const more = shown.indexOf(' more changes not listed');
    expect(more).toBeGreaterThan(0);
    expect(shown.slice(Math.max(0, more - 20), more)).toMatch(/\d[\d,]*$/);
    expect(shown).toContain('- $[0]: 1');
    // Responsive: the page answers a script at once and the dialog closes on Escape.
    const ping = performance.now();
    expect(await ui.page.evaluate(() => 1 + 1)).toBe(2);
    console.log(
      `diff of two 1,000,000-item arrays: page answered a script ${Math.round(performance.now() - ping)} ms later`,
    );
    await ui.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden', ...WAIT });
    expect(ui.problems).toEqual([]);
  });
});
