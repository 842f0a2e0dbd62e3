// The per-run token never stays in a URL: serve prints it in the fragment,
// which a browser never sends; the page moves it to sessionStorage and out of
// the address bar, calls the API with it in a header and opens the event
// socket with it in a subprotocol.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openUi, type UiPage } from './support/browser';
import { startServed, type Served } from './support/serve';

const WAIT = { timeout: 10_000 };

let served: Served;
let browser: Browser;
let ui: UiPage;
const requested: string[] = [];
const sockets: string[] = [];

beforeAll(async () => {
  served = await startServed();
  browser = await launchBrowser();
  ui = await openUi(browser, served.uiUrl);
  // Every request and socket the page makes from here on (the reload below makes them all again).
  ui.page.on('request', (r) => requested.push(r.url()));
  ui.page.on('websocket', (ws) => sockets.push(ws.url()));
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('the token in the page URL', () => {
  it('serve gives the URL with the token in its fragment, never its query', () => {
    const url = new URL(served.uiUrl);
    expect(url.hash).toBe(`#token=${served.serve.info.token}`);
    expect(url.search).toBe('');
  });

  it('is gone from the address bar and the history entry once the page has loaded, and kept in sessionStorage', async () => {
    await expect.poll(() => ui.page.url(), WAIT).toBe(`${new URL(served.uiUrl).origin}/`);
    const seen = await ui.page.evaluate(() => {
      const page = globalThis as unknown as {
        location: { href: string };
        sessionStorage: { getItem(key: string): string | null };
      };
      return { href: page.location.href, stored: page.sessionStorage.getItem('hookscope.token') };
    });
    expect(seen.href).not.toContain('token');
    expect(seen.stored).toBe(served.serve.info.token);
  });

  it('the page works with it: live events over the socket, and API calls after a reload', async () => {
    await expect.poll(() => ui.page.locator('.conn').getAttribute('class'), WAIT).toContain('conn-live');
    await fetch(`${served.captureUrl}default/fragment-token`, { method: 'POST', body: '{"a":1}' });
    await ui.page.locator('.grid-row[data-id]', { hasText: '/default/fragment-token' }).waitFor(WAIT);

    await ui.page.reload();
    await ui.page.locator('.grid-row[data-id]', { hasText: '/default/fragment-token' }).waitFor(WAIT);
    await expect.poll(() => ui.page.locator('.conn').getAttribute('class'), WAIT).toContain('conn-live');
    expect(ui.page.url()).not.toContain('token');
    expect(ui.problems).toEqual([]);
  });

  it('no request or socket the page made carried the token in its URL', () => {
    expect(requested.length).toBeGreaterThan(0);
    expect(sockets.length).toBeGreaterThan(0);
    for (const url of [...requested, ...sockets]) expect(url).not.toContain(served.serve.info.token);
  });
});
