/** Sample payloads for every event type, reproducible from a seed. */
import type { JsonObject, ProviderDefinition } from '../../../shared/providers';
import { HookscopeError } from '../../../shared/errors';
import { setPath } from '../json-path';
import { catalogEntry } from '../catalog';
import { createRng, type Rng } from './prng';
import { newSubscriptionId } from './subscription';
import { renderTemplate } from './template';
import { formatTime, SAMPLE_REFERENCE_MS } from './time';

/** A payload from the envelope description alone, for a user provider without a template. */
function fromEnvelope(provider: ProviderDefinition, eventType: string, rng: Rng, timeMs: number): JsonObject {
  const out: Record<string, unknown> = {};
  for (const key of provider.envelope.requiredKeys) out[key] = {};
  for (const convention of provider.ids.conventions) {
    if (convention.prefix) setPath(out, convention.field, convention.prefix + rng.base62(16));
  }
  if (provider.envelope.timeField)
    setPath(out, provider.envelope.timeField.path, formatTime(timeMs, provider.envelope.timeField.format));
  const location = provider.eventTypeLocations.find((l) => l.in === 'body');
  if (location?.in === 'body') {
    const raw = location.names ? Object.keys(location.names).find((k) => location.names?.[k] === eventType) : eventType;
    const dot = location.actionPath ? (raw ?? '').indexOf('.') : -1;
    if (raw !== undefined && location.actionPath && dot > 0) {
      setPath(out, location.path, raw.slice(0, dot));
      setPath(out, location.actionPath, raw.slice(dot + 1));
    } else if (raw !== undefined) setPath(out, location.path, location.names && /^\d+$/.test(raw) ? Number(raw) : raw);
  }
  return out as JsonObject;
}

/** EVENT_UNKNOWN naming the provider's event types, unless `eventType` is one of them. */
export function assertEventType(provider: ProviderDefinition, eventType: string): void {
  if (provider.events.some((e) => e.type === eventType)) return;
  const valid = provider.events.map((e) => e.type);
  throw new HookscopeError(
    'EVENT_UNKNOWN',
    `${provider.name} has no event type "${eventType}"; its event types are: ${valid.join(', ')}.`,
    {
      providerId: provider.id,
      eventType,
      validEventTypes: valid,
    },
  );
}

export interface SampleOptions {
  /** The event's moment (epoch ms): the delivery's creation time on the injected clock. Default SAMPLE_REFERENCE_MS (fixtures). */
  nowMs?: number;
  /** The webhook's subscription id, for providers whose payloads name it; a new one from the seed when absent. */
  webhookId?: string;
}

/**
 * A realistic payload for `eventType` at `options.nowMs`; the same seed (and
 * time) gives the same payload. Throws EVENT_UNKNOWN for an event type the
 * provider does not list.
 */
export function buildSample(
  provider: ProviderDefinition,
  eventType: string,
  seed: number,
  options: SampleOptions = {},
): JsonObject {
  assertEventType(provider, eventType);
  const event = provider.events.find((e) => e.type === eventType)!;
  const rng = createRng(seed);
  const nowMs = options.nowMs ?? SAMPLE_REFERENCE_MS;
  const generator = catalogEntry(provider)?.sample;
  if (generator) {
    // The subscription id comes from its own stream, so the content of a seed does not depend on whether one was given.
    const webhookId = options.webhookId ?? newSubscriptionId(provider, createRng(seed ^ 0x5eed)) ?? '';
    return generator(eventType, rng, { nowMs, webhookId });
  }
  if (event.sample !== undefined) return renderTemplate(event.sample, { rng, eventType, timeMs: nowMs });
  return fromEnvelope(provider, eventType, rng, nowMs);
}

export { createRng, mulberry32, type Rng } from './prng';
export { renderTemplate, templateProblems } from './template';
export { checkSubscriptionId, newSubscriptionId, subscriptionFormat } from './subscription';
export { SAMPLE_REFERENCE_MS } from './time';
