/** Samples for every event type obey the documented rules, reproduce from their seed, and the documents' own examples pass the same rules. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  BUILTIN_PROVIDERS,
  buildSample,
  createProviderRegistry,
  mulberry32,
  validatePayload,
} from '../../../src/core/providers';
import { HookscopeError } from '../../../src/shared/errors';
import { loadFixtures } from './helpers';

const SEEDS = [1, 2, 3, 42, 65_537, 2 ** 31 - 1];
const registry = createProviderRegistry();
/** Providers whose samples are the provider's own published examples (test/core/providers/github-examples.test.ts). */
const PUBLISHED_EXAMPLES = new Set(['github']);
const SEEDED_PLACEHOLDER = /\{\{((id|hex|int|float|pick):|uuid\}\})/;

describe('every event type of every provider', () => {
  for (const provider of BUILTIN_PROVIDERS) {
    it(`${provider.id}: samples pass the provider's rules for several seeds`, () => {
      for (const event of provider.events) {
        for (const seed of SEEDS) {
          expect(
            validatePayload(provider, event.type, buildSample(provider, event.type, seed)),
            `${event.type} seed ${seed}`,
          ).toEqual([]);
        }
      }
    });

    it(`${provider.id}: the same seed gives the same sample, another seed another one`, () => {
      // A body-less handshake carrying only the secret (Asana's X-Hook-Secret) has an empty sample, and a template with
      // no seeded placeholder (Plaid's TRANSFER.TRANSFER_EVENTS_UPDATE: type, code, environment) a fixed one: nothing to vary.
      const seeded = (e: { sample?: unknown }) =>
        e.sample === undefined || SEEDED_PLACEHOLDER.test(JSON.stringify(e.sample));
      for (const event of provider.events.filter(
        (e) => (JSON.stringify(e.sample) !== '{}' || !e.handshake) && seeded(e),
      )) {
        const a = JSON.stringify(buildSample(provider, event.type, 77));
        expect(JSON.stringify(buildSample(provider, event.type, 77))).toBe(a);
        // GitHub's samples are its published examples: its ids are stable, the seed changes nothing.
        if (PUBLISHED_EXAMPLES.has(provider.id)) expect(JSON.stringify(buildSample(provider, event.type, 78))).toBe(a);
        else expect(JSON.stringify(buildSample(provider, event.type, 78))).not.toBe(a);
      }
    });
  }
});

describe("the documents' own example payloads", () => {
  const fixtures = loadFixtures();
  it('cover the five documented providers', () => {
    expect(new Set(fixtures.map((f) => f.providerId))).toEqual(
      new Set(['lrdefender', 'fingerprintiq', 'clickdefender', 'lmif', 'prynt']),
    );
  });
  it.each(fixtures.map((f) => [`${f.providerId} ${f.eventType}`, f] as const))(
    '%s passes the same rules as the samples',
    (_, fixture) => {
      expect(validatePayload(registry.require(fixture.providerId), fixture.eventType, fixture.payload)).toEqual([]);
    },
  );
});

