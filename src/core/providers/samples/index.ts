/** Sample payloads for every event type, reproducible from a seed. */
import type { JsonObject, ProviderDefinition } from '../../../shared/providers';
import { HookscopeError } from '../../../shared/errors';
import { setPath } from '../json-path';
import { clickdefenderSample } from './clickdefender';
import { fingerprintiqSample } from './fingerprintiq';
import { lmifSample } from './lmif';
import { lrdefenderSample } from './lrdefender';
import { createRng, type Rng } from './prng';
import { pryntSample } from './prynt';
import { renderTemplate } from './template';
import { formatTime, sampleTimeMs } from './time';

type Generator = (eventType: string, rng: Rng) => JsonObject;

/** Code generators for the documented providers, whose rules (score ranges, labels, sums) templates cannot express. */
const GENERATORS: Record<string, Generator> = {
  lrdefender: lrdefenderSample,
  fingerprintiq: fingerprintiqSample,
  clickdefender: clickdefenderSample,
  lmif: lmifSample,
  prynt: pryntSample,
};

/** A payload from the envelope description alone, for a user provider without a template. */
function fromEnvelope(provider: ProviderDefinition, eventType: string, rng: Rng): JsonObject {
  const out: Record<string, unknown> = {};
  const timeMs = sampleTimeMs(rng);
  for (const key of provider.envelope.requiredKeys) out[key] = {};
  for (const convention of provider.ids.conventions) {
    if (convention.prefix) setPath(out, convention.field, convention.prefix + rng.base62(16));
  }
  if (provider.envelope.timeField) setPath(out, provider.envelope.timeField.path, formatTime(timeMs, provider.envelope.timeField.format));
  const location = provider.eventTypeLocations.find((l) => l.in === 'body');
  if (location?.in === 'body') setPath(out, location.path, eventType);
  return out as JsonObject;
}

/**
 * A realistic payload for `eventType`; the same seed gives the same payload.
 * Throws EVENT_UNKNOWN for an event type the provider does not list.
 */
export function buildSample(provider: ProviderDefinition, eventType: string, seed: number): JsonObject {
  const event = provider.events.find((e) => e.type === eventType);
  if (!event) {
    throw new HookscopeError('EVENT_UNKNOWN', `${provider.name} has no event type "${eventType}".`, { providerId: provider.id, eventType });
  }
  const rng = createRng(seed);
  const generator = provider.kind === 'documented' ? GENERATORS[provider.id] : undefined;
  if (generator) return generator(eventType, rng);
  if (event.sample !== undefined) return renderTemplate(event.sample, { rng, eventType, timeMs: sampleTimeMs(rng) });
  return fromEnvelope(provider, eventType, rng);
}

export { createRng, mulberry32, type Rng } from './prng';
export { renderTemplate, templateProblems } from './template';
