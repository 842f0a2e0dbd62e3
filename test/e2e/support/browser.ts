import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { findChromium, requireChromium } from '../../helpers/chromium';

/** CHROMIUM_PATH, else Debian's Chromium or another in a usual place; never `playwright install`. */
export const CHROMIUM = findChromium() ?? '/usr/bin/chromium';

/** Chromium, headless; a clear error when none is installed. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: requireChromium(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export interface UiPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and console errors, for asserting a clean run. */
  problems: string[];
}

/** A fresh context (fixed size, time zone, colour scheme) with the UI open. */
export async function openUi(
  browser: Browser,
  uiUrl: string,
  options: {
    colorScheme?: 'light' | 'dark';
    width?: number;
    height?: number;
    /** Runs on the new page before it loads the UI (routes, init scripts). */
    beforeLoad?: (page: Page) => Promise<void>;
  } = {},
): Promise<UiPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1360, height: options.height ?? 820 },
    deviceScaleFactor: 1,
    colorScheme: options.colorScheme ?? 'light',
    timezoneId: 'UTC',
    locale: 'en-US',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // Chromium logs every non-2xx fetch; refused calls are expected in some tests and shown in the UI.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`);
  });
  await options.beforeLoad?.(page);
  await page.goto(uiUrl);
  await page.locator('.topbar').waitFor();
  return { context, page, problems };
}
