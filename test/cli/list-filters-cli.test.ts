/**
 * `hookscope list`'s filters and paging, against captures a real capture
 * server recorded in a real SQLite file (the clock set per request, so that
 * --since/--until have something to tell apart).
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CaptureSummary } from '../../src/shared/capture-types';
import { createApp } from '../../src/core/app';
import { systemClock } from '../../src/core/clock';
import { runCli } from '../helpers/cli';
import { cliJsonInProcess, runCliInProcess } from '../helpers/cli-in-process';
import { tempDir } from '../helpers/temp-dir';
import { sendRaw } from '../core/replay/support';

vi.setConfig({ testTimeout: 90_000 });

const SECRET = 'whsec_list_prynt';
const JAN = Date.parse('2026-01-10T12:00:00Z');
const JUN = Date.parse('2026-06-10T12:00:00Z');

function pryntBody(eventType: string, n: number): string {
  return JSON.stringify({
    webhookId: 'wh_1',
    eventId: `evt_${n}`,
    eventType,
    apiVersion: '2026-01-15',
    createdAt: '2026-02-14T11:45:22.341Z',
    idempotencyKey: `idk_${n}`,
    data: { visitorId: `pv_${n}` },
  });
}

function pryntHeaders(secret: string, body: string, eventType: string, ts: number): [string, string][] {
  const signature = 'sha256=' + createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex');
  return [
    ['Content-Type', 'application/json'],
    ['X-Prynt-Signature', signature],
    ['X-Prynt-Event', eventType],
    ['X-Prynt-Timestamp', String(ts)],
  ];
}

let dir: { path: string; remove(): void };
const data = () => ['--data', dir.path];
const ids = (rows: CaptureSummary[]) => rows.map((r) => r.id);
let all: CaptureSummary[];
/** Capture ids by role. */
const at: Record<string, number> = {};

beforeAll(async () => {
  dir = tempDir();
  expect(
    (await runCli(['endpoint', 'create', 'prynt', '--provider', 'prynt', '--secret', SECRET, ...data()])).code,
  ).toBe(0);
  let now = JAN;
  const app = createApp({ dataDir: dir.path, clock: { now: () => now, setTimer: systemClock.setTimer } });
  try {
    const { port } = await app.startCapture(0, '127.0.0.1');
    const send = async (role: string, request: Parameters<typeof sendRaw>[1]) => {
      at[role] = (await sendRaw(port, request)).id;
    };
    const ts = Math.floor(JAN / 1000);
    await send('valid', {
      path: '/prynt/events',
      headers: pryntHeaders(SECRET, pryntBody('visitor.new', 1), 'visitor.new', ts),
      body: pryntBody('visitor.new', 1),
    });
    await send('forged', {
      path: '/prynt/events',
      headers: pryntHeaders('whsec_wrong', pryntBody('verdict.block', 2), 'verdict.block', ts),
      body: pryntBody('verdict.block', 2),
    });
    now = JUN;
    await send('get', { method: 'GET', path: '/prynt/health?probe=1', headers: [] });
    await send('word', {
      path: '/default/hook',
      headers: [['Content-Type', 'text/plain']],
      body: 'a unicorn galloped by',
    });
    for (let i = 0; i < 6; i++)
      await send(`filler${i}`, {
        path: '/default/hook',
        headers: [['Content-Type', 'text/plain']],
        body: `filler ${i}`,
      });
    app.drainBackground();
  } finally {
    await app.close();
  }
  all = await cliJsonInProcess<CaptureSummary[]>(['list', ...data()]);
});
afterAll(() => dir.remove());

