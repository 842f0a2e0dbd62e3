import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, eventually } from './support/api';
import { launchBrowser, openUi, type UiPage } from './support/browser';
import { startServed, type Served } from './support/serve';
import { snap } from './support/screenshots';

/** Issue 15, items 1, 2, 3, 5 and 10: what a new user meets in the first ten minutes, light and dark, at 1440x900 and 1024x700. */
const WAIT = { timeout: 15_000 };
const VIEWS = [
  { colorScheme: 'light', width: 1440, height: 900 },
  { colorScheme: 'dark', width: 1440, height: 900 },
  { colorScheme: 'light', width: 1024, height: 700 },
  { colorScheme: 'dark', width: 1024, height: 700 },
] as const;
type View = (typeof VIEWS)[number];
const tag = (v: View) => `${v.colorScheme}-${v.width}x${v.height}`;
const SECRET = 'prynt_first_ten_minutes';

let served: Served;
let browser: Browser;

async function withView<T>(view: View, run: (ui: UiPage) => Promise<T>, url = served.uiUrl): Promise<T> {
  const ui = await openUi(browser, url, view);
  try {
    return await run(ui);
  } finally {
    await ui.context.close();
  }
}

async function go(page: Page, label: string): Promise<void> {
  await page.locator('nav.nav').getByRole('button', { name: label, exact: true }).click();
}

/** The element is wholly inside the viewport (not below the fold, not cut on the right). */
async function inViewport(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).boundingBox();
  const size = page.viewportSize()!;
  return box !== null && box.y >= 0 && box.y + box.height <= size.height && box.x + box.width <= size.width;
}

/** Content wider than its box (cut off on the right, or a sideways scroll bar). */
async function overflowsX(page: Page, selector: string): Promise<number> {
  return page.locator(selector).evaluate((el) => el.scrollWidth - el.clientWidth);
}

async function captureIn(endpoint: string, after = 0): Promise<number> {
  return eventually(
    async () => (await api(served, 'captures.list', { endpoint })).find((c) => c.id > after)?.id,
    `a capture in ${endpoint}`,
  );
}

