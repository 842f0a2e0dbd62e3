import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/core/clock';
import { createProviderRegistry } from '../../../src/core/providers';
import type { CheckReport, ScenarioId } from '../../../src/core/sender';
import { senderEnv } from './support/env';
import { providerHandler, type Flaw } from './support/provider-handlers';

/**
 * The handler check against small real handlers of each documented provider,
 * signed by the real provider registry: a correct handler passes everything;
 * each flawed one fails the scenario that names its flaw.
 */

const SECRET = 'whsec_check_providers_secret';
const PROVIDERS = ['lrdefender', 'fingerprintiq', 'clickdefender', 'lmif', 'prynt'];
/** Providers whose signature covers a timestamp: their retries carry a new signature. */
const SIGNS_TIME = new Set(['lrdefender', 'prynt']);
const registry = createProviderRegistry();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Extra {
  scenarios?: ScenarioId[];
  timeoutMs?: number;
  slowMs?: number;
  slowFirst?: number;
  noDedupe?: boolean;
}

async function check(providerId: string, flaw?: Flaw, extra: Extra = {}): Promise<CheckReport> {
  const provider = registry.require(providerId);
  const handler = await providerHandler(provider, {
    secret: SECRET,
    flaw,
    slowMs: extra.slowMs,
    slowFirst: extra.slowFirst,
    noDedupe: extra.noDedupe,
  });
  const env = senderEnv({ registry: {} });
  cleanups.push(
    () => handler.close(),
    () => env.dispose(),
  );
  const sender = env.sender({ clock: systemClock });
  return sender.check({
    url: handler.url,
    provider: providerId,
    eventType: provider.events[0].type,
    secret: SECRET,
    effectsUrl: handler.url.replace('/hook', '/effects'),
    scenarios: extra.scenarios,
    timeoutMs: extra.timeoutMs,
  });
}

const rowsOf = (report: CheckReport, scenario: ScenarioId) => report.rows.filter((r) => r.scenario === scenario);
const failing = (report: CheckReport) =>
  report.rows.filter((r) => r.pass === false).map((r) => (r.form ? `${r.scenario}/${r.form}` : r.scenario));

describe.each(PROVIDERS)('the handler check for %s', (providerId) => {
  it('passes a correct handler on every scenario it can judge', async () => {
    const report = await check(providerId);
    expect(report.rows.filter((r) => r.pass === false)).toEqual([]);
    // Only what cannot apply is left unjudged: a replay where the scheme (or LRDefender's plain form) signs no
    // timestamp, the largest size where the provider states none. Prynt has both.
    expect(
      report.rows
        .filter((r) => r.pass === null)
        .map((r) => r.scenario)
        .sort(),
    ).toEqual(providerId === 'prynt' ? [] : ['max-size', 'replay-attack']);
    for (const id of ['unsigned', 'retry', 'unknown-event', 'slow-handler', 'duplicate'] as ScenarioId[])
      expect(rowsOf(report, id).length).toBeGreaterThan(0);
  });

  it('fails a handler that verifies the signature only when the header is present, on "unsigned"', async () => {
    const report = await check(providerId, 'lenient');
    expect(failing(report)).toEqual(
      registry.require(providerId).signature.forms.length > 1
        ? ['unsigned/timestamped', 'unsigned/plain']
        : ['unsigned'],
    );
    expect(rowsOf(report, 'unsigned')[0]).toMatchObject({ expected: '401 or 403 (400 accepted)', actual: '200' });
  });

  it('fails a handler that answers 500 to an unknown event type, on "unknown-event"', async () => {
    const report = await check(providerId, 'unknown-500');
    expect(failing(report)).toEqual(['unknown-event']);
    expect(rowsOf(report, 'unknown-event')[0].actual).toBe('500; effects unchanged');
  });

  it('fails a handler slower than the timeout, on "slow-handler"', async () => {
    const report = await check(providerId, 'slow', { scenarios: ['slow-handler'], timeoutMs: 300, slowMs: 1500 });
    expect(report.rows).toEqual([expect.objectContaining({ scenario: 'slow-handler', pass: false })]);
    expect(report.rows[0].actual).toBe('no answer within 300 ms; the retry: no answer within 300 ms either');
  });

  it(
    SIGNS_TIME.has(providerId)
      ? 'fails a handler that deduplicates by signature, on "retry" (a retry is signed anew)'
      : 'a handler that deduplicates by signature is right here: a retry repeats the bytes and the signature',
    async () => {
      const report = await check(providerId, 'dedupe-by-signature');
      const retry = rowsOf(report, 'retry')[0];
      if (SIGNS_TIME.has(providerId)) {
        expect(failing(report)).toEqual(['retry']);
        expect(retry.actual).toMatch(/^2\d\d, then 2\d\d; effects changed again by the second$/);
        expect(retry.title).toContain('new timestamp and signature');
      } else {
        expect(failing(report)).toEqual([]);
        expect(retry.title).toContain('signs no timestamp');
      }
      // The byte-identical redelivery is caught by a signature too.
      expect(rowsOf(report, 'duplicate')[0].pass).toBe(true);
    },
  );
});

describe('signature forms', () => {
  it("LRDefender's signature scenarios run in both forms, timestamped then plain, each reported", async () => {
    const report = await check('lrdefender', undefined, {
      scenarios: ['valid', 'replay-attack', 'wrong-secret', 'unsigned', 'burst'],
    });
    expect(report.rows.map((r) => [r.scenario, r.form ?? null, r.pass])).toEqual([
      ['valid', 'timestamped', true],
      ['replay-attack', 'timestamped', true],
      ['wrong-secret', 'timestamped', true],
      ['unsigned', 'timestamped', true],
      ['burst', null, true],
      ['valid', 'plain', true],
      ['replay-attack', 'plain', null],
      ['wrong-secret', 'plain', true],
      ['unsigned', 'plain', true],
    ]);
    expect(report.rows.find((r) => r.form === 'plain' && r.scenario === 'replay-attack')!.note).toMatch(
      /plain form\) signs no timestamp/,
    );
    expect(report.rows.find((r) => r.form === 'plain' && r.scenario === 'valid')!.title).toContain('[plain signature]');
  });
});

describe('the slow-handler scenario, once the provider has retried', () => {
  const slowOnce = { scenarios: ['slow-handler'] as ScenarioId[], timeoutMs: 300, slowMs: 600, slowFirst: 1 };

  it('passes a handler slow only the first time that does not process the retry again', async () => {
    const report = await check('prynt', 'slow', slowOnce);
    expect(report.rows[0]).toMatchObject({
      pass: true,
      actual: 'no answer within 300 ms; the retry: 200; effects unchanged by the second',
    });
  });

  it('fails one that processes the retry of a timed-out event a second time', async () => {
    const report = await check('prynt', 'slow', { ...slowOnce, noDedupe: true });
    expect(report.rows[0]).toMatchObject({
      pass: false,
      actual: 'no answer within 300 ms; the retry: 200; effects changed again by the second',
    });
  });
});
