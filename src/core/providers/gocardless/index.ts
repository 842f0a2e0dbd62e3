import type { JsonObject } from '../../../shared/providers';
import type { CatalogEntry } from '../catalog-entry';
import { gocardless } from './definition';

/** GoCardless posts a batch: the event inside `events`, with the webhook's id (derived from the event's, so stable across attempts) in `meta`. */
function batch(event: JsonObject): JsonObject {
  const id = typeof event.id === 'string' ? event.id : '';
  return { events: [event], meta: { webhook_id: `WB${id.replace(/^EV/, '')}` } };
}

export const entry: CatalogEntry = { definition: gocardless, body: batch };