beforeAll(async () => {
  served = await startServed();
  await api(served, 'endpoints.create', { slug: 'lm-in', provider: 'lmif' });
  await api(served, 'endpoints.create', { slug: 'rp-in', provider: 'prynt', secrets: [SECRET] });
  await api(served, 'endpoints.create', { slug: 'rp-out' });
  await api(served, 'endpoints.create', { slug: 'deny', rule: { status: 401 } });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('1. binding an endpoint to a provider', () => {
  it('the New endpoint form takes provider and secrets, saved by one button that stays in view; the list shows them', async () => {
    await withView(VIEWS[2], async ({ page, problems }) => {
      await go(page, 'Endpoints');
      await page.getByRole('button', { name: 'New endpoint', exact: true }).click();
      const form = page.locator('form.endpoint-form');
      await form.locator('[name="slug"]').fill('pr-new');
      await form.locator('select[name="provider"]').selectOption('prynt');
      await form.locator('textarea[name="secrets"]').fill('whsec_first\n\n');
      expect(await inViewport(page, 'form.endpoint-form .sticky-actions button.primary')).toBe(true);
      await snap(page, `ui1-endpoint-new-${tag(VIEWS[2])}`);
      await form.getByRole('button', { name: 'Create endpoint' }).click();
      const row = page.locator('tr[data-slug="pr-new"]');
      await expect.poll(() => row.locator('[data-testid="secrets"]').textContent(), WAIT).toBe('1');
      expect(await row.textContent()).toContain('prynt');
      expect(await row.locator('[data-testid="forwarding"]').textContent()).toBe('off');
      const listed = (await api(served, 'endpoints.list', {})).find((e) => e.slug === 'pr-new');
      expect(listed).toMatchObject({ provider: 'prynt', secretCount: 1 });

      // The CLI's limits: at most 20 secrets at once. Nothing is created.
      await page.getByRole('button', { name: 'New endpoint', exact: true }).click();
      await form.locator('[name="slug"]').fill('too-many');
      await form.locator('textarea[name="secrets"]').fill(Array.from({ length: 21 }, (_, i) => `s${i}`).join('\n'));
      await form.getByRole('button', { name: 'Create endpoint' }).click();
      await expect
        .poll(() => form.locator('[data-field="secrets"] .field-error').textContent(), WAIT)
        .toContain('at most 20 secrets');
      expect((await api(served, 'endpoints.list', {})).some((e) => e.slug === 'too-many')).toBe(false);
      await form.getByRole('button', { name: 'Cancel' }).click();

      // Editing: a rotation secret added with the rule change, one Save.
      await row.click();
      await expect.poll(() => form.getByTestId('secret-count').textContent(), WAIT).toContain('1 secret stored');
      await form.locator('textarea[name="secrets"]').fill('whsec_second');
      await form.locator('[name="status"]').fill('202');
      await form.getByRole('button', { name: 'Save', exact: true }).click();
      await expect.poll(() => row.locator('[data-testid="secrets"]').textContent(), WAIT).toBe('2');
      expect((await api(served, 'endpoints.list', {})).find((e) => e.slug === 'pr-new')).toMatchObject({
        secretCount: 2,
        rule: { status: 202 },
      });
      expect(await page.content()).not.toContain('whsec_first');
      expect(problems).toEqual([]);
    });
  });

  it('looks right in both themes at both sizes', async () => {
    for (const view of VIEWS) {
      await withView(view, async ({ page }) => {
        await go(page, 'Endpoints');
        await page.locator('tr[data-slug="rp-in"]').click();
        await page.getByTestId('secret-count').waitFor(WAIT);
        await expect.poll(() => page.getByTestId('secret-count').textContent(), WAIT).toContain('1 secret stored');
        await snap(page, `ui1-endpoints-${tag(view)}`);
        expect(await inViewport(page, 'form.endpoint-form .sticky-actions button.primary')).toBe(true);
      });
    }
  });
});

describe('2. a tab with a missing or stale token', () => {
  it('without the token: one full page saying what to open, no app, no guessed port', async () => {
    const origin = new URL(served.uiUrl).origin;
    for (const [url, problem] of [
      [`${origin}/`, 'missing'],
      [`${origin}/#token=from-an-earlier-start`, 'stale'],
    ] as const) {
      for (const view of [VIEWS[0], VIEWS[3]]) {
        const context = await browser.newContext({
          viewport: { width: view.width, height: view.height },
          colorScheme: view.colorScheme,
        });
        const page = await context.newPage();
        await page.goto(url);
        const screen = page.getByTestId('access-screen');
        await screen.waitFor(WAIT);
        expect(await screen.getAttribute('data-problem')).toBe(problem);
        const text = (await screen.textContent()) ?? '';
        expect(text).toContain('UI and control API: http://127.0.0.1:<port>/#token=');
        expect(await page.locator('.topbar').count()).toBe(0);
        expect(await page.content()).not.toContain('8787');
        await snap(page, `ui1-token-${problem}-${tag(view)}`);
        await context.close();
      }
    }
  });

  it("the empty state shows the server's real capture URL; a tab whose serve stopped says so instead of an empty app", async () => {
    const other = await startServed();
    try {
      for (const view of [VIEWS[1], VIEWS[2]]) {
        await withView(
          view,
          async ({ page }) => {
            const url = page.locator('.empty-url code');
            await url.waitFor(WAIT);
            expect(await url.textContent()).toBe(other.captureUrl);
            expect(await page.content()).not.toContain('8787');
            await snap(page, `ui1-empty-${tag(view)}`);
          },
          other.uiUrl,
        );
      }
      const ui = await openUi(browser, other.uiUrl, VIEWS[0]);
      await ui.page.locator('.empty-url code').waitFor(WAIT);
      other.serve.child.kill('SIGTERM');
      await other.serve.exited;
      // No click needed, and none is safe: the next call to the core finds it gone, whichever comes first (the
      // backlog note asks every second), and the access screen then takes the place of the app and its nav.
      const screen = ui.page.getByTestId('access-screen');
      await screen.waitFor(WAIT);
      expect(await screen.getAttribute('data-problem')).toBe('unreachable');
      expect(await ui.page.getByRole('button', { name: 'Try again' }).count()).toBe(1);
      await snap(ui.page, `ui1-token-unreachable-${tag(VIEWS[0])}`);
      await ui.context.close();
    } finally {
      await other.stop();
    }
  });
});

describe('3. the Sender', () => {
  it('opens with no target, facts and notes collapsed, target, secret and Send in view; remembers the provider', async () => {
    await withView(VIEWS[2], async ({ page, problems }) => {
      await go(page, 'Sender');
      const form = page.locator('form[aria-label="Send an event"]');
      await form.waitFor(WAIT);
      expect(await form.locator('input[name="url"]').inputValue()).toBe('');
      expect(await page.getByTestId('provider-facts').getAttribute('open')).toBeNull();
      for (const selector of ['input[name="url"]', 'input[name="secret"]', '.send-actions button.primary'])
        expect(await inViewport(page, selector), selector).toBe(true);

      await form.locator('select[name="provider"]').selectOption('prynt');
      await page.reload();
      await page.locator('.topbar').waitFor(WAIT);
      await go(page, 'Sender');
      await page.locator('form[aria-label="Send an event"]').waitFor(WAIT);
      await expect.poll(() => page.locator('select[name="provider"]').inputValue(), WAIT).toBe('prynt');

      // A target on an endpoint of this app bound to a provider plays that provider.
      await page.locator('input[name="url"]').fill(`${served.captureUrl}lm-in/webhook`);
      await expect.poll(() => page.locator('select[name="provider"]').inputValue(), WAIT).toBe('lmif');
      expect(problems).toEqual([]);
    });
  });

  it('the handler check has its own target and secret fields, and says which is missing beside it', async () => {
    await withView(VIEWS[3], async ({ page }) => {
      await go(page, 'Sender');
      await page.getByRole('tab', { name: 'Handler check' }).click();
      const check = page.locator('.handler-check');
      await check.locator('input[name="checkUrl"]').fill(`${served.captureUrl}rp-out/hook`);
      await check.getByRole('button', { name: 'Run handler check' }).click();
      await expect
        .poll(() => check.locator('[data-field="checkSecret"] .field-error').textContent(), WAIT)
        .toContain('required');
      expect(await inViewport(page, '.handler-check input[name="checkSecret"]')).toBe(true);
      // The same values as the send form.
      expect(await page.locator('form[aria-label="Send an event"] input[name="url"]').inputValue()).toBe(
        `${served.captureUrl}rp-out/hook`,
      );
      await snap(page, `ui1-sender-check-${tag(VIEWS[3])}`);
    });
  });

  it('the https notice: quiet for a loopback target, once per provider for another', async () => {
    await withView(VIEWS[0], async ({ page }) => {
      await go(page, 'Sender');
      await page.locator('select[name="provider"]').selectOption('prynt');
      const send = async (url: string) => {
        // Before the first send there is no outcome yet: ask only when there is one (getAttribute would wait its
        // 10 s default timeout for the element to appear).
        const outcome = page.getByTestId('send-outcome');
        const before = (await outcome.count()) > 0 ? await outcome.getAttribute('data-delivery-id') : null;
        await page.locator('form[aria-label="Send an event"] input[name="url"]').fill(url);
        await expect.poll(() => page.locator('.send-actions button.primary').isEnabled(), WAIT).toBe(true);
        await page.locator('.send-actions button.primary').click();
        await expect
          .poll(() => page.getByTestId('send-outcome').getAttribute('data-delivery-id'), WAIT)
          .not.toBe(before);
        return (await page.getByTestId('send-outcome').textContent()) ?? '';
      };
      expect(await send(`${served.captureUrl}rp-out/hook`)).not.toContain('https');
      // TEST-NET-1: never answers; the notice comes with the start of the delivery.
      expect(await send('http://192.0.2.1/hook')).toContain('prynt sends only to https URLs');
      expect(await send('http://192.0.2.1/hook')).not.toContain('https URLs');
    });
  });

  it('looks right in both themes at both sizes, nothing cut off on the right', async () => {
    for (const view of VIEWS) {
      await withView(view, async ({ page }) => {
        await go(page, 'Sender');
        await page.locator('select[name="provider"]').selectOption('prynt');
        await page.locator('form[aria-label="Send an event"] input[name="url"]').fill(`${served.captureUrl}deny/hook`);
        await page.locator('form[aria-label="Send an event"] input[name="secret"]').fill(SECRET);
        await expect.poll(() => page.locator('.send-actions button.primary').isEnabled(), WAIT).toBe(true);
        await page.locator('.send-actions button.primary').click();
        await page
          .locator('.sender-output .ladder, .sender-output [data-testid="ladder-strip"], .sender-output table')
          .first()
          .waitFor(WAIT);
        await page.waitForTimeout(300);
        await snap(page, `ui1-sender-${tag(view)}`);
        expect(await overflowsX(page, '.sender-output')).toBeLessThanOrEqual(0);
        expect(await inViewport(page, '.send-actions button.primary')).toBe(true);
      });
    }
  });
});

describe('5 and 10. Replay', () => {
  let signed: number;

  beforeAll(async () => {
    await api(served, 'sender.send', {
      provider: 'prynt',
      eventType: 'verdict.block',
      url: `${served.captureUrl}rp-in/hook`,
      secret: SECRET,
    });
    signed = await captureIn('rp-in');
  });

  async function openReplay(page: Page, id: number): Promise<void> {
    await go(page, 'Replay');
    await page.locator('input[name="captureId"]').fill(String(id));
    await page.locator('form[aria-label="Pick a capture"]').getByRole('button', { name: 'Open' }).click();
    await page.locator(`[data-testid="picked-capture"][data-capture-id="${id}"]`).waitFor(WAIT);
  }

  async function sendReplay(page: Page): Promise<void> {
    const response = page.getByTestId('replay-response');
    const before = (await response.count()) ? await response.getAttribute('data-replay-id') : null;
    await page
      .locator('form[aria-label="Replay a capture"]')
      .getByRole('button', { name: 'Send', exact: true })
      .click();
    await expect
      .poll(async () => ((await response.count()) ? response.getAttribute('data-replay-id') : null), WAIT)
      .not.toBe(before);
  }

  it('a 401 is badged "failed" in the response and the history, as the Sender says', async () => {
    await withView(VIEWS[2], async ({ page }) => {
      await openReplay(page, signed);
      await page.locator('form[aria-label="Replay a capture"] input[name="url"]').fill(`${served.captureUrl}deny/x`);
      await sendReplay(page);
      expect(await page.getByTestId('replay-response').locator('.badge').first().textContent()).toBe('failed');
      expect(await page.getByTestId('replay-status').textContent()).toBe('401');
      await expect
        .poll(
          () => page.locator('table[aria-label="Replay history"] tbody tr').first().locator('.badge').textContent(),
          WAIT,
        )
        .toBe('failed');
    });
  });

  it('with re-sign ticked, the header editor shows the signature and timestamp that are sent', async () => {
    await withView(VIEWS[0], async ({ page }) => {
      await openReplay(page, signed);
      const form = page.locator('form[aria-label="Replay a capture"]');
      const captured = (await api(served, 'captures.get', { id: signed })).headers;
      const capturedSig = captured.find(([n]) => n.toLowerCase() === 'x-prynt-signature')![1];
      await form.locator('input[name="url"]').fill(`${served.captureUrl}rp-out/resigned`);
      await form.locator('input[name="resign"]').check();
      await page.getByTestId('resign-preview').waitFor(WAIT);
      const rows = form.locator('table[aria-label="Headers to send"] tr.resigned');
      await expect.poll(() => rows.count(), WAIT).toBeGreaterThanOrEqual(2);
      const shown = Object.fromEntries(
        await rows.evaluateAll((trs) =>
          trs.map((tr) =>
            Array.from(tr.querySelectorAll('input')).map((i) => (i as unknown as { value: string }).value),
          ),
        ),
      ) as Record<string, string>;
      const shownSig = Object.entries(shown).find(([n]) => n.toLowerCase() === 'x-prynt-signature')?.[1];
      expect(shownSig).toBeDefined();
      expect(shownSig).not.toBe(capturedSig);
      await snap(page, `ui1-replay-resign-${tag(VIEWS[0])}`);
      await sendReplay(page);
      const arrived = await api(served, 'captures.get', { id: await captureIn('rp-out', 0) });
      const sentSig = arrived.headers.find(([n]) => n.toLowerCase() === 'x-prynt-signature')?.[1];
      const sentTs = arrived.headers.find(([n]) => n.toLowerCase() === 'x-prynt-timestamp')?.[1];
      expect(sentSig).toBe(shownSig);
      expect(sentTs).toBe(Object.entries(shown).find(([n]) => n.toLowerCase() === 'x-prynt-timestamp')?.[1]);
      expect(arrived.signature?.status).not.toBe('invalid');
    });
  });

  it('the last target is remembered per endpoint', async () => {
    await withView(VIEWS[1], async ({ page }) => {
      await api(served, 'sender.send', {
        provider: 'prynt',
        eventType: 'verdict.allow',
        url: `${served.captureUrl}rp-in/second`,
        secret: SECRET,
      });
      const second = await captureIn('rp-in', signed);
      await openReplay(page, signed);
      const url = page.locator('form[aria-label="Replay a capture"] input[name="url"]');
      await url.fill(`${served.captureUrl}rp-out/from-rp-in`);
      await sendReplay(page);
      // A capture of another endpoint, replayed elsewhere.
      const denied = await captureIn('deny');
      await openReplay(page, denied);
      await url.fill(`${served.captureUrl}rp-out/from-deny`);
      await sendReplay(page);
      await openReplay(page, second);
      await expect.poll(() => url.inputValue(), WAIT).toBe(`${served.captureUrl}rp-out/from-rp-in`);
      await openReplay(page, denied);
      await expect.poll(() => url.inputValue(), WAIT).toBe(`${served.captureUrl}rp-out/from-deny`);
    });
  });

  it('at every size the history keeps REQUEST and STATUS apart and its URLs visible', async () => {
    for (const view of VIEWS) {
      await withView(view, async ({ page }) => {
        await openReplay(page, signed);
        const table = page.locator('table[aria-label="Replay history"]');
        await table.waitFor(WAIT);
        const request = (await table.locator('th', { hasText: 'Request' }).boundingBox())!;
        const status = (await table.locator('th', { hasText: 'Status' }).boundingBox())!;
        expect(request.x + request.width).toBeLessThanOrEqual(status.x + 0.5);
        const url = (await table.locator('tbody tr').first().locator('.history-url').boundingBox())!;
        expect(url.width).toBeGreaterThan(100);
        await snap(page, `ui1-replay-${tag(view)}`);
      });
    }
  });
});
