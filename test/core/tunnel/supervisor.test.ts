import { createServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock, systemClock } from '../../../src/core/clock';
import {
  createLocaltunnelDriver,
  createTunnelSupervisor,
  defaultBackoff,
  type LinkHandlers,
  type OpenLinkOptions,
  type TunnelDriver,
} from '../../../src/core/tunnel';
import { captureTarget } from '../../../src/core/tunnel';
import { describeTunnelStatus } from '../../../src/core/tunnel/describe';
import { HookscopeError } from '../../../src/shared/errors';
import { TUNNEL_REMINDER_NOTE, type TunnelStatus } from '../../../src/shared/tunnel-types';

/** A driver whose links the test opens, fails and drops by hand. */
function scriptedDriver() {
  const calls: {
    options: OpenLinkOptions;
    handlers: LinkHandlers;
    settle(result: { id: string } | Error): void;
    closed: boolean;
  }[] = [];
  const driver: TunnelDriver = {
    open(options, handlers) {
      return new Promise((resolve, reject) => {
        const call = {
          options,
          handlers,
          closed: false,
          settle(result: { id: string } | Error) {
            if (result instanceof Error) return reject(result);
            resolve({
              assignment: { id: result.id, url: `https://${result.id}.example.test` },
              close: () => (call.closed = true),
            });
          },
        };
        calls.push(call);
      });
    },
  };
  return { driver, calls };
}

const flush = () => new Promise((r) => setImmediate(r));
const failure = (message: string) => new HookscopeError('TUNNEL_FAILED', message);

