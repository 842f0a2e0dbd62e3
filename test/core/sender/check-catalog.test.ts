import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/core/clock';
import { buildSample, createProviderRegistry } from '../../../src/core/providers';
import type { CheckReport } from '../../../src/core/sender';
import { eventVariant } from '../../../src/core/sender/event-variants';
import { senderEnv } from './support/env';
import { providerHandler, type Flaw } from './support/provider-handlers';

/**
 * The handler check for catalog providers whose event type is not a common
 * top-level field (Coinbase Commerce `event.type`, Intercom `topic`, LINE
 * `events[0].type`, Inngest `event.name`, GoCardless `events[0]` resource_type
 * + action, Plaid webhook_type + webhook_code) or is, beside the others of the batch: the unknown-event
 * scenario must write its type where the provider names it, or a correct
 * handler processes the "unknown" event and is failed for it.
 */

const SECRET = 'whsec_check_catalog_secret';
const PROVIDERS = [
  'razorpay',
  'coinbase-commerce',
  'workos',
  'mux',
  'line',
  'knock',
  'intercom',
  'lemon-squeezy',
  'inngest',
  'gocardless',
  'plaid',
];
const registry = createProviderRegistry();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function check(providerId: string, flaw?: Flaw): Promise<CheckReport> {
  const provider = registry.require(providerId);
  const handler = await providerHandler(provider, { secret: SECRET, flaw });
  const env = senderEnv({ registry: {} });
  cleanups.push(
    () => handler.close(),
    () => env.dispose(),
  );
  return env.sender({ clock: systemClock }).check({
    url: handler.url,
    provider: providerId,
    eventType: provider.events[0].type,
    secret: SECRET,
    effectsUrl: handler.url.replace('/hook', '/effects'),
  });
}

const failing = (report: CheckReport) => report.rows.filter((r) => r.pass === false).map((r) => r.scenario);

describe.each(PROVIDERS)('the handler check for %s', (providerId) => {
  it('passes a correct handler on every scenario, the unknown event judged on its effects', async () => {
    const report = await check(providerId);
    expect(failing(report)).toEqual([]);
    expect(report.rows.find((r) => r.scenario === 'unknown-event')?.pass).toBe(true);
  });

  it('fails a handler that answers 500 to an event type it does not know, on that scenario only', async () => {
    expect(failing(await check(providerId, 'unknown-500'))).toEqual(['unknown-event']);
  });
});

describe('another event like the first, for an envelope whose ids sit in an array (LINE events[0])', () => {
  it('renews the ids the provider names at indexed paths, so distinct events never look like duplicates', () => {
    const line = registry.require('line');
    const body = new TextEncoder().encode(JSON.stringify(buildSample(line, 'message', 1)));
    const variant = JSON.parse(
      new TextDecoder().decode(
        eventVariant(body, 'tag1', {
          idFields: ['events[0].webhookEventId', 'events[0].source.userId'],
          eventType: { from: 'message', to: 'hookscope.check_unknown' },
          typeFields: ['events[0].type'],
        }),
      ),
    ) as { events: { webhookEventId: string; type: string; source: { userId: string } }[] };
    const original = JSON.parse(new TextDecoder().decode(body)) as typeof variant;
    expect(variant.events[0].webhookEventId).not.toBe(original.events[0].webhookEventId);
    expect(variant.events[0].webhookEventId).toHaveLength(original.events[0].webhookEventId.length);
    expect(variant.events[0].source.userId).toMatch(/^U[0-9a-f]{32}$/);
    expect(variant.events[0].source.userId).not.toBe(original.events[0].source.userId);
    expect(variant.events[0].type).toBe('hookscope.check_unknown');
  });
});

describe("the unknown event for a type in two body fields (Plaid's webhook_type + webhook_code)", () => {
  it('writes both fields, so neither keeps a part of the real pair', () => {
    const plaid = registry.require('plaid');
    const body = new TextEncoder().encode(JSON.stringify(buildSample(plaid, 'ITEM.ERROR', 1)));
    const variant = JSON.parse(
      new TextDecoder().decode(
        eventVariant(body, 'tag1', {
          eventType: { from: 'ITEM.ERROR', to: 'hookscope.check_unknown' },
          typePairs: [{ path: 'webhook_type', actionPath: 'webhook_code' }],
        }),
      ),
    ) as { webhook_type: string; webhook_code: string; item_id: string };
    expect(variant).toMatchObject({ webhook_type: 'hookscope', webhook_code: 'check_unknown' });
    expect(JSON.parse(new TextDecoder().decode(body))).toMatchObject({ webhook_type: 'ITEM', webhook_code: 'ERROR' });
  });
});
