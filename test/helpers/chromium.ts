import { existsSync } from 'node:fs';

/** Where a Chromium (or Chrome) usually lives, after CHROMIUM_PATH. Never a browser that playwright downloads. */
const USUAL_PLACES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/** The browser the browser tests and the bench drive: CHROMIUM_PATH, then the usual places. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const named = env.CHROMIUM_PATH?.trim();
  if (named) return named;
  return USUAL_PLACES.find((path) => existsSync(path));
}

export const NO_CHROMIUM =
  "No Chromium found: set CHROMIUM_PATH to a Chromium or Chrome binary, or install Debian's (apt-get install chromium); .ci/run installs it.";

/** The path to launch, or a clear error naming what to do. */
export function requireChromium(): string {
  const path = findChromium();
  if (!path || !existsSync(path))
    throw new Error(path ? `CHROMIUM_PATH=${path} does not exist. ${NO_CHROMIUM}` : NO_CHROMIUM);
  return path;
}
