// Issue 13, deliverables 8 and 9: the capture server's limits are explicit
// (431 for too many headers, 413 before a too-large body is read, each with a
// row marked truncated), and the control API refuses hostile input with a
// coded answer (400 for a malformed escape, 413 for an oversized call, the
// token from the Authorization header or a WebSocket subprotocol only).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandlers } from '../../src/core/api';
import { responseRuleSchema } from '../../src/shared/capture-types';
import { KEEP_WHEN_TRUNCATED } from '../../src/core/capture/body-reader';
import { MAX_HEADERS } from '../../src/core/capture/server';
import { FORWARD_PAGE_LIFETIME_MS, forwardPage, openInBrowser } from '../../src/cli/open-browser';
import { createControlServer, MAX_CALL_BYTES, statusOf, type ControlServer } from '../../src/server/control-server';
import { startCaptureApp, type RunningCapture } from '../helpers/capture-app';
import { rawRequest, statusesIn } from '../helpers/raw-http';
import { tempDir } from '../helpers/temp-dir';
import { openEventSocket, rawControlCall, type ControlCall } from './support/control-client';
import { jsonOf, streamUntilAnswer } from './support/stream-until-answer';

const LIMIT = 1024 * 1024;
let cap: RunningCapture;
let control: ControlServer;
let uiPort: number;
let ui: { path: string; remove(): void };

beforeAll(async () => {
  cap = await startCaptureApp({ bodyLimit: LIMIT, requestTimeoutMs: 10_000 });
  cap.app.createEndpoint('lim');
  ui = tempDir('hookscope-ui-');
  mkdirSync(join(ui.path, 'assets'));
  writeFileSync(join(ui.path, 'index.html'), '<!doctype html><title>Hookscope</title>');
  writeFileSync(join(ui.path, 'assets', 'app.js'), 'console.log(1)');
  control = createControlServer({
    handlers: createApiHandlers(cap.app, { version: 'test', captureUrl: () => cap.url }),
    events: cap.app.events,
    uiRoot: ui.path,
    captureUrl: () => `${cap.url}/`,
  });
  uiPort = (await control.listen(0)).port;
});
afterAll(async () => {
  await control.close();
  await cap.close();
  ui.remove();
});

const H = 'Host: lim.test\r\n';
const headerLines = (n: number) => Array.from({ length: n }, (_, i) => `X-H${i}: v${i}\r\n`).join('');
const newestAt = (path: string) => {
  const row = cap.app.captures.list({ endpoint: 'lim', limit: 50 }).find((r) => r.path === path);
  return row ? cap.app.captures.get(row.id) : undefined;
};
const settle = () => new Promise((r) => setTimeout(r, 100));

async function stillCapturing(): Promise<void> {
  const res = await fetch(`${cap.url}/lim/health`, { method: 'POST', body: 'ok' });
  expect(res.status).toBe(200);
}

