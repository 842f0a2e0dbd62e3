import { randomBytes } from 'node:crypto';
import type { ProviderDefinition } from '../../shared/providers';

/**
 * A fresh signing secret: `whsec_` + base64 of 24 random bytes where the key
 * is base64-decoded (Standard Webhooks), else `whsec_` + 32 url-safe
 * characters, used whole as the key (LRDefender, Prynt, Stripe style; any
 * string works for GitHub, Shopify or Slack).
 */
export function generateSecret(provider: ProviderDefinition, random: (n: number) => Buffer = randomBytes): string {
  const base64Key = provider.signature.forms.some((f) => f.secretEncoding === 'whsec-base64');
  return `whsec_${random(24).toString(base64Key ? 'base64' : 'base64url')}`;
}
