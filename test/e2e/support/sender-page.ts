import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

const WAIT = { timeout: 15_000 };

export interface SendFields {
  provider?: string;
  event?: string;
  /** Loads the sample of this seed. */
  seed?: string;
  url?: string;
  secret?: string;
  /** A preset button label (`1×`, `60×`, `3600×`) or a custom factor. */
  speed?: string;
}

export async function openSender(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sender', exact: true }).click();
  await page.locator('form[aria-label="Send an event"]').waitFor(WAIT);
}

/** Waits until the payload editor holds a valid sample (the form is ready to send). */
async function sampleLoaded(page: Page): Promise<void> {
  // Send waits while a sample is on its way.
  await expect.poll(() => page.getByRole('button', { name: 'Send', exact: true }).isEnabled(), WAIT).toBe(true);
  await expect.poll(() => page.locator('input[name="seed"]').inputValue(), WAIT).toMatch(/^-?\d+$/);
  await expect.poll(() => page.getByTestId('payload-error').count(), WAIT).toBe(0);
  await expect.poll(() => page.locator('.cm-content').textContent(), WAIT).toContain('{');
}

/** Fills the Sender form as a user would. */
export async function fillSendForm(page: Page, f: SendFields): Promise<void> {
  if (f.provider) await page.locator('select[name="provider"]').selectOption(f.provider);
  if (f.event) await page.locator('select[name="eventType"]').selectOption(f.event);
  await sampleLoaded(page);
  if (f.seed !== undefined) {
    const seed = page.locator('input[name="seed"]');
    const load = page.getByRole('button', { name: 'Load', exact: true });
    await seed.fill(f.seed);
    await load.click();
    // The sample of that seed has landed when the field shows it again and Load has nothing left to load.
    await expect.poll(async () => (await seed.inputValue()) === f.seed && (await load.isDisabled()), WAIT).toBe(true);
  }
  if (f.url !== undefined) await page.locator('input[name="url"]').fill(f.url);
  if (f.secret !== undefined) await page.locator('input[name="secret"]').fill(f.secret);
  if (f.speed !== undefined) {
    if (f.speed.endsWith('×')) {
      await page.getByRole('radio', { name: f.speed, exact: true }).click();
    } else {
      await page.getByRole('radio', { name: 'Custom' }).click();
      await page.locator('input[name="customSpeed"]').fill(f.speed);
      await page.getByRole('button', { name: 'Apply', exact: true }).click();
    }
    const label = f.speed.endsWith('×') ? f.speed : `${f.speed}×`;
    await expect
      .poll(() => page.getByTestId('speed-meaning').textContent(), WAIT)
      .toMatch(new RegExp(`^${label.replace('.', '\\.')}:`));
  }
}

export function timeline(page: Page): Locator {
  return page.locator('section.timeline');
}

/** Waits until the timeline shows delivery `id` with `status`. */
export async function waitForDelivery(
  page: Page,
  id: number,
  status: 'pending' | 'delivered' | 'failed',
): Promise<void> {
  await page.locator(`section.timeline[data-delivery-id="${id}"][data-status="${status}"]`).waitFor(WAIT);
}

/** The timeline's attempt rows: ladder slot (or `manual`) and state. */
export async function attemptRows(page: Page): Promise<{ slot: string; state: string }[]> {
  return timeline(page)
    .locator('table.attempts tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => ({ slot: tr.getAttribute('data-slot') ?? '', state: tr.getAttribute('data-state') ?? '' })),
    );
}