describe('too many headers: 431 and a row marked truncated', () => {
  it('1,024 header lines (plus Host and Content-Length): 431, the first 1,000 kept, the number dropped recorded', async () => {
    const res = await rawRequest(cap.port, [
      `POST /lim/h1024 HTTP/1.1\r\n${H}${headerLines(1024)}Content-Length: 2\r\n\r\nhi`,
    ]);
    expect(res.status).toBe(431);
    expect(res.raw.toString()).toMatch(
      /1026 header lines exceed the limit of 1000; the first 1000 were kept, 26 dropped/,
    );
    await settle();
    const row = newestAt('/lim/h1024')!;
    expect(row.truncated).toBe(true);
    expect(row.error).toBe('too-many-headers: 26 dropped');
    expect(row.headers).toHaveLength(MAX_HEADERS);
    expect(row.headers[0]).toEqual(['Host', 'lim.test']);
    expect(row.headers[1]).toEqual(['X-H0', 'v0']);
    expect(row.headers[MAX_HEADERS - 1]).toEqual(['X-H998', 'v998']);
    expect(row.response).toMatchObject({ kind: 'answered', status: 431 });
  });

  it('exactly the limit: stored whole and answered as usual', async () => {
    const res = await rawRequest(cap.port, [
      `POST /lim/h1000 HTTP/1.1\r\n${H}${headerLines(MAX_HEADERS - 2)}Content-Length: 2\r\n\r\nhi`,
    ]);
    expect(res.status).toBe(200);
    await settle();
    const row = newestAt('/lim/h1000')!;
    expect(row.truncated).toBe(false);
    expect(row.error).toBeNull();
    expect(row.headers).toHaveLength(MAX_HEADERS);
    expect(row.body.toString()).toBe('hi');
  });

  it('one over the limit: 431 with one dropped', async () => {
    const res = await rawRequest(cap.port, [
      `POST /lim/h1001 HTTP/1.1\r\n${H}${headerLines(MAX_HEADERS - 1)}Content-Length: 2\r\n\r\nhi`,
    ]);
    expect(res.status).toBe(431);
    await settle();
    expect(newestAt('/lim/h1001')).toMatchObject({ truncated: true, error: 'too-many-headers: 1 dropped' });
  });

  it('2,500 short header lines (Node alone would keep 1,000 and say nothing): 431 with 1,501 dropped', async () => {
    const short = Array.from({ length: 2500 }, (_, i) => `a${i}:b\r\n`).join('');
    const res = await rawRequest(cap.port, [`GET /lim/h2500 HTTP/1.1\r\n${H}${short}\r\n`]);
    expect(res.status).toBe(431);
    await settle();
    expect(newestAt('/lim/h2500')).toMatchObject({ truncated: true, error: 'too-many-headers: 1501 dropped' });
  });

  it('the body of a request with too many headers is not read or stored, and the connection closes', async () => {
    const res = await rawRequest(
      cap.port,
      [`POST /lim/hbody HTTP/1.1\r\n${H}${headerLines(1200)}Content-Length: 5\r\n\r\nhello`],
      { idleMs: 3000 },
    );
    expect(res.status).toBe(431);
    expect(res.closedBy).toBe('server');
    await settle();
    const row = newestAt('/lim/hbody')!;
    expect(row.body.length).toBe(0);
    expect(row.bodySha256).toBe(createHash('sha256').update('').digest('hex'));
  });

  it('with Expect: 100-continue, 431 without asking for the body', async () => {
    const res = await rawRequest(cap.port, [
      `POST /lim/hcontinue HTTP/1.1\r\n${H}${headerLines(1100)}Expect: 100-continue\r\nContent-Length: 5\r\n\r\n`,
    ]);
    expect(statusesIn(res.raw)).toEqual([431]);
    await stillCapturing();
  });

  it('a header block over 16 KiB is still refused by Node with 431 and the server stays up', async () => {
    const res = await rawRequest(cap.port, [`GET /lim/hsize HTTP/1.1\r\n${H}X-Big: ${'b'.repeat(17 * 1024)}\r\n\r\n`]);
    expect(res.status).toBe(431);
    await stillCapturing();
  });
});

