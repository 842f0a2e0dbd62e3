/**
 * Every built-in provider's timeout and retry ladder are the documented ones
 * (each cited in its notes); where a provider documents none, the definition
 * says so and every place that shows the value names it as Hookscope's default.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_PROVIDERS, createProviderRegistry } from '../../../src/core/providers';
import { UNDOCUMENTED_RETRY_DELAYS_MS, UNDOCUMENTED_TIMEOUT_MS } from '../../../src/core/providers/definition-parts';
import { describeProvider, ladderText, timeoutText } from '../../../src/cli/commands/provider-detail';
import { providerDefinitionSchema } from '../../../src/shared/provider-schema';
import { isNotDocumented, withDefaultLabel } from '../../../src/shared/undocumented';

const registry = createProviderRegistry();
const p = (id: string) => registry.require(id);
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

describe('documented ladders and timeouts', () => {
  it.each([
    ['stripe', undefined, [1, 2, 4, 8, 16, 24, 17].map((h) => h * HOUR)],
    ['shopify', 5 * SECOND, [1, 2, 4, 8, 16, 32, 64, 113].map((m) => m * MINUTE)],
    ['slack', 3 * SECOND, [1 * SECOND, 1 * MINUTE, 5 * MINUTE]],
    ['svix', 15 * SECOND, [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR]],
    ['github', 10 * SECOND, []],
    ['gitlab', 10 * SECOND, []],
    ['discord', 3 * SECOND, []],
    ['linear', 5 * SECOND, [1 * MINUTE, 1 * HOUR, 6 * HOUR]],
    ['sanity', undefined, [30 * SECOND, 30 * SECOND]],
    ['replicate', undefined, [2, 4, 8, 16, 30].map((s) => s * SECOND)],
    ['polar', 20 * SECOND, [0.5, 1, 2, 4, 8, 16, 32, 64, 128, 256].map((m) => m * MINUTE)],
  ] as const)('%s', (id, timeoutMs, delays) => {
    const d = p(id).delivery;
    expect(d.retryDelaysMs).toEqual(delays);
    if (timeoutMs !== undefined) expect(d.timeoutMs).toBe(timeoutMs);
  });

  it('Stripe retries for 3 days in all (live mode), Shopify for 4 hours', () => {
    const total = (id: string) => p(id).delivery.retryDelaysMs.reduce((a, b) => a + b, 0);
    expect(total('stripe')).toBe(72 * HOUR);
    expect(total('shopify')).toBe(4 * HOUR);
    expect(p('shopify').delivery.retryDelaysMs).toHaveLength(8);
  });

  it('names what is not documented, and only that; the value is then the visible default', () => {
    const marked = (id: string) => p(id).delivery.notDocumented ?? [];
    expect(marked('stripe')).toEqual(['timeout']);
    expect(marked('openai')).toEqual(['timeout']);
    expect(marked('replicate')).toEqual(['timeout']);
    expect(marked('sanity')).toEqual(['timeout']);
    for (const id of ['shopify', 'slack', 'svix', 'github', 'gitlab', 'discord', 'linear', 'paddle', 'polar'])
      expect(marked(id), id).toEqual([]);
    for (const provider of BUILTIN_PROVIDERS) {
      if (isNotDocumented(provider, 'timeout')) expect(provider.delivery.timeoutMs).toBe(UNDOCUMENTED_TIMEOUT_MS);
      if (isNotDocumented(provider, 'retries'))
        expect(provider.delivery.retryDelaysMs).toEqual(UNDOCUMENTED_RETRY_DELAYS_MS);
      // Every policy cites where it comes from, or says it is not documented.
      expect(
        provider.notes.some((n) => /retr|ladder/i.test(n)) || provider.kind === 'documented',
        `${provider.id} notes name the source of its ladder`,
      ).toBe(true);
    }
  });

  it('the CLI shows a default as "default, not documented by <provider>"', () => {
    expect(timeoutText(p('stripe'))).toBe('30s (default, not documented by Stripe)');
    expect(ladderText(p('stripe'))).toBe('1h, 2h, 4h, 8h, 16h, 24h, 17h');
    expect(ladderText(p('replicate'))).toBe('2s, 4s, 8s, 16s, 30s');
    const noLadder = {
      ...p('replicate'),
      name: 'Acme',
      delivery: {
        ...p('replicate').delivery,
        retryDelaysMs: UNDOCUMENTED_RETRY_DELAYS_MS,
        notDocumented: ['retries' as const],
      },
    };
    expect(ladderText(noLadder)).toBe('1m, 5m, 15m, 30m (default, not documented by Acme)');
    expect(timeoutText(noLadder)).toBe('30s');
    expect(timeoutText(p('github'))).toBe('10s');
    expect(describeProvider(p('sanity'))).toContain('  timeout: 30s (default, not documented by Sanity)');
    expect(withDefaultLabel(p('slack'), 'timeout', '3 s')).toBe('3 s');
  });

  it('a user file may say so too; an unknown part is refused', () => {
    const base = {
      id: 'acme',
      name: 'Acme',
      signature: {
        forms: [{ name: 'default', label: 'x', header: 'X-Sig', format: { kind: 'plain' }, digest: 'hex' }],
      },
      events: [{ type: 'thing.created' }],
    };
    const delivery = { timeoutMs: 30_000, success: '2xx', retryDelaysMs: [], afterFailure: 'x' };
    const ok = providerDefinitionSchema.safeParse({ ...base, delivery: { ...delivery, notDocumented: ['retries'] } });
    expect(ok.success && ok.data.delivery.notDocumented).toEqual(['retries']);
    const bad = providerDefinitionSchema.safeParse({ ...base, delivery: { ...delivery, notDocumented: ['success'] } });
    expect(bad.success).toBe(false);
  });
});
