import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Starts a program detached; what `openInBrowser` uses unless a test gives its own. */
export type Launcher = (command: string, args: string[]) => void;

/** How long the forwarding page stays on disk: long enough for a cold browser to start and read it. */
export const FORWARD_PAGE_LIFETIME_MS = 60_000;

const spawnDetached: Launcher = (command, args) => {
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No browser opener here: the URL is printed anyway.
  }
};

/** The platform's opener for a file or URL. */
export function openerFor(target: string, platform: NodeJS.Platform): [string, string[]] {
  return platform === 'darwin'
    ? ['open', [target]]
    : platform === 'win32'
      ? ['cmd', ['/c', 'start', '""', target]]
      : ['xdg-open', [target]];
}

/** A page that forwards at once to `url`; the URL is written as data (JSON, `<` escaped), never as markup. */
export function forwardPage(url: string): string {
  const literal = JSON.stringify(url).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><title>Opening Hookscope</title></head>
<body><p>Opening Hookscope...</p><script>location.replace(${literal});</script></body></html>
`;
}

export interface OpenOptions {
  platform?: NodeJS.Platform;
  launch?: Launcher;
  /** Where the forwarding page's private folder is made (the OS temp folder by default). */
  tempRoot?: string;
  setTimer?: (ms: number, run: () => void) => void;
}

/**
 * Opens the UI in the default browser without putting its token on a command
 * line (where any local user can read it in the process list): the URL, token
 * in its fragment, goes into an owner-only (0600) page in an owner-only
 * folder, the opener is given that file, and the page is deleted a minute
 * later (or when this process exits). Returns the page's path, or null when it
 * could not be written (then nothing is opened; the URL is printed anyway).
 */
export function openInBrowser(url: string, options: OpenOptions = {}): string | null {
  const launch = options.launch ?? spawnDetached;
  const setTimer = options.setTimer ?? ((ms, run) => setTimeout(run, ms).unref());
  let dir: string;
  let page: string;
  try {
    dir = mkdtempSync(join(options.tempRoot ?? tmpdir(), 'hookscope-open-'));
    page = join(dir, 'open-hookscope.html');
    writeFileSync(page, forwardPage(url), { mode: 0o600, flag: 'wx' });
  } catch {
    return null;
  }
  const remove = () => rmSync(dir, { recursive: true, force: true });
  setTimer(FORWARD_PAGE_LIFETIME_MS, remove);
  process.once('exit', remove);
  const [command, args] = openerFor(
    options.platform === 'win32' ? page : pathToFileURL(page).href,
    options.platform ?? process.platform,
  );
  launch(command, args);
  return page;
}