describe('a body over the limit: 413 before it is read', () => {
  it('Content-Length over the limit: 413 once the first 64 KiB are in, while the client still has the rest to send', async () => {
    const declared = 50 * LIMIT;
    const out = await streamUntilAnswer(
      cap.port,
      `POST /lim/cl-stall HTTP/1.1\r\n${H}Content-Length: ${declared}\r\n\r\n`,
      () => Buffer.alloc(16 * 1024, 0x61),
      { stallAfter: 96 * 1024 },
    );
    expect(out.status).toBe(413);
    expect(out.error).toBeUndefined();
    expect(out.writtenAtAnswer).toBe(96 * 1024);
    expect(out.raw.toString()).toMatch(
      /body of 52428800 bytes exceeds the 1048576-byte limit; its headers and first 64 KiB were kept, the rest was not read/,
    );
    await settle();
    const row = newestAt('/lim/cl-stall')!;
    expect(row).toMatchObject({ truncated: true, error: 'body-too-large', bodySize: declared });
    expect(row.body.length).toBe(KEEP_WHEN_TRUNCATED);
    expect(row.bodySha256).toBe(createHash('sha256').update(row.body).digest('hex'));
  });

  it('a client streaming a 256 MiB body gets 413 and no reset, long before it could send it all', async () => {
    const declared = 256 * 1024 * 1024;
    const piece = Buffer.alloc(64 * 1024, 0x62);
    const out = await streamUntilAnswer(
      cap.port,
      `POST /lim/cl-stream HTTP/1.1\r\n${H}Content-Length: ${declared}\r\n\r\n`,
      (i) => (i * piece.length < declared ? piece : null),
    );
    expect(out.status).toBe(413);
    expect(out.error).toBeUndefined();
    expect(out.stillSending).toBe(true);
    expect(out.written).toBeLessThan(declared / 4);
    await settle();
    expect(newestAt('/lim/cl-stream')).toMatchObject({ truncated: true, error: 'body-too-large', bodySize: declared });
  });

  it('a chunked body: 413 as soon as it passes the limit, the rest never read', async () => {
    const chunk = Buffer.alloc(128 * 1024, 0x63);
    const frame = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]);
    const total = 2048; // 256 MiB if it were all sent
    const out = await streamUntilAnswer(
      cap.port,
      `POST /lim/chunked HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n`,
      (i) => (i < total ? frame : i === total ? '0\r\n\r\n' : null),
    );
    expect(out.status).toBe(413);
    expect(out.error).toBeUndefined();
    expect(out.stillSending).toBe(true);
    expect(out.written).toBeLessThan((total * frame.length) / 4);
    await settle();
    const row = newestAt('/lim/chunked')!;
    expect(row).toMatchObject({ truncated: true, error: 'body-too-large' });
    // Stopped at the first chunk past the limit: what was received is over it by less than one chunk.
    expect(row.bodySize).toBeGreaterThan(LIMIT);
    expect(row.bodySize).toBeLessThanOrEqual(LIMIT + chunk.length);
    expect(row.body.equals(Buffer.alloc(KEEP_WHEN_TRUNCATED, 0x63))).toBe(true);
    expect(row.response).toMatchObject({ kind: 'answered', status: 413 });
  });

  it('Expect: 100-continue with a Content-Length over the limit: 413 at once, never 100 Continue', async () => {
    const res = await rawRequest(cap.port, [
      `POST /lim/continue-big HTTP/1.1\r\n${H}Expect: 100-continue\r\nContent-Length: ${LIMIT + 1}\r\n\r\n`,
    ]);
    expect(statusesIn(res.raw)).toEqual([413]);
    await settle();
    expect(newestAt('/lim/continue-big')).toMatchObject({
      truncated: true,
      error: 'body-too-large',
      bodySize: LIMIT + 1,
    });
  });

  it('a body of exactly the limit is stored whole, hashed as it arrived', async () => {
    const body = Buffer.alloc(LIMIT);
    for (let i = 0; i < body.length; i++) body[i] = (i * 31) & 0xff;
    const res = await fetch(`${cap.url}/lim/exact`, { method: 'POST', body });
    expect(res.status).toBe(200);
    await settle();
    const row = newestAt('/lim/exact')!;
    expect(row.truncated).toBe(false);
    expect(row.body.equals(body)).toBe(true);
    expect(row.bodySha256).toBe(createHash('sha256').update(body).digest('hex'));
  });

  it('one byte over the limit with Content-Length: 413', async () => {
    const res = await fetch(`${cap.url}/lim/over-one`, { method: 'POST', body: Buffer.alloc(LIMIT + 1, 0x64) }).catch(
      (e: Error) => e,
    );
    expect(res instanceof Error ? res.message : res.status).toBe(413);
    await settle();
    expect(newestAt('/lim/over-one')).toMatchObject({ truncated: true, error: 'body-too-large', bodySize: LIMIT + 1 });
  });

  it('an endpoint whose own rule answers 413 keeps its rule (headers, delay, keep-alive): only a refused body is cut short', async () => {
    cap.app.createEndpoint(
      'rule413',
      responseRuleSchema.parse({ status: 413, body: 'my rule', headers: [['X-Rule', 'yes']], delayMs: 50 }),
    );
    const res = await fetch(`${cap.url}/rule413/x`, { method: 'POST', body: 'small' });
    expect(res.status).toBe(413);
    expect(res.headers.get('x-rule')).toBe('yes');
    expect(res.headers.get('connection')).not.toBe('close');
    expect(await res.text()).toBe('my rule');
    await settle();
    const row = cap.app.captures.list({ endpoint: 'rule413', limit: 1 })[0];
    expect(cap.app.captures.get(row.id)).toMatchObject({ truncated: false, error: null });
  });

  it('a chunked body under the limit, in many chunks, is stored whole with the right SHA-256', async () => {
    const parts = Array.from({ length: 40 }, (_, i) => Buffer.alloc(10_000, i));
    const framed = parts.flatMap((p) => [`${p.length.toString(16)}\r\n`, p, '\r\n']);
    const res = await rawRequest(cap.port, [
      `POST /lim/chunks HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n`,
      ...framed,
      '0\r\n\r\n',
    ]);
    expect(res.status).toBe(200);
    await settle();
    const whole = Buffer.concat(parts);
    expect(newestAt('/lim/chunks')!.bodySha256).toBe(createHash('sha256').update(whole).digest('hex'));
    await stillCapturing();
  });
});

