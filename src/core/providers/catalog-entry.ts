/**
 * What one provider folder (src/core/providers/<id>/) hands the catalog: its
 * definition (plain data, the same shape as a user's provider file), and,
 * only where a template cannot say it, a sample generator and payload rules.
 */
import type { JsonObject, JsonValue, ProviderDefinition } from '../../shared/providers';
import type { Checker } from './rules/check';
import type { SampleContext } from './samples/context';
import type { Rng } from './samples/prng';

export type SampleGenerator = (eventType: string, rng: Rng, ctx: SampleContext) => JsonObject;
export type PayloadRules = (c: Checker, eventType: string) => void;

export interface CatalogEntry {
  definition: ProviderDefinition;
  /** Code-built samples (score ranges, labels, sums); otherwise each event's `sample` template is rendered. */
  sample?: SampleGenerator;
  /** Rules beyond the generic ones read from the definition (envelope, ids, time field). */
  rules?: PayloadRules;
  /**
   * The JSON the provider posts for one event, when code must build it (GoCardless's batch with its meta,
   * Inngest's canonical order). A plain array of events is data instead: `envelope.batched` (HubSpot,
   * SendGrid). Samples and payload rules stay one event.
   */
  body?: (event: JsonObject) => JsonValue;
}
