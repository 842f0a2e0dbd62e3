/**
 * One template per Stripe object type: what `data.object` holds in an event
 * (customer, invoice, charge, payment_intent, subscription,
 * checkout.session...). Ids carry Stripe's prefix for the object (`cus_`,
 * `in_`, `ch_`, `pi_`, `sub_`, `cs_test_`...), as Stripe's API reference and
 * its stripe-mock fixtures show them; an object whose prefix Stripe does not
 * publish gets `obj_`, as those fixtures do. Times are the event's moment.
 * Objects without a template of their own get the common fields every Stripe
 * object has (id, object, created, livemode).
 */
import type { JsonObject } from '../../../shared/providers';
import { BILLING_OBJECTS } from './billing-objects';
import { stripeId } from './id-prefixes';
import { PAYMENT_OBJECTS } from './payment-objects';
import { NOW } from './template-values';

export { ID_PREFIXES, UNPREFIXED_IDS } from './id-prefixes';

/** Templates by object type; the rest get commonObject(). */
const TEMPLATES: Record<string, () => JsonObject> = { ...BILLING_OBJECTS, ...PAYMENT_OBJECTS };

/** The fields every Stripe object with an id shares. */
function commonObject(object: string): JsonObject {
  return { id: stripeId(object), object, created: NOW, livemode: false, metadata: {} };
}

/** The names an event's `data.object` may have (a union such as a customer source lists several). */
export function objectNames(object: string): string[] {
  return object.split('|');
}

/** The template of the object an event carries; for a union, a card where one may be (customer.source.expiring). */
export function objectTemplate(object: string): JsonObject {
  const names = objectNames(object);
  const name = names.includes('card') ? 'card' : names[0];
  return (TEMPLATES[name] ?? (() => commonObject(name)))();
}
