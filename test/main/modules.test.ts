import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock';
import type { CaptureSummary } from '../../src/shared/capture-types';
import { fileInside, isAppUrl } from '../../src/main/app-protocol';
import { buildMenuTemplate } from '../../src/main/menu';
import { electronNativeBinding } from '../../src/main/native-binding';
import { isSafeExternalUrl } from '../../src/main/navigation';
import { createCaptureNotifier, notificationText } from '../../src/main/notifications';
import { DEFAULT_SETTINGS, loadSettings, saveSettings, settingsFile } from '../../src/main/settings';
import { tempDir } from '../helpers/temp-dir';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

function capture(id: number, extra: Partial<CaptureSummary> = {}): CaptureSummary {
  return {
    id,
    endpoint: 'default',
    receivedAt: '2025-01-01T00:00:00.000Z',
    method: 'POST',
    path: `/default/${id}`,
    query: '',
    bodySize: 1,
    truncated: false,
    responseStatus: 200,
    provider: null,
    eventType: null,
    signatureStatus: null,
    ...extra,
  };
}

describe('external URLs and the app origin', () => {
  it('lets only plain http(s) URLs out', () => {
    for (const url of ['https://example.com', 'http://127.0.0.1:8787/default', 'https://docs.example.com/a?b=c#d'])
      expect(isSafeExternalUrl(url)).toBe(true);
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'vbscript:x',
      'smb://host/share',
      'ms-msdt:/id',
      'https://user:pass@example.com',
      'https://exa\nmple.com',
      ' https://example.com',
      `https://example.com/${'a'.repeat(2100)}`,
      'not a url',
      42,
      null,
    ]) {
      expect(isSafeExternalUrl(url)).toBe(false);
    }
  });

  it('knows its own origin and keeps paths inside the renderer folder', () => {
    expect(isAppUrl('hookscope://app/index.html')).toBe(true);
    expect(isAppUrl('hookscope://app.evil/index.html')).toBe(false);
    expect(isAppUrl('https://app/index.html')).toBe(false);
    expect(isAppUrl('file:///app/index.html')).toBe(false);
    expect(fileInside('/srv/ui', '/assets/a.js')).toBe('/srv/ui/assets/a.js');
    expect(fileInside('/srv/ui', '/')).toBe('/srv/ui/index.html');
    expect(fileInside('/srv/ui', '/..%2f..%2fetc/passwd')).toBeNull();
    expect(fileInside('/srv/ui', '/%E0%A4%A')).toBeNull();
    expect(fileInside('/srv/ui', '/a%00.js')).toBeNull();
  });
});

describe('capture notifications', () => {
  it('says what arrived, as plain text', () => {
    expect(
      notificationText([
        capture(1, { path: '/stripe/hook', provider: 'stripe', eventType: 'invoice.paid', endpoint: 'stripe' }),
      ]),
    ).toEqual({
      title: 'New webhook on stripe',
      body: 'POST /stripe/hook (stripe invoice.paid)',
    });
    const noisy = notificationText([capture(1, { path: `/x\u0007\n<script>${'y'.repeat(300)}` })]);
    expect(noisy.body).not.toMatch(/[\u0000-\u001f]/);
    expect(noisy.body.length).toBeLessThanOrEqual(160);
    expect(notificationText([capture(1), capture(2)])).toEqual({
      title: '2 new webhooks',
      body: 'latest: POST /default/2',
    });
  });

  it('shows the first capture of a burst at once and gathers the rest into one per quiet period', () => {
    const clock = new ManualClock(0);
    const shown: string[] = [];
    let enabled = true;
    let away = true;
    const notifier = createCaptureNotifier({
      clock,
      enabled: () => enabled,
      wanted: () => away,
      show: (t) => shown.push(t.title),
      quietMs: 1000,
    });
    notifier.captures([capture(1)]);
    for (let i = 2; i <= 50; i++) notifier.captures([capture(i)]);
    expect(shown).toEqual(['New webhook on default']);
    clock.advance(1000);
    expect(shown).toEqual(['New webhook on default', '49 new webhooks']);
    clock.advance(1000);
    expect(shown).toHaveLength(2);

    away = false;
    notifier.captures([capture(51)]);
    enabled = false;
    away = true;
    notifier.captures([capture(52)]);
    clock.advance(5000);
    expect(shown).toHaveLength(2);
    enabled = true;
    notifier.captures([capture(53)]);
    expect(shown).toHaveLength(3);
    notifier.dispose();
    expect(clock.pending).toBe(0);
  });
});

describe('desktop settings', () => {
  it('starts from the defaults, survives a damaged file, and writes whole files only', () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = settingsFile(dir.path);
    expect(loadSettings(file)).toEqual(DEFAULT_SETTINGS);
    saveSettings(file, { notifications: false });
    expect(loadSettings(file)).toEqual({ notifications: false });
    expect(readdirSync(dir.path)).toEqual(['desktop-settings.json']);
    writeFileSync(file, '{"notifications": fal');
    expect(loadSettings(file)).toEqual(DEFAULT_SETTINGS);
    writeFileSync(file, '{"notifications": "no", "other": 1}');
    expect(loadSettings(file)).toEqual({ notifications: true });
  });
});

describe('application menu', () => {
  const actions = { setNotifications: () => undefined, openDataFolder: () => undefined };
  const roles = (template: ReturnType<typeof buildMenuTemplate>) =>
    template
      .flatMap((m) => [m.role, ...((m.submenu as { role?: string }[] | undefined) ?? []).map((i) => i.role)])
      .filter(Boolean);

  it('has the usual edit, view and window roles, with an app menu on macOS only', () => {
    const linux = buildMenuTemplate(
      { platform: 'linux', appName: 'Hookscope', isPackaged: true, notifications: true },
      actions,
    );
    expect(linux.map((m) => m.label ?? m.role)).toEqual(['File', 'Edit', 'View', 'windowMenu']);
    expect(roles(linux)).toEqual(
      expect.arrayContaining([
        'quit',
        'undo',
        'redo',
        'cut',
        'copy',
        'paste',
        'selectAll',
        'zoomIn',
        'zoomOut',
        'resetZoom',
        'togglefullscreen',
        'windowMenu',
      ]),
    );
    expect(roles(linux)).not.toContain('toggleDevTools');
    const mac = buildMenuTemplate(
      { platform: 'darwin', appName: 'Hookscope', isPackaged: false, notifications: false },
      actions,
    );
    expect(mac[0].label).toBe('Hookscope');
    expect(roles(mac)).toEqual(expect.arrayContaining(['about', 'hide', 'quit', 'close', 'toggleDevTools']));
    const notify = (mac[0].submenu as { id?: string; checked?: boolean }[]).find((i) => i.id === 'notifications');
    expect(notify).toMatchObject({ checked: false });
  });
});

describe('the Electron build of better-sqlite3', () => {
  it('is looked for in .electron-native/ in a checkout and in resources/native/ when packaged', () => {
    const where = { appPath: '/src/hookscope', resourcesPath: '/opt/Hookscope/resources' };
    expect(electronNativeBinding({ ...where, isPackaged: false }, () => true)).toBe(
      join('/src/hookscope', '.electron-native', 'better_sqlite3.node'),
    );
    expect(electronNativeBinding({ ...where, isPackaged: true }, () => true)).toBe(
      join('/opt/Hookscope/resources', 'native', 'better_sqlite3.node'),
    );
    expect(electronNativeBinding({ ...where, isPackaged: false }, existsSync)).toBeUndefined();
  });
});
