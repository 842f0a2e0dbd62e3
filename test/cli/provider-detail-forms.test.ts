/** `hookscope providers <id>` describes a signature form as the provider writes it: the kv separator and a secret prefix that is removed. */
import { describe, expect, it } from 'vitest';
import { describeProvider } from '../../src/cli/commands/provider-detail';
import { createProviderRegistry } from '../../src/core/providers';

const registry = createProviderRegistry();

describe('provider detail: signature forms', () => {
  it('shows the separator between kv pairs: "," (Stripe), ";" (Paddle), "&" (Inngest)', () => {
    expect(describeProvider(registry.require('stripe'))).toContain(
      '    Stripe-Signature: t=<unix>,v1=<digest> (HMAC-SHA256, hex)',
    );
    expect(describeProvider(registry.require('paddle'))).toContain(
      '    Paddle-Signature: ts=<unix>;h1=<digest> (HMAC-SHA256, hex)',
    );
    expect(describeProvider(registry.require('inngest'))).toContain(
      '    X-Inngest-Signature: t=<unix>&s=<digest> (HMAC-SHA256, hex)',
    );
  });

  it("names the prefix removed from the secret before it is the key (Inngest's signkey-<env>-), and only there", () => {
    expect(describeProvider(registry.require('inngest'))).toContain(
      '    secret: the whole string as UTF-8, after removing what /^signkey-\\w+-/ matches at its start',
    );
    expect(describeProvider(registry.require('paddle'))).toContain('    secret: the whole string as UTF-8');
  });
});