describe('hookscope list: the UI filters as flags', () => {
  it('records what the filters need (a real Prynt verdict each way)', () => {
    expect(all).toHaveLength(10);
    const byId = new Map(all.map((r) => [r.id, r]));
    expect(byId.get(at.valid)).toMatchObject({
      provider: 'prynt',
      eventType: 'visitor.new',
      signatureStatus: expect.stringMatching(/valid|stale/),
    });
    expect(byId.get(at.forged)).toMatchObject({
      provider: 'prynt',
      eventType: 'verdict.block',
      signatureStatus: 'invalid',
    });
  });

  it('--provider, --event, --method and --signature each narrow the list', async () => {
    const [provider, event, method, signature] = await Promise.all([
      cliJsonInProcess<CaptureSummary[]>(['list', '--provider', 'prynt', ...data()]),
      cliJsonInProcess<CaptureSummary[]>(['list', '--event', 'verdict.block', ...data()]),
      cliJsonInProcess<CaptureSummary[]>(['list', '--method', 'get', ...data()]),
      cliJsonInProcess<CaptureSummary[]>(['list', '--signature', 'invalid', ...data()]),
    ]);
    // The GET went to the endpoint bound to Prynt, so it is attributed to Prynt too.
    expect(ids(provider)).toEqual([at.get, at.forged, at.valid]);
    expect(ids(event)).toEqual([at.forged]);
    expect(ids(method)).toEqual([at.get]);
    expect(ids(signature)).toEqual([at.forged]);
  });

  it('--since and --until take ISO times (and durations back from now), and combine with the rest', async () => {
    const [since, until, window, both] = await Promise.all([
      cliJsonInProcess<CaptureSummary[]>(['list', '--since', '2026-03-01T00:00:00Z', '--limit', '2', ...data()]),
      cliJsonInProcess<CaptureSummary[]>(['list', '--until', '2026-03-01', ...data()]),
      cliJsonInProcess<CaptureSummary[]>([
        'list',
        '--since',
        '2026-01-10T11:00:00Z',
        '--until',
        '2026-01-10T13:00:00Z',
        '--provider',
        'prynt',
        '--signature',
        'invalid',
        ...data(),
      ]),
      cliJsonInProcess<CaptureSummary[]>(['list', '--since', '1d', ...data()]),
    ]);
    expect(ids(since)).toEqual([at.filler5, at.filler4]);
    expect(ids(until)).toEqual([at.forged, at.valid]);
    expect(ids(window)).toEqual([at.forged]);
    // Stamped by the test's clock: "1d" counts back from the real now, whatever day the machine thinks it is.
    const dayAgo = Date.now() - 86_400_000;
    expect(ids(both)).toEqual(all.filter((r) => Date.parse(r.receivedAt) >= dayAgo).map((r) => r.id));
  });

  it('--search finds by words and combines with filters', async () => {
    const [word, none, prynt] = await Promise.all([
      cliJsonInProcess<CaptureSummary[]>(['list', '--search', 'unicorn', ...data()]),
      cliJsonInProcess<CaptureSummary[]>(['list', '--search', 'unicorn', '--provider', 'prynt', ...data()]),
      cliJsonInProcess<CaptureSummary[]>(['list', '--search', 'pv_2', ...data()]),
    ]);
    expect(ids(word)).toEqual([at.word]);
    expect(none).toEqual([]);
    expect(ids(prynt)).toEqual([at.forged]);
  });

  it('--before and --after page through everything, newest first, with no limit on how far', async () => {
    const pages: number[][] = [];
    let before: number | undefined;
    for (;;) {
      const page = await cliJsonInProcess<CaptureSummary[]>([
        'list',
        '--limit',
        '3',
        ...(before ? ['--before', String(before)] : []),
        ...data(),
      ]);
      if (page.length === 0) break;
      pages.push(ids(page));
      before = page[page.length - 1].id;
    }
    expect(pages.map((p) => p.length)).toEqual([3, 3, 3, 1]);
    expect(pages.flat()).toEqual(ids(all));
    // --after: the captures just above the id, still newest first; with --before, the range between.
    const oldest = all[all.length - 1].id;
    expect(
      ids(await cliJsonInProcess<CaptureSummary[]>(['list', '--after', String(oldest), '--limit', '2', ...data()])),
    ).toEqual([oldest + 2, oldest + 1]);
    expect(
      ids(
        await cliJsonInProcess<CaptureSummary[]>([
          'list',
          '--after',
          String(oldest),
          '--before',
          String(oldest + 4),
          ...data(),
        ]),
      ),
    ).toEqual([oldest + 3, oldest + 2, oldest + 1]);
    expect(await cliJsonInProcess<CaptureSummary[]>(['list', '--after', String(all[0].id), ...data()])).toEqual([]);
  });

  it('a full page in the table names the next page to ask for', async () => {
    const text = await runCli(['list', '--limit', '3', ...data()]);
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n')[0]).toMatch(/^ID\s+TIME/);
    expect(text.stderr).toBe(`(3 shown; older: --before ${all[2].id}, newer: --after ${all[0].id})\n`);
    const [empty, pastOldest] = await Promise.all([
      runCliInProcess(['list', '--event', 'nothing.here', ...data()]),
      runCliInProcess(['list', '--before', String(all[all.length - 1].id), ...data()]),
    ]);
    expect(empty.stdout).toBe('no captures match\n');
    expect(pastOldest.stdout).toBe('no captures match\n');
  });

  it('bad values are refused with a clear message and exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['--signature', 'bogus'],
        /--signature must be one of valid, invalid, stale, missing, malformed, no-secret, got "bogus"/,
      ],
      [['--since', 'yesterday'], /--since must be an ISO time/],
      [['--until', 'soon'], /--until must be an ISO time/],
      [
        ['--since', '2026-06-01', '--until', '2026-01-01'],
        /--since \(2026-06-01T00:00:00.000Z\) must be before --until/,
      ],
      [['--before', 'x'], /an id is a positive whole number, got "x"/],
      [['--after', '9', '--before', '3'], /--after 9 must be below --before 3/],
      [['--method', 'GET /'], /--method must be an HTTP method/],
    ];
    const results = await Promise.all(cases.map(([args]) => runCliInProcess(['list', ...args, ...data()])));
    results.forEach((r, i) => {
      expect(r.code, cases[i][0].join(' ')).toBe(2);
      expect(r.stderr, cases[i][0].join(' ')).toMatch(cases[i][1]);
    });
    // One as the real `hookscope` process: its exit code, the message on stderr only.
    const real = await runCli(['list', ...cases[0][0], ...data()]);
    expect(real.code).toBe(2);
    expect(real.stderr).toMatch(cases[0][1]);
    expect(real.stdout).toBe('');
  });
});
