/** Rules every provider's payloads obey, read from its definition: envelope keys, event type, id conventions, time format. */
import type { ProviderDefinition } from '../../../shared/providers';
import { Checker } from './check';
import { bodyEventType, bodyLocationType } from '../detect';

export function checkGeneric(provider: ProviderDefinition, eventType: string, payload: unknown): Checker {
  const c = new Checker(payload);
  if (!c.obj('')) return c;
  // A body-less handshake (Dropbox's GET ?challenge=, Asana's X-Hook-Secret): its sample holds the values it carries, not a payload.
  if (provider.events.find((e) => e.type === eventType)?.handshake?.request.body === 'none') return c;
  for (const key of provider.envelope.requiredKeys) {
    if (c.get(key) === undefined) c.fail(key, 'is required by the envelope');
  }
  if (!provider.events.some((e) => e.type === eventType))
    c.fail('(event type)', `"${eventType}" is not in ${provider.name}'s catalogue`);
  const bodyLocations = provider.eventTypeLocations.flatMap((l) => (l.in === 'body' ? [l] : []));
  // A location with names counts only where its value is one of them (Twitch: only a pending subscription's status names the challenge).
  const located = bodyLocations.find((l) =>
    l.names ? bodyEventType(l, c.get(l.path)) !== undefined : typeof c.get(l.path) === 'string',
  );
  if (located !== undefined && bodyLocationType(located, payload) !== eventType) {
    const got = located.actionPath ? bodyLocationType(located, payload) : c.get(located.path);
    c.fail(located.path, `expected the event type "${eventType}", got ${JSON.stringify(got)}`);
  } else if (
    located === undefined &&
    bodyLocations.length > 0 &&
    bodyLocations.length === provider.eventTypeLocations.length
  ) {
    c.fail(bodyLocations[0].path, `expected the event type "${eventType}", found none`);
  }
  for (const convention of provider.ids.conventions) {
    const value = c.get(convention.field);
    if (value === undefined) continue;
    c.str(convention.field, {
      prefix: convention.prefix,
      pattern: convention.pattern ? new RegExp(convention.pattern) : undefined,
    });
  }
  if (provider.envelope.timeField) c.time(provider.envelope.timeField.path, provider.envelope.timeField.format);
  if (provider.limits.maxPayloadBytes !== undefined) {
    const size = Buffer.byteLength(JSON.stringify(payload));
    if (size > provider.limits.maxPayloadBytes)
      c.fail('(payload)', `is ${size} bytes, over the ${provider.limits.maxPayloadBytes}-byte limit`);
  }
  return c;
}
