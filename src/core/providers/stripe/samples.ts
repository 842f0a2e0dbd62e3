import type { JsonObject } from '../../../shared/providers';
import { HookscopeError } from '../../../shared/errors';
import type { SampleGenerator } from '../catalog-entry';
import { renderTemplate } from '../samples/template';
import { STRIPE_API_VERSION, stripeObjectOf } from './events';
import { objectTemplate } from './objects';

/** The event envelope around its object; an `*.updated` event says what changed in `previous_attributes`. */
export function stripeEventTemplate(type: string): JsonObject | undefined {
  const object = stripeObjectOf(type);
  if (object === undefined) return undefined;
  const data: JsonObject = { object: objectTemplate(object) };
  if (type.endsWith('.updated')) data.previous_attributes = { metadata: {} };
  return {
    id: '{{id:evt_:24}}',
    object: 'event',
    api_version: STRIPE_API_VERSION,
    created: '{{time:unix-s}}',
    data,
    livemode: false,
    pending_webhooks: 1,
    request: { id: '{{id:req_:14}}', idempotency_key: '{{uuid}}' },
    type: '{{eventType}}',
  };
}

export const stripeSample: SampleGenerator = (eventType, rng, ctx) => {
  const template = stripeEventTemplate(eventType);
  if (!template) throw new HookscopeError('EVENT_UNKNOWN', `Stripe has no event type "${eventType}".`);
  return renderTemplate(template, { rng, eventType, timeMs: ctx.nowMs });
};
