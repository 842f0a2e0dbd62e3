import { describe, expect, it } from 'vitest';
import { lastReason, obtainElectronNative } from '../../scripts/electron-native/steps.mjs';

const base = { electron: '45.4.1', betterSqlite3: '12.6.2', platform: 'win32', arch: 'x64' };

describe('the Electron build of better-sqlite3: prebuilt first, compiled only without one', () => {
  it('takes the prebuilt binary and never runs the compiler', () => {
    const calls: string[] = [];
    const outcome = obtainElectronNative({
      ...base,
      prebuilt: () => (calls.push('prebuilt'), { ok: true }),
      compile: () => (calls.push('compile'), { ok: true }),
    });
    expect(outcome).toMatchObject({ ok: true, how: 'prebuilt' });
    expect(calls).toEqual(['prebuilt']);
  });

  it('compiles when no prebuilt exists for this Electron and platform', () => {
    const calls: string[] = [];
    const outcome = obtainElectronNative({
      ...base,
      prebuilt: () => (calls.push('prebuilt'), { ok: false, reason: 'no prebuilt binaries found (404)' }),
      compile: () => (calls.push('compile'), { ok: true }),
    });
    expect(outcome).toMatchObject({ ok: true, how: 'compiled' });
    expect(calls).toEqual(['prebuilt', 'compile']);
  });

  it('when neither works, one sentence names both causes and what compiling needs', () => {
    const outcome = obtainElectronNative({
      ...base,
      prebuilt: () => ({ ok: false, reason: 'getaddrinfo ENOTFOUND github.com' }),
      compile: () => ({ ok: false, reason: 'gyp ERR! find Python' }),
    });
    if (outcome.ok) throw new Error('expected a failure');
    expect(outcome.sentence).toBe(
      'better-sqlite3 12.6.2 for Electron 45.4.1 (win32-x64) could not be fetched prebuilt (getaddrinfo ENOTFOUND github.com) nor compiled ' +
        "(gyp ERR! find Python; compiling needs Python 3, make and a C++ compiler, and Electron's headers from the internet).",
    );
    expect(outcome.sentence.split('. ').length).toBe(1);
  });

  it('reads the reason from what the installer printed', () => {
    const out =
      'prebuild-install info begin Prebuild-install version 7.1.3\nprebuild-install warn install getaddrinfo EAI_AGAIN github.com\n';
    expect(lastReason(out, 'x')).toBe('install getaddrinfo EAI_AGAIN github.com');
    expect(lastReason('', 'exit code 1')).toBe('exit code 1');
  });
});

describe("node-gyp's output", () => {
  it('names the network, not "not ok"', () => {
    const out = [
      'gyp WARN install got an error, rolling back install',
      'gyp ERR! configure error ',
      'gyp ERR! stack Error: This is most likely not a problem with node-gyp or the package itself and',
      'gyp ERR! stack is related to network connectivity. In most cases you are behind a proxy or have bad',
      'gyp ERR! stack     at go (/x/node-gyp/lib/install.js:244:21)',
      'gyp ERR! not ok ',
    ].join('\n');
    expect(lastReason(out, 'x')).toBe(
      'is related to network connectivity. In most cases you are behind a proxy or have bad',
    );
  });
});
