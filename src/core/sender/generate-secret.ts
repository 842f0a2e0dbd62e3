import { randomBytes } from 'node:crypto';
import type { ProviderDefinition } from '../../shared/providers';

/**
 * A fresh signing secret: `whsec_` + base64 of 24 random bytes where the key
 * is base64-decoded (Standard Webhooks), else `whsec_` + 32 url-safe
 * characters, used whole as the key (LRDefender, Prynt, Stripe style; any
 * string works for GitHub, Shopify or Slack). A provider whose key is
 * hex-decoded (Adyen's HMAC key) gets 64 hex characters.
 */
export function generateSecret(provider: ProviderDefinition, random: (n: number) => Buffer = randomBytes): string {
  if (provider.signature.forms.some((f) => f.secretEncoding === 'hex')) return random(32).toString('hex').toUpperCase();
  const base64Key = provider.signature.forms.some((f) => f.secretEncoding === 'whsec-base64');
  return `whsec_${random(24).toString(base64Key ? 'base64' : 'base64url')}`;
}
