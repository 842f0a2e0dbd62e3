/**
 * Webhook subscription ids: the `webhookId` (LRDefender, Prynt) or
 * `meta.webhookId` (LMIF) that names the webhook an event is delivered to.
 * One per simulated webhook (provider + target URL), reused by every
 * delivery to it; event ids, by contrast, are new per event.
 */
import { HookscopeError } from '../../../shared/errors';
import type { ProviderDefinition } from '../../../shared/providers';
import type { Rng } from './prng';

interface SubscriptionFormat {
  /** Where the payload carries it. */
  field: string;
  prefix: string;
  /** Base-62 characters after the prefix in a generated id. */
  length: number;
}

/** The documented providers whose payloads name the subscription, in their own id format (the seeds' examples). */
const FORMATS: Record<string, SubscriptionFormat> = {
  lrdefender: { field: 'webhookId', prefix: 'wh_', length: 12 },
  prynt: { field: 'webhookId', prefix: 'wh_', length: 13 },
  lmif: { field: 'meta.webhookId', prefix: 'wh_', length: 12 },
};

const ID_BODY = /^[A-Za-z0-9]{1,64}$/;

export function subscriptionFormat(provider: ProviderDefinition): SubscriptionFormat | undefined {
  return provider.kind === 'documented' ? FORMATS[provider.id] : undefined;
}

/** A new subscription id in the provider's format, or null when its payloads name no subscription. */
export function newSubscriptionId(provider: ProviderDefinition, rng: Rng): string | null {
  const format = subscriptionFormat(provider);
  return format ? format.prefix + rng.base62(format.length) : null;
}

/** `id` when it is in the provider's subscription id format; BAD_INPUT otherwise, or when the provider has none. */
export function checkSubscriptionId(provider: ProviderDefinition, id: string): string {
  const format = subscriptionFormat(provider);
  if (!format) {
    throw new HookscopeError(
      'BAD_INPUT',
      `${provider.name} payloads carry no webhook subscription id, so a webhook id cannot be set for it.`,
      {
        providerId: provider.id,
      },
    );
  }
  if (!id.startsWith(format.prefix) || !ID_BODY.test(id.slice(format.prefix.length))) {
    throw new HookscopeError(
      'BAD_INPUT',
      `a ${provider.name} webhook id is "${format.prefix}" followed by 1 to 64 letters or digits (e.g. ${format.prefix}xyz789).`,
      {
        providerId: provider.id,
      },
    );
  }
  return id;
}
