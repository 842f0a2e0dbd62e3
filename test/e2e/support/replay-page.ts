import type { Locator, Page } from 'playwright-core';

const WAIT = { timeout: 15_000 };

/** Goes to a screen with the top bar's navigation. */
export async function goTo(page: Page, label: 'Captures' | 'Endpoints' | 'Replay' | 'Tunnel'): Promise<void> {
  await page.locator('nav.nav').getByRole('button', { name: label, exact: true }).click();
}

/** The capture list's row with this path (newest first). */
export function rowByPath(page: Page, path: string): Locator {
  return page.locator('.grid-row[data-id]', { has: page.locator('.c-path', { hasText: path }) });
}

/** Opens the newest capture with this path on the Captures screen and waits for its detail; returns its id. */
export async function openCapture(page: Page, path: string): Promise<number> {
  await goTo(page, 'Captures');
  const row = rowByPath(page, path).first();
  await row.waitFor(WAIT);
  const id = Number(await row.getAttribute('data-id'));
  await row.click();
  try {
    await page.locator(`.detail[data-capture-id="${id}"] [data-section="body"]`).waitFor(WAIT);
  } catch (error) {
    // Say what the window showed instead: another capture's detail (a click that landed on another row),
    // this one's without its body, or none (a timed-out flake in depth-and-width left no trace of which).
    const shown = await page
      .locator('.detail[data-capture-id]')
      .evaluateAll((els) =>
        els.map(
          (e) =>
            `#${e.getAttribute('data-capture-id')} ${e.querySelector('[data-section]') ? 'with' : 'without'} sections: ${(e.textContent ?? '').slice(0, 200)}`,
        ),
      );
    const selected = await page
      .locator('.grid-row[aria-selected="true"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    throw new Error(
      `capture #${id}'s detail did not show; details shown: ${JSON.stringify(shown)}; rows selected: ${JSON.stringify(selected)}`,
      { cause: error },
    );
  }
  return id;
}

/** Presses a button in the open capture's header (Replay, Diff…, Export…). */
export async function detailAction(page: Page, name: string): Promise<void> {
  await page.locator('.detail-head').getByRole('button', { name, exact: true }).click();
}

/** Opens the open capture on the Replay screen and waits for its form. */
export async function replayFromDetail(page: Page, id: number): Promise<void> {
  await detailAction(page, 'Replay');
  await page.locator(`[data-testid="picked-capture"][data-capture-id="${id}"]`).waitFor(WAIT);
  await page.locator('form[aria-label="Replay a capture"]').waitFor(WAIT);
}

export function replayForm(page: Page): Locator {
  return page.locator('form[aria-label="Replay a capture"]');
}

/** Replaces a CodeMirror editor's whole text as a user would (select all, type). */
export async function setEditorText(page: Page, editor: Locator, text: string): Promise<void> {
  await editor.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

/** The header editor's rows as [name, value] pairs. */
export function headerRowsShown(page: Page): Promise<[string, string][]> {
  return page
    .locator('table[aria-label="Headers to send"] tr')
    .evaluateAll((trs) =>
      trs.map(
        (tr) =>
          Array.from(tr.querySelectorAll('input')).map((i) => (i as unknown as { value: string }).value) as [
            string,
            string,
          ],
      ),
    );
}

/** Sends the form and waits for the response view of a new replay (not `previous`); returns its id. */
export async function sendReplay(page: Page, previous: number | null = null): Promise<number> {
  await replayForm(page).getByRole('button', { name: 'Send', exact: true }).click();
  const response = page.locator('[data-testid="replay-response"]');
  const until = Date.now() + WAIT.timeout;
  for (;;) {
    const id = (await response.count()) > 0 ? Number(await response.getAttribute('data-replay-id')) : null;
    if (id !== null && id !== previous) return id;
    if (Date.now() > until) {
      // Say what the screen showed instead: an error, a disabled Send, or the old response.
      const alerts = await page.locator('[role="alert"]').allTextContents();
      const busy = await replayForm(page).getByRole('button', { name: 'Send', exact: true }).isDisabled();
      throw new Error(
        `no new replay in the response view after ${WAIT.timeout} ms (shown: replay ${id ?? 'none'}; alerts: ${JSON.stringify(alerts)}; Send ${busy ? 'disabled' : 'enabled'})`,
      );
    }
    await page.waitForTimeout(50);
  }
}
