import type { Checker } from '../rules/check';
import { stripeObjectOf } from './events';
import { ID_PREFIXES, UNPREFIXED_IDS, objectNames } from './objects';

/**
 * Stripe's event rules beyond the envelope: data.object is the object type
 * the library declares for the event, its id carries that object's prefix,
 * and the envelope's fields have their types.
 */
export function checkStripe(c: Checker, eventType: string): void {
  c.str('object', { oneOf: ['event'] });
  c.str('api_version');
  c.bool('livemode');
  c.num('pending_webhooks', { integer: true, min: 0 });
  if (c.get('request') !== null && c.obj('request')) {
    if (c.get('request.id') !== null) c.str('request.id', { prefix: 'req_' });
  }
  if (!c.obj('data') || !c.obj('data.object')) return;
  const expected = stripeObjectOf(eventType);
  if (expected === undefined) return;
  const names = objectNames(expected);
  const name = c.str('data.object.object', { oneOf: names });
  if (name === undefined || !names.includes(name)) return;
  const prefix = ID_PREFIXES[name];
  if (prefix !== undefined) c.str('data.object.id', { prefix });
  else if (UNPREFIXED_IDS.has(name)) c.str('data.object.id');
  if (c.get('data.previous_attributes') !== undefined) c.obj('data.previous_attributes');
}
