// Captures arrive at a steady rate while the user opens captures, searches and
// pauses the list. Behaviour only, never timings: the paused list does not
// move, the pill counts what arrived, the clicked row is the one that opens,
// and the backlog note tells how far verdicts are behind.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, eventually } from './support/api';
import { launchBrowser, openUi, type UiPage } from './support/browser';
import { startServed, type Served } from './support/serve';
import { toNewCapture } from './support/seed';
import { createApp } from '../../src/core/app';

let served: Served;
let browser: Browser;
let ui: UiPage;

/** Posts one capture every `everyMs` until stopped; every one must be acknowledged. */
function steadyTraffic(everyMs: number) {
  let sent = 0;
  let failed = 0;
  let running = true;
  const done = (async () => {
    while (running) {
      const kind = sent % 4 === 0 ? 'needle' : 'hay';
      const res = await fetch(`${served.captureUrl}default/steady/${sent}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ kind, n: sent }),
      }).catch(() => null);
      if (res?.status === 200) sent++;
      else failed++;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    get sent() {
      return sent;
    },
    get failed() {
      return failed;
    },
    async stop() {
      running = false;
      await done;
    },
  };
}

const rows = () => ui.page.locator('.grid-row[data-id]');
const newestStoredId = async () => (await api(served, 'captures.list', { limit: 1 }))[0]?.id ?? 0;
/** The rows in the DOM, top to bottom: their ids and where they are drawn. */
const drawnRows = () =>
  ui.page.$$eval('.grid-row[data-id]', (els) =>
    els
      .map((el) => ({ id: Number(el.getAttribute('data-id')), top: Math.round(el.getBoundingClientRect().top) }))
      .sort((a, b) => a.top - b.top),
  );

beforeAll(async () => {
  served = await startServed();
  browser = await launchBrowser();
  ui = await openUi(browser, served.uiUrl);
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('the capture list while captures keep arriving', () => {
  it('opens the row under the pointer, searches, pauses with a counting pill, and resumes', async () => {
    const traffic = steadyTraffic(15);
    try {
      await eventually(async () => ((await rows().count()) >= 20 ? true : undefined), '20 rows drawn');

      // A click opens the row that was under the pointer, though rows keep arriving above it.
      for (let attempt = 0; attempt < 5; attempt++) {
        // A row drawn inside the list's visible part (the DOM also holds rows scrolled out of view).
        const list = (await ui.page.locator('.grid-scroll').boundingBox())!;
        const visible = (await drawnRows()).filter((r) => r.top >= list.y + 30 && r.top + 24 <= list.y + list.height);
        const aimed = visible[Math.min(2 + attempt, visible.length - 1)].id;
        const box = (await ui.page.locator(`.grid-row[data-id="${aimed}"]`).boundingBox())!;
        const x = box.x + box.width / 2;
        const y = box.y + box.height / 2;
        await ui.page.mouse.move(x, y);
        // The row under the pointer once it rests there (a capture may have arrived while it moved).
        const underPointer = () =>
          ui.page
            .locator('.grid-scroll')
            .evaluate(
              (el, [px, py]) =>
                el.ownerDocument.elementFromPoint(px, py)?.closest('[data-id]')?.getAttribute('data-id') ?? null,
              [x, y],
            );
        const pointed = Number(await underPointer());
        const sentBefore = traffic.sent;
        await eventually(
          async () => (traffic.sent >= sentBefore + 5 ? true : undefined),
          'captures arriving while the pointer rests',
        );
        expect(await underPointer()).toBe(String(pointed));
        await ui.page.mouse.click(x, y);
        await ui.page.locator(`.detail[data-capture-id="${pointed}"]`).waitFor();
        expect(await ui.page.locator('.grid-row.open').getAttribute('data-id')).toBe(String(pointed));
      }

      // Search while captures arrive: only matching captures are listed.
      await ui.page.mouse.move(5, 5);
      await ui.page.fill('#capture-search', 'needle');
      await eventually(async () => {
        const ids = (await drawnRows()).map((r) => r.id);
        return ids.length > 0 && ids.every((id) => (id - 1) % 4 === 0) ? true : undefined;
      }, 'only the needle captures listed');
      // Clearing the search reloads the first page after a short delay: wait for that answer, or it could land
      // after the pause below and bring captures that arrived meanwhile (a reload the user asked for).
      const relisted = ui.page.waitForResponse(
        (r) => r.url().endsWith('/api/captures.list') && !(r.request().postData() ?? '').includes('beforeId'),
      );
      await ui.page.fill('#capture-search', '');
      await relisted;
      await eventually(
        async () => ((await drawnRows()).some((r) => (r.id - 1) % 4 !== 0) ? true : undefined),
        'the whole list back',
      );

      // Pause with its key once the list shows the newest capture; then captures keep arriving.
      await traffic.stop();
      const shownNewest = await newestStoredId();
      await ui.page.locator('.grid-scroll').evaluate((el) => (el.scrollTop = 0));
      await ui.page.locator(`.grid-row[data-id="${shownNewest}"]`).waitFor();
      await ui.page.locator('#capture-search').press('Escape'); // leave the search field: keys then drive the list
      await ui.page.keyboard.press('p');
      await ui.page.locator('.live-toggle[aria-pressed="true"]').waitFor();
      const frozen = await drawnRows();
      const more = steadyTraffic(15);
      await eventually(async () => (more.sent >= 40 ? true : undefined), '40 captures arriving while paused');
      await more.stop();
      expect(more.failed).toBe(0);
      const newest = await newestStoredId();
      expect(newest - shownNewest).toBe(more.sent);
      // The pill counts them; the list has not moved.
      const pill = ui.page.locator('.new-pill');
      await eventually(
        async () => ((await pill.textContent()) === `${more.sent} new` ? true : undefined),
        `the pill counting ${more.sent} new`,
      );
      expect(await drawnRows()).toEqual(frozen);

      // The pill resumes: the new captures are folded in, the newest on top once scrolled there.
      await pill.click();
      await ui.page.locator('.live-toggle[aria-pressed="false"]').waitFor();
      await ui.page.locator('.grid-scroll').evaluate((el) => (el.scrollTop = 0));
      await ui.page.locator(`.grid-row[data-id="${newest}"]`).waitFor();
      expect(await ui.page.locator('.new-pill').count()).toBe(0);
    } finally {
      await traffic.stop();
    }
    expect(traffic.failed).toBe(0);
    expect(ui.problems).toEqual([]);
  });
});

describe('the backlog after a burst', () => {
  it('tells how many captures still wait for a verdict, and says nothing once none do', async () => {
    // 30,000 captures stored with neither verdict nor index, as a burst leaves them.
    const backlogged = await startServed(async (dataDir) => {
      const app = createApp({ dataDir });
      const endpointId = app.endpoints.list()[0]?.id ?? app.createEndpoint('default').id;
      const body = Buffer.from('{"type":"invoice.paid"}');
      for (let i = 0; i < 30; i++) {
        app.captures.insertMany(
          Array.from({ length: 1000 }, () =>
            toNewCapture(endpointId, '127.0.0.1', {
              endpoint: 'default',
              receivedAt: Date.now(),
              method: 'POST',
              target: '/default/burst',
              headers: [],
              body,
              status: 200,
            }),
          ),
        );
      }
      await app.close();
    });
    const page = await openUi(browser, backlogged.uiUrl);
    try {
      const note = page.page.locator('.backlog-note');
      await note.waitFor();
      expect(await note.textContent()).toMatch(/^verdicts for [\d,]+ captures? pending/);
      await eventually(
        async () => {
          const b = await api(backlogged, 'app.backlog', {});
          return b.verdictsPending === 0 && b.indexPending === 0 ? true : undefined;
        },
        'the backlog drained',
        90_000,
      );
      await note.waitFor({ state: 'detached' });
      expect(page.problems).toEqual([]);
    } finally {
      await page.context.close();
      await backlogged.stop();
    }
  }, 120_000);
});