describe('the rules catch what the documents forbid', () => {
  const sample = (providerId: string, eventType: string) =>
    structuredClone(buildSample(registry.require(providerId), eventType, 5)) as Record<string, any>;
  const problems = (providerId: string, eventType: string, payload: unknown) =>
    validatePayload(registry.require(providerId), eventType, payload).join('\n');

  it('ClickDefender: FRAUD needs a score of 70+, SUSPICIOUS 40-69, and the summary must add up', () => {
    const fraud = sample('clickdefender', 'fraud_detected');
    fraud.decision.score = 69;
    expect(problems('clickdefender', 'fraud_detected', fraud)).toMatch(/decision\.score: expected at least 70/);
    fraud.decision.score = 80;
    fraud.decision.label = 'SUSPICIOUS';
    expect(problems('clickdefender', 'fraud_detected', fraud)).toMatch(/decision\.label/);
    const risky = sample('clickdefender', 'high_risk_visitor');
    risky.visitor.score = 70;
    expect(problems('clickdefender', 'high_risk_visitor', risky)).toMatch(/visitor\.score: expected at most 69/);
    const summary = sample('clickdefender', 'daily_summary');
    summary.summary.cleanCount += 1;
    expect(problems('clickdefender', 'daily_summary', summary)).toMatch(/totalVisitors/);
    const wrongRate = sample('clickdefender', 'daily_summary');
    wrongRate.summary.fraudRate = '99.9%';
    expect(problems('clickdefender', 'daily_summary', wrongRate)).toMatch(/fraudRate/);
    const withMs = sample('clickdefender', 'high_risk_visitor');
    withMs.timestamp = '2024-01-05T14:30:00.000Z';
    expect(problems('clickdefender', 'high_risk_visitor', withMs)).toMatch(/^timestamp:/m);
  });

  it('FingerprintIQ: threat.detected needs botProbability above 0.7; timestamps are unix milliseconds', () => {
    const threat = sample('fingerprintiq', 'threat.detected');
    threat.data.botProbability = 0.7;
    expect(problems('fingerprintiq', 'threat.detected', threat)).toMatch(/above 0\.7/);
    const seconds = sample('fingerprintiq', 'visit.new');
    seconds.timestamp = Math.floor(seconds.timestamp / 1000);
    expect(problems('fingerprintiq', 'visit.new', seconds)).toMatch(/^timestamp:/m);
    const badId = sample('fingerprintiq', 'visit.new');
    badId.data.visitorId = 'vis_01hns3k6tez83695a6t714s6n1';
    expect(problems('fingerprintiq', 'visit.new', badId)).toMatch(/data\.visitorId/);
  });

  it('Prynt: id prefixes, millisecond ISO time, and the verdict of verdict.* events', () => {
    const block = sample('prynt', 'verdict.block');
    block.data.verdict = 'allow';
    expect(problems('prynt', 'verdict.block', block)).toMatch(/data\.verdict/);
    const ids = sample('prynt', 'identification.complete');
    ids.idempotencyKey = 'key_123';
    ids.createdAt = '2026-02-14T11:45:22Z';
    const text = problems('prynt', 'identification.complete', ids);
    expect(text).toMatch(/idempotencyKey/);
    expect(text).toMatch(/createdAt/);
    const big = sample('prynt', 'alert.triggered');
    big.data.padding = 'x'.repeat(256 * 1024);
    expect(problems('prynt', 'alert.triggered', big)).toMatch(/over the 262144-byte limit/);
  });

  it('LRDefender and LMIF: envelope keys, event type and id prefixes', () => {
    const lr = sample('lrdefender', 'bot.detected');
    delete lr.webhookId;
    lr.data.botScore = 1.4;
    const lrText = problems('lrdefender', 'bot.detected', lr);
    expect(lrText).toMatch(/webhookId: is required/);
    expect(lrText).toMatch(/data\.botScore: expected at most 1/);
    const lm = sample('lmif', 'license.approved');
    lm.type = 'license.granted';
    lm.meta.webhookId = 'hook_1';
    const lmText = problems('lmif', 'license.approved', lm);
    expect(lmText).toMatch(/type: expected the event type "license.approved"/);
    expect(lmText).toMatch(/meta\.webhookId/);
  });
});

describe('seeded randomness', () => {
  afterEach(() => vi.restoreAllMocks());

  it('mulberry32 matches the reference sequence', () => {
    const next = mulberry32(1);
    expect([next(), next(), next()]).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
  });

  it('never calls Math.random or reads the clock', () => {
    vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random used');
    });
    vi.spyOn(Date, 'now').mockImplementation(() => {
      throw new Error('Date.now used');
    });
    for (const provider of BUILTIN_PROVIDERS) for (const event of provider.events) buildSample(provider, event.type, 3);
  });

  it('an unknown event type is an EVENT_UNKNOWN error', () => {
    expect(() => buildSample(registry.require('prynt'), 'visitor.vanished', 1)).toThrow(HookscopeError);
    try {
      buildSample(registry.require('prynt'), 'visitor.vanished', 1);
    } catch (error) {
      expect((error as HookscopeError).code).toBe('EVENT_UNKNOWN');
    }
  });
});
