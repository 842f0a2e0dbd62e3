import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/core/clock';
import { createCloudflaredDriver } from '../../../src/core/tunnel/cloudflared-driver';
import { createNgrokDriver, describeNgrokFailure } from '../../../src/core/tunnel/ngrok-driver';
import type { TunnelDriver } from '../../../src/core/tunnel/driver';
import type { TunnelProvider, TunnelStatus } from '../../../src/shared/tunnel-types';
import { startCaptureApp, type RunningCapture } from '../../helpers/capture-app';
import { fakeNgrokSdk } from './support/fake-ngrok';
import { startLtServer } from './support/lt-server';
import { waitFor } from '../../helpers/wait';

const FAKE_CLOUDFLARED = resolve(import.meta.dirname, 'support/fake-cloudflared.mjs');

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** One way to a public URL, made runnable here, and how to make its link drop. */
interface Rig {
  provider: TunnelProvider;
  start(cap: RunningCapture): Promise<TunnelStatus>;
  drop(): Promise<void> | void;
}

async function appWith(drivers: { cloudflared?: TunnelDriver; ngrok?: TunnelDriver }) {
  const cap = await startCaptureApp({ tunnel: { backoff: () => 40, drivers } });
  cleanups.push(() => cap.close());
  const statuses: TunnelStatus[] = [];
  cap.app.events.subscribe((event, payload) => event === 'tunnel.status' && statuses.push(payload as TunnelStatus));
  return { cap, statuses };
}

const RIGS: Record<TunnelProvider, () => Promise<Rig & { cap: RunningCapture; statuses: TunnelStatus[] }>> = {
  async localtunnel() {
    const lt = await startLtServer();
    cleanups.push(() => lt.close());
    const { cap, statuses } = await appWith({});
    return {
      provider: 'localtunnel',
      cap,
      statuses,
      start: (c) => c.app.tunnel.start({ host: lt.url }),
      drop: () => lt.dropClient(lt.clients()[0]),
    };
  },
  async cloudflared() {
    const { cap, statuses } = await appWith({ cloudflared: createCloudflaredDriver({ binary: FAKE_CLOUDFLARED }) });
    return {
      provider: 'cloudflared',
      cap,
      statuses,
      start: (c) => c.app.tunnel.start({ provider: 'cloudflared' }),
      // The running stand-in ends as a crash would; the supervisor starts a new one.
      drop: async () => {
        process.kill(await newestStandInPid(), 'SIGKILL');
      },
    };
  },
  async ngrok() {
    const fake = fakeNgrokSdk();
    cleanups.push(() => fake.close());
    const driver = createNgrokDriver({ authtoken: () => 'test-token', load: async () => fake.sdk });
    const { cap, statuses } = await appWith({ ngrok: driver });
    return {
      provider: 'ngrok',
      cap,
      statuses,
      start: (c) => c.app.tunnel.start({ provider: 'ngrok' }),
      drop: () => fake.drop(),
    };
  },
};

/** The pid of the newest stand-in cloudflared, from the process table. */
async function newestStandInPid(): Promise<number> {
  const { execFileSync } = await import('node:child_process');
  return Number(execFileSync('pgrep', ['-n', '-f', 'fake-cloudflared.mjs']).toString().trim());
}

