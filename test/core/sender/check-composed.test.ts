/**
 * The handler check for providers on composed schemes, against small real
 * handlers that verify with Hookscope's verifier: a correct handler passes
 * every scenario. Adyen's signature sits inside the body, so the "no
 * signature" request must leave it out of the body, not only drop a header;
 * Square signs the URL the sender calls.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/core/clock';
import { createProviderRegistry } from '../../../src/core/providers';
import { senderEnv } from './support/env';
import { providerHandler } from './support/provider-handlers';

const registry = createProviderRegistry();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function failingScenarios(providerId: string, secret: string): Promise<string[]> {
  const provider = registry.require(providerId);
  const handler = await providerHandler(provider, { secret });
  const env = senderEnv({ registry: {} });
  cleanups.push(
    () => handler.close(),
    () => env.dispose(),
  );
  const report = await env.sender({ clock: systemClock }).check({
    url: handler.url,
    provider: providerId,
    eventType: provider.events[0].type,
    secret,
    effectsUrl: handler.url.replace('/hook', '/effects'),
    scenarios: ['unsigned', 'tampered-body', 'wrong-secret', 'duplicate'],
  });
  expect(report.rows.length).toBeGreaterThan(0);
  // A scenario that could not run (pass null) counts as not passed.
  return report.rows.filter((r) => r.pass !== true).map((r) => r.scenario);
}

describe('the handler check on composed schemes', () => {
  it('Adyen: a handler that verifies the in-body HMAC passes, the unsigned request included', async () => {
    expect(await failingScenarios('adyen', '44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056')).toEqual(
      [],
    );
  });

  it('Square: a handler that verifies URL + body passes', async () => {
    expect(await failingScenarios('square', 'square-signature-key')).toEqual([]);
  });
});
