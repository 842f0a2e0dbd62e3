import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const SCREENSHOT_DIR = resolve(ROOT, 'test-results/screenshots');

/** Whether this run keeps pictures of the screens: `HOOKSCOPE_SCREENSHOTS=1 npm run test:e2e`. */
const SCREENSHOTS_WANTED = process.env.HOOKSCOPE_SCREENSHOTS === '1';

/**
 * Saves a screenshot of the page under test-results/screenshots/ (git-ignored),
 * for a person to look at, when HOOKSCOPE_SCREENSHOTS=1. The tests assert the
 * layout themselves (in view, nothing cut off); the 78 pictures cost Chromium
 * about 11 CPU-seconds a run, so `npm test` skips them. Returns the path, or
 * undefined when skipped.
 */
export async function snap(page: Page, name: string): Promise<string | undefined> {
  if (!SCREENSHOTS_WANTED) return undefined;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = resolve(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