describe.each(Object.keys(RIGS) as TunnelProvider[])('the %s driver under the one supervisor', (provider) => {
  it('opens, passes the self-test, reports the same statuses, and reconnects after the link drops', async () => {
    const rig = await RIGS[provider]();
    const opened = await rig.start(rig.cap);
    expect(opened).toMatchObject({ state: 'open', provider, localPort: rig.cap.port });
    expect(opened.url).toMatch(/^https?:\/\//);
    const test = await rig.cap.app.tunnel.selfTest();
    expect(test.ok, test.message).toBe(true);

    await rig.drop();
    await waitFor('reconnecting', () => rig.statuses.some((s) => s.state === 'reconnecting'));
    const back = await waitFor(
      'open again',
      () => rig.statuses.filter((s) => s.state === 'open').length >= 2 && rig.cap.app.tunnel.status(),
    );
    expect(back).toMatchObject({ state: 'open', provider });
    expect((await rig.cap.app.tunnel.selfTest()).ok).toBe(true);
    expect(rig.statuses.map((s) => s.state).slice(0, 4)).toEqual(['connecting', 'open', 'reconnecting', 'open']);
    expect(rig.cap.app.tunnel.stop().state).toBe('closed');
  });
});

describe('cloudflared: what a user sees when it cannot run', () => {
  const open = (options: Parameters<typeof createCloudflaredDriver>[0]) =>
    createCloudflaredDriver({ clock: systemClock, ...options }).open(
      { host: '', subdomain: null, localPort: 9 },
      { onDown: () => undefined },
    );

  it('not installed: one sentence saying how to install it', async () => {
    await expect(open({ env: { PATH: '/nonexistent' } })).rejects.toMatchObject({
      code: 'TUNNEL_FAILED',
      message: expect.stringMatching(/^cloudflared is not installed: install cloudflared/),
    });
    await expect(open({ binary: '/nonexistent/cloudflared' })).rejects.toMatchObject({
      message: expect.stringContaining('was not found at /nonexistent/cloudflared'),
    });
  });

  it('offline: its own error line is named', async () => {
    const error = await open({ binary: FAKE_CLOUDFLARED, env: { ...process.env, FAKE_CLOUDFLARED: 'fail' } }).catch(
      (e) => e,
    );
    expect(error).toMatchObject({ code: 'TUNNEL_FAILED' });
    expect(error.message).toMatch(/^cloudflared exited \(code 1\); it said: .*no such host/);
  });

  it('no URL in time: the child is stopped and the wait is named', async () => {
    const error = await open({
      binary: FAKE_CLOUDFLARED,
      env: { ...process.env, FAKE_CLOUDFLARED: 'silent' },
      startTimeoutMs: 300,
    }).catch((e) => e);
    expect(error.message).toMatch(/gave no public URL within 0 s \(is this machine offline\?\)/);
  });

  it('is found on PATH', async () => {
    const { mkdtempSync, symlinkSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(resolve(tmpdir(), 'hookscope-path-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    symlinkSync(FAKE_CLOUDFLARED, resolve(dir, 'cloudflared'));
    const { cap } = await appWith({
      cloudflared: createCloudflaredDriver({ env: { ...process.env, PATH: `${dir}:${process.env.PATH}` } }),
    });
    expect((await cap.app.tunnel.start({ provider: 'cloudflared' })).state).toBe('open');
    expect((await cap.app.tunnel.selfTest()).ok).toBe(true);
    cap.app.tunnel.stop();
  });
});

describe('ngrok, as far as it can be tested offline', () => {
  it("the official SDK's module loads here", async () => {
    const sdk = await import('@ngrok/ngrok');
    expect(typeof (sdk.forward ?? (sdk as unknown as { default: typeof sdk }).default.forward)).toBe('function');
  });

  it('no authtoken: one sentence naming where to put it, and the SDK is not even loaded', async () => {
    let loaded = false;
    const driver = createNgrokDriver({
      authtoken: () => undefined,
      load: async () => ((loaded = true), fakeNgrokSdk().sdk),
    });
    await expect(
      driver.open({ host: '', subdomain: null, localPort: 9 }, { onDown: () => undefined }),
    ).rejects.toMatchObject({
      code: 'TUNNEL_FAILED',
      message: expect.stringMatching(/^ngrok needs an authtoken: set NGROK_AUTHTOKEN/),
    });
    expect(loaded).toBe(false);
  });

  it('an unreachable service, through the real SDK: one sentence, no stack', async () => {
    const driver = createNgrokDriver({ authtoken: () => 'not-a-real-token', serverAddr: '127.0.0.1:1' });
    const error = await driver
      .open({ host: '', subdomain: null, localPort: 9 }, { onDown: () => undefined })
      .catch((e) => e);
    expect(error).toMatchObject({
      code: 'TUNNEL_FAILED',
      message: "ngrok's service could not be reached: is this machine offline?",
    });
  });

  it('names a refused authtoken', () => {
    expect(describeNgrokFailure(new Error('ERR_NGROK_4018: authentication failed'))).toMatch(
      /^ngrok refused the authtoken/,
    );
  });
});
