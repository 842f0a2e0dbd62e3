import { createServer } from 'node:net';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServeProcess } from '../helpers/serve-process';
import { tempDir } from '../helpers/temp-dir';
import { launchBrowser, openUi } from './support/browser';
import { seedCaptures } from './support/seed';
import { SHOWCASE, SHOWCASE_SECRET } from './support/showcase';
import { ROOT, SCREENSHOT_DIR } from './support/screenshots';

// The tracked README picture is rewritten only by `npm run screenshot`; `npm test` writes an untracked copy.
const README_SCREENSHOT = process.env.HOOKSCOPE_README_SCREENSHOT
  ? resolve(ROOT, 'resources/screenshot.png')
  : resolve(SCREENSHOT_DIR, 'readme.png');

/** The documented default port when it is free, so the picture matches the README; else any. */
function portOr0(port: number): Promise<number> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(0));
    probe.listen(port, '127.0.0.1', () => probe.close(() => done(port)));
  });
}

const dir = tempDir('hookscope-readme-');
let browser: Browser;
let stop: () => Promise<void> = async () => {};
let uiUrl = '';

beforeAll(async () => {
  const secrets = { stripe: [SHOWCASE_SECRET], github: [SHOWCASE_SECRET], shopify: [SHOWCASE_SECRET] };
  expect(seedCaptures(dir.path, '127.0.0.1:8787', SHOWCASE, { secrets, analyze: true })).toBe(SHOWCASE.length);
  const serve = await startServeProcess(dir.path, ['--port', String(await portOr0(8787))]);
  uiUrl = serve.info.uiUrl;
  stop = async () => {
    serve.child.kill('SIGTERM');
    await serve.exited;
  };
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await stop();
  dir.remove();
});

describe('the README screenshot', () => {
  it('shows the capture list with an invalid Stripe signature explained', async () => {
    const ui = await openUi(browser, uiUrl, { colorScheme: 'dark', width: 1440, height: 860 });
    const rows = ui.page.locator('.grid-row[data-id]');
    await rows.nth(SHOWCASE.length - 1).waitFor();
    expect(await rows.count()).toBe(SHOWCASE.length);
    await rows.first().click();
    await ui.page.locator('.detail [data-testid="json-tree"]').waitFor();
    expect(await ui.page.locator('.detail [data-testid="json-tree"]').textContent()).toContain('charge.refunded');
    const verdict = ui.page.locator('.detail [data-testid="signature-verdict"]');
    expect(await verdict.locator('.badge').textContent()).toBe('invalid');
    expect(await verdict.textContent()).toContain('Likely cause');
    expect(await verdict.locator('mark').count()).toBe(2); // where expected and received part ways
    await ui.page.locator('.conn-live').waitFor();
    await ui.page.mouse.move(0, 0);
    mkdirSync(dirname(README_SCREENSHOT), { recursive: true });
    await ui.page.screenshot({ path: README_SCREENSHOT });
    expect(ui.problems).toEqual([]);
    await ui.context.close();
  });
});
