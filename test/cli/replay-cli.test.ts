import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CaptureDetail } from '../../src/shared/capture-types';
import type { CaptureDiff, ImportReport, ReplayView } from '../../src/shared/replay-types';
import { cliJson, runCli } from '../helpers/cli';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { tempDir } from '../helpers/temp-dir';
import { pryntHandler, pryntHeaders, pryntVerify, sendRaw, startTarget, type Target } from '../core/replay/support';

// Every step spawns the real CLI (about a second each on a busy machine).
vi.setConfig({ testTimeout: 90_000 });

const SECRET = 'whsec_cli_prynt';
const BODY =
  '{"webhookId":"wh_1","eventId":"evt_1","eventType":"visitor.new","apiVersion":"2026-01-15","createdAt":"2026-02-14T11:45:22.341Z","idempotencyKey":"idk_1","data":{"visitorId":"pv_1"}}';

let dir: { path: string; remove(): void };
let serve: ServeProcess;
let port: number;
let handler: Target;
const data = () => ['--data', dir.path];

beforeAll(async () => {
  dir = tempDir();
  expect(
    (await runCli(['endpoint', 'create', 'prynt', '--provider', 'prynt', '--secret', SECRET, ...data()])).code,
  ).toBe(0);
  serve = await startServeProcess(dir.path);
  port = Number(new URL(serve.info.captureUrl).port);
  handler = await pryntHandler(SECRET);
});
afterAll(async () => {
  serve.child.kill('SIGTERM');
  await serve.exited;
  await handler.close();
  dir.remove();
});

describe('hookscope replay', () => {
  it('a ten-minute-old Prynt event fails the documented check as is (with a warning) and passes with --resign', async () => {
    const { id } = await sendRaw(port, {
      path: '/prynt/events',
      headers: pryntHeaders(SECRET, BODY, Math.floor(Date.now() / 1000) - 600),
      body: BODY,
    });
    const asIs = await runCli(['replay', String(id), '--url', `${handler.url}/webhooks/prynt`, '--json', ...data()]);
    expect(asIs.code).toBe(1);
    expect(asIs.stderr).toMatch(/^warning: the Prynt signature timestamp is \d+ s old, outside its 300 s tolerance/m);
    const first = JSON.parse(asIs.stdout) as ReplayView;
    expect(first).toMatchObject({
      captureId: id,
      kind: 'replay',
      ok: false,
      errorKind: 'status',
      response: { status: 401 },
    });
    expect(pryntVerify(SECRET, handler.hits[0].headers, handler.hits[0].body).ok).toBe(false);

    const resigned = await runCli([
      'replay',
      String(id),
      '--url',
      `${handler.url}/webhooks/prynt`,
      '--resign',
      '--json',
      ...data(),
    ]);
    expect(resigned.code).toBe(0);
    expect(resigned.stderr).toBe('');
    expect(JSON.parse(resigned.stdout)).toMatchObject({
      ok: true,
      response: { status: 200 },
      resigned: { provider: 'prynt', secretIndex: 0 },
    });
    expect(pryntVerify(SECRET, handler.hits[1].headers, handler.hits[1].body)).toEqual({ ok: true });

    const text = await runCli(['replay', String(id), '--url', handler.url, '--secret', SECRET, ...data()]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      new RegExp(`^replay \\d+ of capture ${id}: POST ${handler.url} -> 200 in \\d+ ms\\nre-signed for prynt`),
    );
  });

  it('replays several captures in bulk and sums up', async () => {
    const t = await startTarget();
    try {
      const a = (await sendRaw(port, { path: '/bulkcli/a', headers: [], body: 'a' })).id;
      const b = (await sendRaw(port, { path: '/bulkcli/b', headers: [], body: 'b' })).id;
      const r = await runCli([
        'replay',
        String(b),
        String(a),
        '--url',
        t.url,
        '--concurrency',
        '1',
        '--json',
        ...data(),
      ]);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({
        total: 2,
        sent: 2,
        succeeded: 2,
        failed: 0,
        results: [{ captureId: b }, { captureId: a }],
      });
      expect(t.hits.map((h) => h.body.toString())).toEqual(['b', 'a']);
    } finally {
      await t.close();
    }
  });

  it('refuses bad input with exit 2 and a message naming it', async () => {
    const cases: [string[], RegExp][] = [
      [['replay', 'abc'], /an id is a positive whole number/],
      [['replay', '99999', '--url', 'http://127.0.0.1:1/'], /no capture with id 99999 \[CAPTURE_NOT_FOUND\]/],
      [['replay', '1', '--url', 'file:///etc/passwd'], /not an http or https URL/],
      [['forward', 'prynt'], /give --to URL to forward, or --off/],
      [['export', '--format', 'xml'], /--format must be one of har, ndjson, curl/],
      [['import', join(dir.path, 'missing.ndjson')], /cannot read .*missing\.ndjson: ENOENT/],
    ];
    const results = await Promise.all(cases.map(([args]) => runCli([...args, ...data()])));
    cases.forEach(([args, message], i) => {
      expect(results[i].code, args.join(' ')).toBe(2);
      expect(results[i].stderr, args.join(' ')).toMatch(message);
    });
  });
});

