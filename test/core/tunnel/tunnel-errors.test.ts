/**
 * The tunnel's failures in words ("could not be found: is this machine
 * offline?"), and over the control API a coded 502, never a 500.
 */
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandlers } from '../../../src/core/api';
import { networkWords } from '../../../src/core/tunnel/network-words';
import { networkCause, requestTunnel } from '../../../src/core/tunnel/register';
import { createControlServer, statusOf, type ControlServer } from '../../../src/server/control-server';
import { startCaptureApp, type RunningCapture } from '../../helpers/capture-app';
import { tempDir } from '../../helpers/temp-dir';
import { rawControlCall } from '../../hostile/support/control-client';

async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return `http://127.0.0.1:${port}`;
}

describe('network failures in words', () => {
  it('each common code gets a sentence that says what to check, and keeps the code', () => {
    const s = 'the tunnel server https://localtunnel.me';
    expect(networkWords(s, 'ENOTFOUND')).toBe(
      'the tunnel server https://localtunnel.me could not be found: is this machine offline? (ENOTFOUND)',
    );
    expect(networkWords(s, 'EAI_AGAIN')).toMatch(/could not be found: is this machine offline\? \(EAI_AGAIN\)$/);
    expect(networkWords(s, 'ECONNREFUSED')).toMatch(/refused the connection: .+ \(ECONNREFUSED\)$/);
    expect(networkWords(s, 'timed out')).toMatch(
      /did not answer in time: is this machine offline, or must it go through a proxy\? \(timed out\)$/,
    );
    expect(networkWords(s, 'ENETUNREACH')).toMatch(
      /cannot be reached from this machine: is it offline\? \(ENETUNREACH\)$/,
    );
    expect(networkWords(s, 'ECONNRESET')).toMatch(/cut the connection before answering \(ECONNRESET\)$/);
    expect(networkWords(s, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE')).toMatch(/certificate this machine does not trust/);
    expect(networkWords(s, 'something odd')).toBe(
      'could not reach the tunnel server https://localtunnel.me: something odd',
    );
  });

  it('a host that does not resolve (a real lookup of a .invalid name) is "could not be found", not a bare ENOTFOUND', async () => {
    const error = await requestTunnel('http://hookscope-test.invalid', null, { timeoutMs: 10_000 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      code: 'TUNNEL_FAILED',
      message: expect.stringMatching(
        /^the tunnel server http:\/\/hookscope-test\.invalid could not be found: is this machine offline\? \((ENOTFOUND|EAI_AGAIN)\)$/,
      ),
    });
  });

  it('networkCause reads the code under a fetch failure', async () => {
    const thrown = await fetch(`${await closedPortUrl()}/`).catch((e: unknown) => e);
    expect(networkCause(thrown)).toBe('ECONNREFUSED');
  });
});

describe('tunnel.start over the control API', () => {
  let cap: RunningCapture;
  let control: ControlServer;
  let ui: { path: string; remove(): void };
  let port: number;

  beforeAll(async () => {
    cap = await startCaptureApp();
    ui = tempDir('hookscope-ui-');
    control = createControlServer({
      handlers: createApiHandlers(cap.app, { version: 'test', captureUrl: () => cap.url }),
      events: cap.app.events,
      uiRoot: ui.path,
      captureUrl: () => `${cap.url}/`,
    });
    port = (await control.listen(0)).port;
  });
  afterAll(async () => {
    cap.app.tunnel.stop();
    await control.close();
    await cap.close();
    ui.remove();
  });

  it('a tunnel server that cannot be reached is a coded 502 with the words, not a 500', async () => {
    const host = await closedPortUrl();
    const out = await rawControlCall(port, '/api/tunnel.start', {
      headers: { authorization: `Bearer ${control.token}` },
      body: JSON.stringify({ host }),
    });
    expect(out.status).toBe(502);
    expect(out.json.error).toMatchObject({
      code: 'TUNNEL_FAILED',
      message: expect.stringMatching(
        /^the tunnel server http:\/\/127\.0\.0\.1:\d+ refused the connection: .+ \(ECONNREFUSED\)$/,
      ),
    });
    expect(statusOf('TUNNEL_FAILED')).toBe(502);
  });
});
