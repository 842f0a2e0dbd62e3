/** Checkout.com samples: the event's template, with `_links` that name the sample's own event and subject ids, as Checkout.com's do. */
import type { JsonObject } from '../../../shared/providers';
import type { SampleGenerator } from '../catalog-entry';
import { renderTemplate } from '../samples/template';
import { checkout } from './definition';

const API = 'https://api.checkout.com';

export const checkoutSample: SampleGenerator = (eventType, rng, ctx) => {
  const template = checkout.events.find((e) => e.type === eventType)?.sample ?? {};
  const event = renderTemplate(template, { rng, eventType, timeMs: ctx.nowMs });
  const subject = (event.data as JsonObject).id as string;
  const links: JsonObject = {
    self: { href: `${API}/workflows/events/${event.id as string}` },
    subject: { href: `${API}/workflows/events/subject/${subject}` },
  };
  if (subject.startsWith('pay_')) links.payment = { href: `${API}/payments/${subject}` };
  return { ...event, _links: links };
};
