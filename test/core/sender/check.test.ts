import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/core/clock';
import type { CheckReport } from '../../../src/core/sender';
import { TEST_SECRET, testAdapter } from './support/adapter';
import { senderEnv } from './support/env';
import { correctHandler, naiveHandler } from './support/handlers';
import { startServer } from './support/servers';
import { createProviderRegistry, verifyRequest } from '../../../src/core/providers';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function check(handler: Awaited<ReturnType<typeof correctHandler>>, extra: { effects?: boolean } = {}) {
  const env = senderEnv();
  cleanups.push(
    () => handler.close(),
    () => env.dispose(),
  );
  const sender = env.sender({ clock: systemClock });
  return sender.check({
    url: handler.url,
    provider: 'prynt',
    eventType: 'identification.complete',
    payload: { visitorId: 'pv_1' },
    secret: TEST_SECRET,
    effectsUrl: extra.effects === false ? undefined : handler.url.replace('/hook', '/effects'),
  });
}

const verdicts = (report: CheckReport) => Object.fromEntries(report.rows.map((r) => [r.scenario, r.pass]));

describe('handler check', () => {
  it('passes a handler that verifies signature and timestamp and deduplicates', async () => {
    const report = await check(await correctHandler());
    expect(verdicts(report)).toEqual({
      valid: true,
      duplicate: true,
      retry: true,
      'slow-handler': true,
      'unknown-event': true,
      'out-of-order': true,
      burst: true,
      'replay-attack': true,
      'tampered-body': true,
      'wrong-secret': true,
      unsigned: true,
      'max-size': true,
      oversized: true,
    });
    expect(report).toMatchObject({ passed: 13, failed: 0, notJudged: 0 });
    const row = (id: string) => report.rows.find((r) => r.scenario === id)!;
    expect(row('replay-attack').actual).toBe('401');
    expect(row('duplicate').actual).toBe('200, then 200; effects unchanged by the second');
    expect(row('max-size').title).toContain(String(256 * 1024));
  });

  it('fails a naive handler (no checks, not idempotent) where it falls short, and only there', async () => {
    const report = await check(await naiveHandler());
    expect(verdicts(report)).toEqual({
      valid: true,
      duplicate: false,
      retry: false,
      'slow-handler': true,
      'unknown-event': false,
      'out-of-order': true,
      burst: true,
      'replay-attack': false,
      'tampered-body': false,
      'wrong-secret': false,
      unsigned: false,
      'max-size': true,
      oversized: true,
    });
    expect(report.rows.find((r) => r.scenario === 'duplicate')!.actual).toContain('changed again');
    expect(report.rows.find((r) => r.scenario === 'wrong-secret')).toMatchObject({
      expected: '401 or 403 (400 accepted)',
      actual: '200',
    });
  });

  it('without an effects probe, a repeat answered 2xx is not judged (never passed), and the row and the report say why', async () => {
    const report = await check(await naiveHandler(), { effects: false });
    for (const id of ['duplicate', 'retry']) {
      const row = report.rows.find((r) => r.scenario === id)!;
      expect(row.pass).toBeNull();
      expect(row.note).toMatch(/not observable without an effects probe/);
    }
    expect(report.notes.join(' ')).toMatch(/no effects probe/);
  });

  it('a scheme that signs no timestamp gets no replay verdict; a provider without a size limit no max-size one', async () => {
    const handler = await naiveHandler();
    const env = senderEnv();
    cleanups.push(
      () => handler.close(),
      () => env.dispose(),
    );
    const { adapter } = testAdapter({ limits: { httpsRequired: false } });
    const unsigned = {
      ...adapter,
      prepare: (input: Parameters<typeof adapter.prepare>[0]) => {
        const r = adapter.prepare({ ...input, providerNowMs: 0 });
        return { ...r, headers: r.headers.filter(([name]) => name !== 'X-Test-Timestamp') };
      },
    };
    const sender = env.sender({ clock: systemClock, providers: unsigned });
    const report = await sender.check({
      url: handler.url,
      provider: 'fingerprintiq',
      eventType: 'visit.new',
      secret: TEST_SECRET,
      scenarios: ['replay-attack', 'max-size', 'oversized'],
    });
    expect(report.rows.map((r) => [r.scenario, r.pass])).toEqual([
      ['replay-attack', null],
      ['max-size', null],
      ['oversized', true],
    ]);
    expect(report.rows[0].note).toMatch(/signs no timestamp/);
    expect(report.rows[2].title).toContain(String(512 * 1024));
  });

  it('an unreachable handler fails every sent row with its failure kind, without throwing', async () => {
    const handler = await naiveHandler();
    const url = handler.url;
    await handler.close();
    const env = senderEnv();
    cleanups.push(() => env.dispose());
    const sender = env.sender({ clock: systemClock });
    const report = await sender.check({
      url,
      provider: 'prynt',
      eventType: 'x',
      secret: TEST_SECRET,
      scenarios: ['valid', 'wrong-secret'],
    });
    expect(report.rows.map((r) => [r.pass, r.actual.split(' ')[0]])).toEqual([
      [false, 'connection-refused'],
      [false, 'connection-refused'],
    ]);
    await expect(
      sender.check({ url, provider: 'prynt', eventType: 'x', scenarios: ['nope' as never] }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });
});

describe('handler check with real provider signing', () => {
  it("a handler built like Prynt's documented one (verify, 300 s, dedupe by idempotencyKey) passes everything", async () => {
    const prynt = createProviderRegistry().require('prynt');
    const seen = new Set<string>();
    const handler = await startServer((req, res, body) => {
      if (req.method === 'GET') return void res.writeHead(200).end(String(seen.size));
      const headers = Object.entries(req.headers).map(([k, v]) => [k, String(v)] as [string, string]);
      const verdict = verifyRequest(prynt, { headers, body, secrets: ['whsec_live'], nowMs: Date.now() });
      if (verdict.status !== 'valid') return void res.writeHead(401).end(verdict.status);
      const event = JSON.parse(body.toString('utf8'));
      // "Handle unknown event types gracefully ... ignore unrecognized event types rather than returning an error."
      if (!prynt.events.some((e) => e.type === event.eventType)) return void res.writeHead(200).end('ignored');
      seen.add(event.idempotencyKey);
      res.writeHead(200).end();
    });
    const env = senderEnv({ registry: {} });
    cleanups.push(
      () => handler.close(),
      () => env.dispose(),
    );
    const sender = env.sender({ clock: systemClock });
    const report = await sender.check({
      url: handler.url,
      provider: 'prynt',
      eventType: 'verdict.block',
      secret: 'whsec_live',
      effectsUrl: handler.url.replace('/hook', '/effects'),
    });
    expect(report.rows.filter((r) => r.pass !== true)).toEqual([]);
  });
});