const callControl = (path: string, options?: ControlCall) => rawControlCall(uiPort, path, options);
const auth = () => ({ authorization: `Bearer ${control.token}` });

describe('control API: malformed escapes are 400, on API and file paths alike', () => {
  const cases: [string, string, string][] = [
    ['an API method with %zz', 'POST', '/api/endpoints%zz.list'],
    ['an API method cut mid-escape', 'POST', '/api/captures.list%E0%A4'],
    ['a lone % at the end of an API path', 'POST', '/api/captures.list%'],
    ['a static path with %zz', 'GET', '/%zz'],
    ['a static asset path cut mid-escape', 'GET', '/assets/%E0%A4%A'],
    ['an overlong UTF-8 escape in a static path', 'GET', '/assets/%C0%AF'],
    ['a percent-encoded NUL in a static path', 'GET', '/assets/app%00.js'],
  ];
  for (const [name, method, path] of cases) {
    it(`${name}: 400 BAD_INPUT, not 500`, async () => {
      const out = await callControl(path, { method, headers: auth() });
      expect(out.status).toBe(400);
      expect(out.json.error.code).toBe('BAD_INPUT');
      expect(out.json.error.message).toMatch(/%-escape|NUL/);
    });
  }

  it('well-formed escapes still work', async () => {
    expect((await callControl('/assets/app%2Ejs', { method: 'GET' })).status).toBe(200);
    const out = await callControl('/api/endpoints%2Elist', { headers: auth() });
    expect(out.status).toBe(200);
    expect(out.json.ok).toBe(true);
  });
});

