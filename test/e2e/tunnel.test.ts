import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TUNNEL_HOST } from '../../src/shared/tunnel-types';
import { startLtServer, type LtServer } from '../core/tunnel/support/lt-server';
import { api } from './support/api';
import { launchBrowser, openUi, type UiPage } from './support/browser';
import { goTo } from './support/replay-page';
import { startServed, type Served } from './support/serve';
import { snap } from './support/screenshots';

const WAIT = { timeout: 20_000 };

let lt: LtServer;
let served: Served;
let browser: Browser;
let ui: UiPage;

const form = () => ui.page.locator('form[aria-label="Start the tunnel"]');
const state = () => ui.page.locator('[data-testid="tunnel-state"]');
const waitForState = (s: string) => ui.page.locator(`section.tunnel-status[data-state="${s}"]`).waitFor(WAIT);

// The e2e files share their worker's process: what this file sets in the environment it puts back.
const envBefore = {
  HOOKSCOPE_CLOUDFLARED: process.env.HOOKSCOPE_CLOUDFLARED,
  NGROK_AUTHTOKEN: process.env.NGROK_AUTHTOKEN,
};

beforeAll(async () => {
  // The serve child finds cloudflared here (a stand-in that prints its URL box and forwards), and no ngrok token.
  process.env.HOOKSCOPE_CLOUDFLARED = resolve(import.meta.dirname, '../core/tunnel/support/fake-cloudflared.mjs');
  delete process.env.NGROK_AUTHTOKEN;
  lt = await startLtServer();
  served = await startServed();
  browser = await launchBrowser();
  ui = await openUi(browser, served.uiUrl);
  await ui.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(served.uiUrl).origin });
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  await lt?.close();
  for (const [name, value] of Object.entries(envBefore)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe('the tunnel screen', () => {
  it('starts closed, with the localtunnel reminder-page note for the default server', async () => {
    await goTo(ui.page, 'Tunnel');
    await waitForState('closed');
    expect(await state().textContent()).toBe('closed');
    expect(await form().locator('[name="host"]').getAttribute('placeholder')).toBe(DEFAULT_TUNNEL_HOST);
    expect(await ui.page.locator('[data-testid="reminder-hint"]').textContent()).toContain('bypass-tunnel-reminder');
    expect(await ui.page.getByRole('button', { name: 'Run self-test' }).isDisabled()).toBe(true);
    await snap(ui.page, 'tunnel-closed');
  });

  it('refuses a malformed subdomain next to its field, starting nothing', async () => {
    await form().locator('[name="subdomain"]').fill('Bad_Name');
    await form().getByRole('button', { name: 'Start tunnel' }).click();
    expect(await form().locator('[data-field="subdomain"] .field-error').textContent()).toContain('lower-case');
    expect((await api(served, 'tunnel.status', {})).state).toBe('closed');
  });

  it('opens to a localtunnel server: status open live, the public URL to copy, and a self-test that arrives as a capture', async () => {
    await form().locator('[name="subdomain"]').fill('ui-hooks');
    await form().locator('[name="host"]').fill(lt.url);
    expect(await ui.page.locator('[data-testid="reminder-hint"]').count()).toBe(0);
    await form().getByRole('button', { name: 'Start tunnel' }).click();
    await waitForState('open');
    const url = lt.publicUrl('ui-hooks');
    expect(await ui.page.locator('[data-testid="tunnel-url"]').textContent()).toBe(url);
    expect(await api(served, 'tunnel.status', {})).toMatchObject({ state: 'open', url, subdomain: 'ui-hooks' });

    await ui.page.getByRole('button', { name: 'Copy URL' }).click();
    await ui.page.getByRole('button', { name: 'Copied' }).waitFor(WAIT);
    expect(
      await ui.page.evaluate(() =>
        (
          globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
        ).navigator.clipboard.readText(),
      ),
    ).toBe(url);

    await ui.page.getByRole('button', { name: 'Run self-test' }).click();
    const result = ui.page.locator('[data-testid="selftest-result"]');
    await result.waitFor(WAIT);
    expect(await result.getAttribute('data-ok')).toBe('true');
    const text = (await result.textContent()) ?? '';
    const captureId = Number(/arrived as capture #(\d+)/.exec(text)?.[1]);
    expect(captureId).toBeGreaterThan(0);
    expect((await api(served, 'captures.get', { id: captureId })).path).toMatch(/^\/hookscope-tunnel-self-test-/);
    await snap(ui.page, 'tunnel-open');

    // A real request through the public URL lands like any other.
    const res = await fetch(`${url}/github/push`, { method: 'POST', body: 'through the tunnel' });
    expect(res.status).toBe(200);

    await result.getByRole('button', { name: `open capture #${captureId}` }).click();
    await ui.page.locator(`.detail[data-capture-id="${captureId}"]`).waitFor(WAIT);
    await goTo(ui.page, 'Tunnel');
    await waitForState('open');
  });

  it('shows the link dropping (reconnecting, with its cause) and coming back, live', async () => {
    const seen = new Set<string>();
    const watch = setInterval(() => {
      void state()
        .textContent({ timeout: 1000 })
        .then((s) => s && seen.add(s))
        .catch(() => undefined);
    }, 20);
    // The server refuses to give the link back until the page has shown it down: the first retry comes after
    // 1 s, and a page whose event connection was re-opening just then could otherwise miss the state.
    lt.refuseAssignments(503);
    try {
      await lt.dropClient('ui-hooks');
      await waitForState('reconnecting');
      expect(await ui.page.locator('[data-testid="tunnel-error"]').textContent()).toMatch(
        /Why it dropped: .+TUNNEL_FAILED/,
      );
      await snap(ui.page, 'tunnel-reconnecting');
      lt.refuseAssignments(null);
      await waitForState('open');
    } finally {
      lt.refuseAssignments(null);
      clearInterval(watch);
    }
    expect(seen.has('reconnecting')).toBe(true);
    expect(await ui.page.locator('[data-testid="tunnel-url"]').textContent()).toBe(lt.publicUrl('ui-hooks'));
  });

  it('stops, and shows the cause when a server refuses to open one', async () => {
    await ui.page.getByRole('button', { name: 'Stop', exact: true }).click();
    await waitForState('closed');
    expect(await ui.page.locator('[data-testid="tunnel-url"]').count()).toBe(0);
    expect((await api(served, 'tunnel.status', {})).state).toBe('closed');

    lt.refuseAssignments(503);
    try {
      await form().getByRole('button', { name: 'Start tunnel' }).click();
      await waitForState('error');
      expect(await ui.page.locator('[data-testid="tunnel-error"]').textContent()).toMatch(/Cause: .*503/);
      // The cause is said once, in the status, not again as a separate error.
      expect(await ui.page.locator('.tunnel-body > .error-note').count()).toBe(0);
      await snap(ui.page, 'tunnel-error');
    } finally {
      lt.refuseAssignments(null);
    }
    expect(ui.problems).toEqual([]);
  });

  it('opens a Cloudflare quick tunnel through cloudflared, and says what ngrok needs when it has no authtoken', async () => {
    await form().locator('[name="provider"]').selectOption('cloudflared');
    expect(await form().locator('[name="subdomain"]').count()).toBe(0);
    expect(await ui.page.locator('[data-testid="reminder-hint"]').count()).toBe(0);
    await form().getByRole('button', { name: 'Start tunnel' }).click();
    await waitForState('open');
    expect(await ui.page.locator('[data-testid="tunnel-provider"]').textContent()).toContain('cloudflared');
    expect(await api(served, 'tunnel.status', {})).toMatchObject({ state: 'open', provider: 'cloudflared' });
    await ui.page.getByRole('button', { name: 'Run self-test' }).click();
    const result = ui.page.locator('[data-testid="selftest-result"]');
    await result.waitFor(WAIT);
    expect(await result.getAttribute('data-ok')).toBe('true');
    await snap(ui.page, 'tunnel-cloudflared');
    await ui.page.getByRole('button', { name: 'Stop', exact: true }).click();
    await waitForState('closed');

    await form().locator('[name="provider"]').selectOption('ngrok');
    await form().locator('[name="authtoken"]').waitFor(WAIT);
    await form().getByRole('button', { name: 'Start tunnel' }).click();
    await waitForState('error');
    expect(await ui.page.locator('[data-testid="tunnel-error"]').textContent()).toMatch(
      /Cause: ngrok needs an authtoken: set NGROK_AUTHTOKEN/,
    );
    await snap(ui.page, 'tunnel-ngrok-no-token');
    expect(ui.problems).toEqual([]);
  });
});
