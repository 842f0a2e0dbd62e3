// How the Electron-ABI build of better-sqlite3 is obtained: prebuilt first
// (better-sqlite3 publishes one per Electron ABI and platform, fetched by its
// own installer, prebuild-install, with no compiler), compiled with node-gyp
// only when no prebuilt can be had. Pure order and wording here; the steps
// that touch the network and the compiler are passed in, so tests drive it.

/**
 * @typedef {{ ok: true } | { ok: false, reason: string }} StepResult
 * @typedef {{
 *   electron: string, betterSqlite3: string, platform: string, arch: string,
 *   prebuilt: () => StepResult, compile: () => StepResult, log?: (line: string) => void,
 * }} Plan
 */

/** Runs the plan; returns how the module was had, or one sentence saying what is missing. */
export function obtainElectronNative(plan) {
  const log = plan.log ?? (() => undefined);
  const what = `better-sqlite3 ${plan.betterSqlite3} for Electron ${plan.electron} (${plan.platform}-${plan.arch})`;
  log(`Fetching a prebuilt ${what} ...`);
  const prebuilt = plan.prebuilt();
  if (prebuilt.ok) return { ok: true, how: 'prebuilt' };
  log(`No prebuilt ${what} could be had (${prebuilt.reason}); compiling it ...`);
  const compiled = plan.compile();
  if (compiled.ok) return { ok: true, how: 'compiled' };
  return {
    ok: false,
    how: null,
    sentence:
      `${what} could not be fetched prebuilt (${prebuilt.reason}) nor compiled ` +
      `(${compiled.reason}; compiling needs Python 3, make and a C++ compiler, and Electron's headers from the internet).`,
  };
}

// What usually stops an install, most telling first: the network, a missing tool, then any error line.
const CAUSES = [
  /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|timed out|network connectivity/i,
  /no prebuilt|404|403/i,
  /find Python|not found: make|not find any Visual Studio|No Xcode|command not found|compiler/i,
  /err|fail/i,
];
// node-gyp's own closing lines say nothing of the cause.
const NOISE = /^gyp (ERR!|info) (not ok|ok|cwd|node -v|node-gyp -v|command|System|stack\s+at)/;

/** The most telling line a failed command printed, for a one-sentence reason. */
export function lastReason(output, fallback) {
  const lines = String(output ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !NOISE.test(l))
    .map((l) => l.replace(/^prebuild-install (warn|info|http) /, '').replace(/^gyp (ERR!|WARN) (stack )?/, ''));
  for (const cause of CAUSES) {
    const found = lines.find((l) => cause.test(l));
    if (found) return found;
  }
  return lines.at(-1) ?? fallback;
}
