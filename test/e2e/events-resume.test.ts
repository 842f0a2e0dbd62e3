// What the page missed before its event socket came up: a webhook that
// arrives after the first list load but before the socket opens is shown
// once it opens (the list is fetched again), and a paused list is not moved
// by that fetch but reloads on resume. The socket is held back with
// Playwright's WebSocket route, so the order is fixed, never a race.
import type { Browser, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openUi, type UiPage } from './support/browser';
import { startServed, type Served } from './support/serve';
import { rowByPath } from './support/replay-page';

let served: Served;
let browser: Browser;

beforeAll(async () => {
  served = await startServed();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

/** Opens the UI with its event socket held until `release()`: the page sees it connecting all along. */
async function openWithSocketHeld(): Promise<{ ui: UiPage; release(): void }> {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const ui = await openUi(browser, served.uiUrl, {
    beforeLoad: (page) =>
      page.routeWebSocket(/\/api\/events$/, async (ws: WebSocketRoute) => {
        await gate;
        ws.connectToServer();
      }),
  });
  await ui.page.locator('.conn-connecting').waitFor();
  return { ui, release };
}

async function post(path: string): Promise<void> {
  const res = await fetch(`${served.captureUrl}${path}`, { method: 'POST', body: '{"early":true}' });
  expect(res.status).toBe(200);
}

/** The list has answered: its first page (of what is stored now) is drawn. */
const listDrawn = (ui: UiPage) => ui.page.locator('.grid-row[data-id], .empty').first().waitFor();

describe('events missed before the socket opened', () => {
  it('a webhook that arrived before the socket opened is listed once it opens', async () => {
    const { ui, release } = await openWithSocketHeld();
    await listDrawn(ui);
    await post('default/before-socket');
    // No socket: nothing tells the page, and the capture is not listed.
    await ui.page.waitForTimeout(300);
    expect(await rowByPath(ui.page, '/before-socket').count()).toBe(0);
    release();
    await ui.page.locator('.conn-live').waitFor();
    await rowByPath(ui.page, '/before-socket').waitFor();
    expect(ui.problems).toEqual([]);
    await ui.context.close();
  });

  it('a paused list stays as it is when the socket opens, and resuming brings what was missed', async () => {
    const { ui, release } = await openWithSocketHeld();
    await listDrawn(ui);
    await ui.page.keyboard.press('p');
    await ui.page.locator('.live-toggle[aria-pressed="true"]').waitFor();
    const shown = await ui.page.locator('.grid-row[data-id]').evaluateAll((rows) => rows.map((r) => r.dataset.id));
    await post('default/while-paused');
    release();
    await ui.page.locator('.conn-live').waitFor();
    await ui.page.waitForTimeout(300);
    expect(await ui.page.locator('.grid-row[data-id]').evaluateAll((rows) => rows.map((r) => r.dataset.id))).toEqual(
      shown,
    );
    await ui.page.keyboard.press('p');
    await ui.page.locator('.live-toggle[aria-pressed="false"]').waitFor();
    await rowByPath(ui.page, '/while-paused').waitFor();
    expect(ui.problems).toEqual([]);
    await ui.context.close();
  });
});
