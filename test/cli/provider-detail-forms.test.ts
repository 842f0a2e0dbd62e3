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

  it("names each form by its own algorithm, and a key pair scheme's secret as a key (it said HMAC-SHA256 for all)", () => {
    const lines = (id: string) => describeProvider(registry.require(id));
    expect(lines('plaid')).toContain('    Plaid-Verification: <digest> (an ES256 JWT, base64url)');
    expect(lines('vercel')).toContain('    x-vercel-signature: <digest> (HMAC-SHA1, hex)');
    expect(lines('discord')).toContain('    X-Signature-Ed25519: <digest> (Ed25519, hex)');
    expect(lines('gitlab')).toContain('    X-Gitlab-Token: <digest> (a shared token, compared as it is, utf8)');
    for (const id of ['plaid', 'sendgrid', 'discord'])
      expect(
        lines(id).some((l) => l.startsWith('    secret: a key: the private key to sign with')),
        id,
      ).toBe(true);
    for (const id of ['plaid', 'sendgrid', 'discord', 'qstash', 'gitlab'])
      expect(
        lines(id).some((l) => l.includes('(HMAC-SHA256,')),
        id,
      ).toBe(false);
  });
});
