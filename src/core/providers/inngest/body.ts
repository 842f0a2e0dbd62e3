/**
 * The body Inngest posts for one invocation: the sample with its event
 * repeated in `events` (a function triggered by one event gets a list of one),
 * written in RFC 8785 canonical order (object keys sorted by UTF-16 code
 * units), as the server's JCS transform writes it and the SDK re-derives it.
 */
import { MAX_JSON_DEPTH, valueNestingDepth } from '../../../shared/json-depth';
import type { JsonObject, JsonValue } from '../../../shared/providers';

function canonical(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  const out: JsonObject = {};
  // Default sort compares UTF-16 code units, which is what RFC 8785 asks for.
  for (const key of Object.keys(value).sort()) out[key] = canonical(value[key]);
  return out;
}

/** A payload nested deeper than MAX_JSON_DEPTH is posted as it stands (never walked recursively). */
export function canonicalInvocation(sample: JsonObject): JsonValue {
  if (valueNestingDepth(sample, MAX_JSON_DEPTH + 1) > MAX_JSON_DEPTH) return sample;
  const withEvents =
    sample.event !== undefined && sample.events === undefined ? { ...sample, events: [sample.event] } : sample;
  return canonical(withEvents);
}
