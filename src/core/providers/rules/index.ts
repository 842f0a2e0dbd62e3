/**
 * Payload rules per provider: the generic ones read from the definition,
 * plus the rules a provider's folder adds (the documented constraints of the
 * five documented providers). Samples
 * and the documents' own example payloads must both pass.
 */
import type { ProviderDefinition } from '../../../shared/providers';
import { catalogEntry } from '../catalog';
import { checkGeneric } from './generic';

/** Problems with a payload, as "<field path>: <problem>"; empty when it obeys every rule. */
export function validatePayload(provider: ProviderDefinition, eventType: string, payload: unknown): string[] {
  const c = checkGeneric(provider, eventType, payload);
  const specific = catalogEntry(provider)?.rules;
  if (specific && payload !== null && typeof payload === 'object' && !Array.isArray(payload)) specific(c, eventType);
  return c.problems;
}