describe('control API: a call over its limit gets 413 PAYLOAD_TOO_LARGE, read before any reset', () => {
  it('maps PAYLOAD_TOO_LARGE to 413', () => {
    expect(statusOf('PAYLOAD_TOO_LARGE')).toBe(413);
    expect(statusOf('BAD_INPUT')).toBe(400);
  });

  it('a Content-Length over 16 MiB: answered 413 with the code while the client is still sending', async () => {
    const out = await streamUntilAnswer(
      uiPort,
      `POST /api/captures.list HTTP/1.1\r\nHost: 127.0.0.1:${uiPort}\r\nAuthorization: Bearer ${control.token}\r\nContent-Type: application/json\r\nContent-Length: ${MAX_CALL_BYTES + 1}\r\n\r\n`,
      () => Buffer.alloc(64 * 1024, 0x20),
    );
    expect(out.status).toBe(413);
    expect(out.error).toBeUndefined();
    expect(out.stillSending).toBe(true);
    expect(out.writtenAtAnswer).toBeLessThan(MAX_CALL_BYTES);
    expect(jsonOf(out.raw)).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('a chunked call passing 16 MiB: 413 with the code, and the client reads it without a reset', async () => {
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    const frame = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]);
    const out = await streamUntilAnswer(
      uiPort,
      `POST /api/captures.list HTTP/1.1\r\nHost: 127.0.0.1:${uiPort}\r\nAuthorization: Bearer ${control.token}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
      (i) => (i < 512 ? frame : null),
    );
    expect(out.status).toBe(413);
    expect(out.error).toBeUndefined();
    expect(out.stillSending).toBe(true);
    expect(out.writtenAtAnswer).toBeGreaterThan(MAX_CALL_BYTES);
    expect(jsonOf(out.raw).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('through fetch, as the page calls: a readable 413, and the API answers the next call', async () => {
    const res = await fetch(`http://127.0.0.1:${uiPort}/api/captures.list`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({ pad: 'x'.repeat(MAX_CALL_BYTES) }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await callControl('/api/endpoints.list', { headers: auth() })).status).toBe(200);
  });
});

describe('control API: the token comes from the Authorization header only', () => {
  it('a token in the query string is refused (401), on its own', async () => {
    const out = await callControl(`/api/endpoints.list?token=${control.token}`);
    expect(out.status).toBe(401);
    expect(out.json.error.code).toBe('UNAUTHORIZED');
  });

  it('a right query token does not rescue a wrong header', async () => {
    const out = await callControl(`/api/endpoints.list?token=${control.token}`, {
      headers: { authorization: 'Bearer wrong' },
    });
    expect(out.status).toBe(401);
  });

  it('the Authorization header is accepted', async () => {
    const out = await callControl('/api/endpoints.list', { headers: auth() });
    expect(out.status).toBe(200);
    expect(out.json.result.map((e: { slug: string }) => e.slug)).toContain('lim');
  });

  it('a token anywhere but "Bearer <token>" is refused', async () => {
    expect((await callControl('/api/endpoints.list', { headers: { authorization: control.token } })).status).toBe(401);
    expect(
      (await callControl('/api/endpoints.list', { headers: { authorization: `Basic ${control.token}` } })).status,
    ).toBe(401);
  });
});

const openSocket = (url: string, protocols?: string[]) => openEventSocket(uiPort, url, protocols);

describe('event socket: the token rides in a subprotocol, never the URL', () => {
  it('without a query token, with the token subprotocol: opens, picks hookscope.events, and pushes events', async () => {
    const { status, ws } = await openSocket(`ws://127.0.0.1:${uiPort}/api/events`, [
      'hookscope.events',
      `hookscope.token.${control.token}`,
    ]);
    expect(status).toBe(101);
    expect(ws!.protocol).toBe('hookscope.events');
    const message = new Promise<{ event: string; payload: { path: string }[] }>((resolve) =>
      ws!.on('message', (d) => {
        const m = JSON.parse(String(d));
        if (m.event === 'captures.added') resolve(m);
      }),
    );
    await fetch(`${cap.url}/lim/socket-event`, { method: 'POST', body: '{}' });
    expect((await message).payload[0].path).toBe('/lim/socket-event');
    ws!.close();
  });

  it('with only a query token: refused (401) before the upgrade, so before any event', async () => {
    expect((await openSocket(`ws://127.0.0.1:${uiPort}/api/events?token=${control.token}`)).status).toBe(401);
    expect(
      (await openSocket(`ws://127.0.0.1:${uiPort}/api/events?token=${control.token}`, ['hookscope.events'])).status,
    ).toBe(401);
  });

  it('with a wrong token subprotocol: refused (401)', async () => {
    expect(
      (await openSocket(`ws://127.0.0.1:${uiPort}/api/events`, ['hookscope.events', 'hookscope.token.wrong'])).status,
    ).toBe(401);
  });
});

describe('serve --open: the token is never on a command line', () => {
  const url = 'http://127.0.0.1:8788/#token=s3cr3t-token_value';

  it('gives the launcher a file, not the URL, and the file is owner-only and forwards to the URL', () => {
    const dir = tempDir('hookscope-open-test-');
    const launched: { command: string; args: string[] }[] = [];
    const timers: { ms: number; run: () => void }[] = [];
    try {
      const page = openInBrowser(url, {
        platform: 'linux',
        tempRoot: dir.path,
        launch: (command, args) => launched.push({ command, args }),
        setTimer: (ms, run) => timers.push({ ms, run }),
      })!;
      expect(launched).toHaveLength(1);
      expect(launched[0].command).toBe('xdg-open');
      expect(launched[0].args.join(' ')).not.toContain('s3cr3t');
      expect(launched[0].args.join(' ')).not.toContain('token');
      expect(launched[0].args).toEqual([`file://${page}`]);
      expect(statSync(page).mode & 0o777).toBe(0o600);
      expect(statSync(join(page, '..')).mode & 0o777).toBe(0o700);
      expect(readFileSync(page, 'utf8')).toContain(JSON.stringify(url));
      // Deleted a short while later.
      expect(timers.map((t) => t.ms)).toEqual([FORWARD_PAGE_LIFETIME_MS]);
      timers[0].run();
      expect(existsSync(page)).toBe(false);
    } finally {
      dir.remove();
    }
  });

  it('on macOS and Windows too, only the file reaches the opener', () => {
    const dir = tempDir('hookscope-open-test-');
    try {
      for (const platform of ['darwin', 'win32'] as const) {
        const launched: string[][] = [];
        openInBrowser(url, {
          platform,
          tempRoot: dir.path,
          launch: (command, args) => launched.push([command, ...args]),
          setTimer: () => undefined,
        });
        expect(launched).toHaveLength(1);
        expect(launched[0].join(' ')).not.toContain('s3cr3t');
      }
    } finally {
      dir.remove();
    }
  });

  it('the forwarding page holds the URL as data: no markup can break out of it', () => {
    const page = forwardPage('http://127.0.0.1:1/#token=</script><script>alert(1)</script>&x');
    expect(page).not.toContain('</script><script>');
    expect(page.match(/<script>/g)).toHaveLength(1);
  });
});