describe('hookscope forward', () => {
  it("changes a running serve's endpoint: proxy passes the handler's answer back, --off stops", async () => {
    const on = await runCli(['forward', 'prynt', '--to', `${handler.url}/webhooks/prynt`, '--proxy', ...data()]);
    expect(on.code).toBe(0);
    expect(on.stdout).toMatch(/endpoint prynt forwards every capture to .* \(proxy\)/);
    await new Promise((r) => setTimeout(r, 400)); // the running serve re-reads endpoints within 250 ms
    const fresh = await sendRaw(port, {
      path: '/prynt/live',
      headers: pryntHeaders(SECRET, BODY, Math.floor(Date.now() / 1000)),
      body: BODY,
    });
    expect(fresh.response.status).toBe(200);
    expect(fresh.response.raw.toString()).toContain('{"received":true}');
    const stale = await sendRaw(port, {
      path: '/prynt/live',
      headers: pryntHeaders(SECRET, BODY, 1_000_000),
      body: BODY,
    });
    expect(stale.response.status).toBe(401);
    expect(stale.response.raw.toString()).toContain('Webhook timestamp too old');

    const off = await cliJson<{ forwardUrl: string | null; forwardMode: string }>([
      'forward',
      'prynt',
      '--off',
      ...data(),
    ]);
    expect(off).toMatchObject({ forwardUrl: null, forwardMode: 'rule' });
    await new Promise((r) => setTimeout(r, 400));
    const after = await sendRaw(port, {
      path: '/prynt/live',
      headers: pryntHeaders(SECRET, BODY, 1_000_000),
      body: BODY,
    });
    expect(after.response.status).toBe(200);
    expect(after.response.raw.toString()).toContain(`{"ok":true,"id":${after.id}}`);
  });
});

describe('hookscope export, import, diff', () => {
  it('NDJSON exported here imports into another folder with every header and byte', async () => {
    const bin = await sendRaw(port, {
      method: 'PUT',
      path: '/files/blob?v=2',
      headers: [
        ['X-Dup', '1'],
        ['x-dup', '2'],
      ],
      body: Buffer.from([0, 255, 1, 254, 10, 13]),
    });
    const outDir = tempDir(); // not the data folder: export refuses to write there
    const out = join(outDir.path, 'all.ndjson');
    const exported = await runCli(['export', '--format', 'ndjson', '--out', out, ...data()]);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toMatch(/^exported \d+ captures to /);
    const other = tempDir();
    try {
      const report = await cliJson<ImportReport>(['import', out, '--data', other.path]);
      expect(report.format).toBe('ndjson');
      expect(report.captures).toBe(
        readFileSync(out, 'utf8')
          .split('\n')
          .filter((l) => l.includes('"type":"capture"')).length,
      );
      const original = await cliJson<CaptureDetail>(['show', String(bin.id), ...data()]);
      const copy = await cliJson<CaptureDetail>(['show', String(report.idMap[String(bin.id)]), '--data', other.path]);
      expect(copy.headers).toEqual(original.headers);
      expect(copy.bodySha256).toBe(original.bodySha256);
      expect(copy.bodyBase64).toBe(original.bodyBase64);
      const replays = await cliJson<ReplayView[]>(['replays', String(report.idMap['1']), '--data', other.path]);
      expect(replays.map((r) => r.response.status)).toEqual([401, 200, 200]);
      const text = await runCli(['import', out, '--data', other.path]);
      expect(text.stdout).toMatch(/^imported 0 captures and 0 replays \(ndjson\); skipped \d+ already here\n$/);
    } finally {
      other.remove();
      outDir.remove();
    }
  });

  it('the cURL export is a script the real curl runs to send the same bytes again; HAR is written too', async () => {
    const body = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 31) % 256));
    const { id } = await sendRaw(port, {
      path: '/curl/bin?x=1',
      headers: [['Content-Type', 'application/octet-stream']],
      body,
    });
    const outDir = tempDir();
    const script = join(outDir.path, 'replay.sh');
    expect((await runCli(['export', String(id), '--format', 'curl', '--out', script, ...data()])).code).toBe(0);
    expect(readFileSync(join(outDir.path, 'replay-bodies', `capture-${id}.body`)).equals(body)).toBe(true);
    await promisify(execFile)('/bin/bash', [script]);
    outDir.remove();
    const copy = await cliJson<CaptureDetail[]>(['list', '--limit', '1', ...data()]);
    const detail = await cliJson<CaptureDetail>(['show', String(copy[0].id), ...data()]);
    expect(detail.id).toBeGreaterThan(id);
    expect(Buffer.from(detail.bodyBase64, 'base64').equals(body)).toBe(true);
    expect(detail.path + '?' + detail.query).toBe('/curl/bin?x=1');

    const har = await runCli(['export', String(id), String(detail.id), '--format', 'har', ...data()]);
    expect(har.code).toBe(0);
    expect(JSON.parse(har.stdout).log.entries.map((e: { request: { url: string } }) => e.request.url)).toEqual([
      detail.url,
      detail.url,
    ]);
  });

  it('diff prints header and JSON body changes', async () => {
    const a = await sendRaw(port, { path: '/diff/x', headers: [['X-Sig', 'a']], body: '{"amount":1,"n":[1]}' });
    const b = await sendRaw(port, {
      path: '/diff/x',
      headers: [
        ['X-Sig', 'b'],
        ['X-New', 'y'],
      ],
      body: '{"amount":2,"n":[1,2]}',
    });
    const json = await cliJson<CaptureDiff>(['diff', String(a.id), String(b.id), ...data()]);
    expect(json.body).toEqual({
      kind: 'json',
      changes: [
        { kind: 'changed', path: '$.amount', before: 1, after: 2 },
        { kind: 'added', path: '$.n[1]', after: 2 },
      ],
      more: 0,
    });
    const text = await runCli(['diff', String(a.id), String(b.id), ...data()]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      'headers:\n  ~ X-Sig: a  ->  X-Sig: b\n  ~ Content-Length: 20  ->  Content-Length: 22\n  + X-New: y\n',
    );
    expect(text.stdout).toContain('body (JSON):\n  ~ $.amount: 1 -> 2\n  + $.n[1]: 2\n');
  });
});