describe('tunnel supervisor (scripted driver, manual clock)', () => {
  it('backs off 1 s, 2 s, 4 s ... up to 30 s between reconnection attempts, and asks for the subdomain it had', async () => {
    expect([1, 2, 3, 4, 5, 6, 7, 12].map(defaultBackoff)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    const clock = new ManualClock(1_000_000);
    const { driver, calls } = scriptedDriver();
    const statuses: TunnelStatus[] = [];
    const tunnel = createTunnelSupervisor({
      driver,
      clock,
      target: () => ({ port: 8787 }),
      onStatus: (s) => statuses.push(s),
    });

    const started = tunnel.start({ host: 'https://lt.example.test' });
    calls[0].settle({ id: 'brave-fox' });
    expect(await started).toMatchObject({ state: 'open', url: 'https://brave-fox.example.test', localPort: 8787 });
    expect(calls[0].options).toEqual({
      host: 'https://lt.example.test',
      subdomain: null,
      localPort: 8787,
      localHost: undefined,
    });
    expect(tunnel.status().notes).toEqual([]);

    calls[0].handlers.onDown(failure('the tunnel server refused the link'));
    expect(tunnel.status()).toMatchObject({
      state: 'reconnecting',
      attempt: 1,
      retryAt: 1_001_000,
      url: 'https://brave-fox.example.test',
    });
    expect(tunnel.status().error).toEqual({ code: 'TUNNEL_FAILED', message: 'the tunnel server refused the link' });

    const due: number[] = [];
    for (let n = 1; n <= 7; n++) {
      clock.advance(clock.nextAt()! - clock.now() - 1);
      expect(calls).toHaveLength(n);
      clock.advance(1);
      due.push(clock.now() - 1_000_000);
      expect(calls).toHaveLength(n + 1);
      expect(calls[n].options.subdomain).toBe('brave-fox');
      calls[n].settle(failure(`offline ${n}`));
      await flush();
    }
    // Attempts at +1 s, then 2, 4, 8, 16, 30, 30 s after each failure.
    expect(due).toEqual([1000, 3000, 7000, 15000, 31000, 61000, 91000]);
    expect(tunnel.status()).toMatchObject({ state: 'reconnecting', attempt: 8, error: { message: 'offline 7' } });

    clock.advance(30_000);
    calls[8].settle({ id: 'other-name' });
    await flush();
    const reopened = tunnel.status();
    expect(reopened).toMatchObject({
      state: 'open',
      attempt: 0,
      retryAt: null,
      error: null,
      url: 'https://other-name.example.test',
    });
    expect(reopened.notes.join('\n')).toMatch(/URL changed from https:\/\/brave-fox\.example\.test/);
    expect(reopened.notes.join('\n')).toMatch(/"brave-fox" was taken/);
    expect(statuses.map((s) => s.state).filter((s, i, all) => s !== all[i - 1])).toEqual([
      'connecting',
      'open',
      'reconnecting',
      'open',
    ]);
  });

  it('stop cancels a pending reconnection and closes the link; a late link is closed at once', async () => {
    const clock = new ManualClock(0);
    const { driver, calls } = scriptedDriver();
    const tunnel = createTunnelSupervisor({ driver, clock, target: () => ({ port: 1 }) });
    const started = tunnel.start();
    calls[0].settle({ id: 'aaaa' });
    await started;
    calls[0].handlers.onDown(failure('gone'));
    expect(clock.pending).toBe(1);
    expect(tunnel.stop()).toMatchObject({ state: 'closed', url: null, error: null });
    expect(clock.pending).toBe(0);
    // A link that drops after stop is ignored.
    calls[0].handlers.onDown(failure('late'));
    expect(tunnel.status().state).toBe('closed');

    const again = tunnel.start({ subdomain: 'bbbb' });
    tunnel.stop();
    calls[1].settle({ id: 'bbbb' });
    await expect(again).rejects.toMatchObject({ code: 'TUNNEL_FAILED' });
    expect(calls[1].closed).toBe(true);
    expect(tunnel.status().state).toBe('closed');
  });

  it("mentions loca.lt's reminder page only for loca.lt", async () => {
    const { driver, calls } = scriptedDriver();
    const tunnel = createTunnelSupervisor({ driver, clock: new ManualClock(0), target: () => ({ port: 1 }) });
    const started = tunnel.start();
    calls[0].settle({ id: 'dddd' });
    expect((await started).host).toBe('https://localtunnel.me');
    expect(tunnel.status().notes).toEqual([TUNNEL_REMINDER_NOTE]);
  });

  it('refuses to start without a capture server, and start with the same options while running is a no-op', async () => {
    const clock = new ManualClock(0);
    const { driver, calls } = scriptedDriver();
    let target: { port: number } | null = null;
    const tunnel = createTunnelSupervisor({ driver, clock, target: () => target });
    await expect(tunnel.start()).rejects.toMatchObject({
      code: 'TUNNEL_FAILED',
      message: expect.stringMatching(/capture server is not listening/),
    });
    target = { port: 5 };
    const a = tunnel.start();
    const b = tunnel.start();
    calls[0].settle({ id: 'cccc' });
    expect((await a).url).toBe((await b).url);
    expect(calls).toHaveLength(1);
  });

  it('forwards to loopback and wildcard binds as localhost, to any other address by name', () => {
    expect(captureTarget({ address: '127.0.0.1', port: 1, family: 'IPv4' })).toEqual({ port: 1 });
    expect(captureTarget({ address: '::', port: 2, family: 'IPv6' })).toEqual({ port: 2 });
    expect(captureTarget({ address: '192.168.1.9', port: 3, family: 'IPv4' })).toEqual({
      port: 3,
      host: '192.168.1.9',
    });
    expect(captureTarget(null)).toBeNull();
  });
});

describe('tunnel status as serve prints it', () => {
  it('names the URL and the capture port when open, the cause and the wait when reconnecting', () => {
    const base: TunnelStatus = {
      state: 'open',
      provider: 'localtunnel',
      url: 'https://a.loca.lt',
      host: 'https://localtunnel.me',
      subdomain: null,
      localPort: 8787,
      attempt: 0,
      retryAt: null,
      error: null,
      notes: ['note one'],
      since: 0,
    };
    expect(describeTunnelStatus(base, 0)).toBe(
      'tunnel: open at https://a.loca.lt  ->  capture server port 8787 (the control API is not exposed)\n  note one',
    );
    const error = { code: 'TUNNEL_FAILED' as const, message: 'refused' };
    expect(describeTunnelStatus({ ...base, state: 'reconnecting', attempt: 3, retryAt: 9_400, error }, 5_000)).toBe(
      'tunnel: link down (refused); reconnecting in 4 s (attempt 3)',
    );
    expect(describeTunnelStatus({ ...base, state: 'error', error }, 0)).toBe(
      'tunnel: could not open: refused; capturing locally only',
    );
    expect(describeTunnelStatus({ ...base, state: 'connecting' }, 0)).toBe(
      'tunnel: connecting to https://localtunnel.me ...',
    );
    expect(describeTunnelStatus({ ...base, state: 'closed' }, 0)).toBe('tunnel: closed');
  });
});

describe('localtunnel driver without a working link', () => {
  const servers: (Server | NetServer)[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) await new Promise<void>((r) => s.close(() => r()));
  });

  async function assigning(body: object): Promise<string> {
    const server = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body)),
    );
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('gives up with a cause when no socket to the tunnel server can be opened', async () => {
    // A link-local address with no interface named: connecting fails at once, without a packet leaving the machine.
    const host = await assigning({ id: 'zzzz', url: 'http://zzzz.invalid', port: 9, ip: 'fe80::1', max_conn_count: 2 });
    const driver = createLocaltunnelDriver({ clock: systemClock, connectTimeoutMs: 300 });
    const error = await driver
      .open({ host, subdomain: null, localPort: 1 }, { onDown: () => undefined })
      .catch((e: HookscopeError) => e);
    expect(error).toMatchObject({ code: 'TUNNEL_FAILED' });
    expect((error as Error).message).toMatch(
      /no connection to the tunnel server at fe80::1:9 for 300 ms|refused the connection/,
    );
  });

  it('does not spin when the server closes every socket at once', async () => {
    let accepted = 0;
    const slammer = createNetServer((socket) => {
      accepted++;
      socket.destroy();
    });
    servers.push(slammer);
    await new Promise<void>((r) => slammer.listen(0, '127.0.0.1', r));
    const port = (slammer.address() as AddressInfo).port;
    const host = await assigning({ id: 'yyyy', url: 'http://yyyy.invalid', port, ip: '127.0.0.1', max_conn_count: 2 });
    const driver = createLocaltunnelDriver({ clock: systemClock, connectTimeoutMs: 5000 });
    const link = await driver.open({ host, subdomain: null, localPort: 1 }, { onDown: () => undefined });
    await new Promise((r) => setTimeout(r, 1500));
    link.close();
    // Two sockets, each re-opened about once a second: a handful, not thousands.
    expect(accepted).toBeGreaterThanOrEqual(2);
    expect(accepted).toBeLessThanOrEqual(8);
  });
});
