import { startServe } from '../serve-child';
// Time for the UI to show the first page of a large history: `hookscope serve`
// on the dataset, headless Chromium loading its UI, until a capture row is drawn.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { requireChromium } from '../../test/helpers/chromium';
import { round, spread, type Spread } from '../stats';

const ROOT = resolve(import.meta.dirname, '../..');
/** A capture row of the list (renderer/src/captures/CaptureRow.tsx); the header row has no data-id. */
export const ROW_SELECTOR = '[role="row"][data-id]';

export interface UiResult {
  loads: number;
  /** The first load: a browser with nothing cached. */
  coldMs: number;
  /** Every load after the first, each in a fresh browser context. */
  warmMs: Spread;
  newestIdShown: number;
  serveRssMb: number;
}

/** Builds renderer/dist when it is missing (or when asked). */
export function ensureUiBuilt(force: boolean, log: (line: string) => void): void {
  if (!force && existsSync(resolve(ROOT, 'renderer/dist/index.html'))) return;
  log('  building the UI (npm run build:ui)');
  const built = spawnSync('npm', ['run', 'build:ui'], { cwd: ROOT, stdio: 'inherit', timeout: 300_000 });
  if (built.status !== 0) throw new Error('npm run build:ui failed');
}

function rssMb(pid: number): number {
  try {
    const status = spawnSync('ps', ['-o', 'rss=', '-p', String(pid)])
      .stdout.toString()
      .trim();
    return Math.round(Number(status) / 1024);
  } catch {
    return 0;
  }
}

export async function benchUi(dataDir: string, loads: number): Promise<UiResult> {
  const serve = await startServe(dataDir);
  const browser = await chromium.launch({
    executablePath: requireChromium(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const times: number[] = [];
    let newestIdShown = 0;
    for (let i = 0; i < loads; i++) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      const page = await context.newPage();
      const started = performance.now();
      await page.goto(serve.uiUrl, { waitUntil: 'commit' });
      const row = await page.waitForSelector(ROW_SELECTOR, { timeout: 60_000 });
      times.push(performance.now() - started);
      newestIdShown = Number(await row.getAttribute('data-id'));
      await context.close();
    }
    const warm = spread(times.slice(1));
    return {
      loads,
      coldMs: round(times[0]),
      warmMs: { n: warm.n, p50: round(warm.p50), p99: round(warm.p99), max: round(warm.max) },
      newestIdShown,
      serveRssMb: rssMb(serve.child.pid!),
    };
  } finally {
    await browser.close();
    serve.child.kill('SIGTERM');
    await new Promise((r) => (serve.child.exitCode !== null ? r(null) : serve.child.once('exit', r)));
  }
}
