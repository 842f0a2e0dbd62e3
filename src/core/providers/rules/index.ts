/**
 * Payload rules per provider: the generic ones read from the definition,
 * plus the documented constraints of the five documented providers. Samples
 * and the documents' own example payloads must both pass.
 */
import type { ProviderDefinition } from '../../../shared/providers';
import type { Checker } from './check';
import { checkClickdefender } from './clickdefender';
import { checkFingerprintiq } from './fingerprintiq';
import { checkGeneric } from './generic';
import { checkLmif } from './lmif';
import { checkLrdefender } from './lrdefender';
import { checkPrynt } from './prynt';

const SPECIFIC: Record<string, (c: Checker, eventType: string) => void> = {
  lrdefender: checkLrdefender,
  fingerprintiq: checkFingerprintiq,
  clickdefender: checkClickdefender,
  lmif: checkLmif,
  prynt: checkPrynt,
};

/** Problems with a payload, as "<field path>: <problem>"; empty when it obeys every rule. */
export function validatePayload(provider: ProviderDefinition, eventType: string, payload: unknown): string[] {
  const c = checkGeneric(provider, eventType, payload);
  const specific = provider.kind === 'documented' ? SPECIFIC[provider.id] : undefined;
  if (specific && payload !== null && typeof payload === 'object' && !Array.isArray(payload)) specific(c, eventType);
  return c.problems;
}
