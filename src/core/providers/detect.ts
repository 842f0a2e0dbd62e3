/**
 * Which provider sent a request: the endpoint's binding first, then
 * distinctive headers, then the shape of the JSON envelope. Unknown stays
 * null; garbage never throws.
 */
import type { DetectionResult, EventTypeLocation, ProviderDefinition } from '../../shared/providers';
import { parseJsonBody } from './bytes';
import { formBodyObject, isFormContentType } from './form-fields';
import { firstHeader, hasHeader, type HeaderPairs } from './headers';
import { getPath } from './json-path';

export interface ProviderLookup {
  list(): ProviderDefinition[];
  get(id: string): ProviderDefinition | undefined;
}

/** Bodies above this are not parsed for detection. */
const MAX_DETECT_BODY = 1024 * 1024;
/** An envelope alone identifies a provider only when it has at least this many distinctive keys. */
const MIN_ENVELOPE_KEYS = 3;

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The event type a body location holds: the string there, or its name in `names` (Discord's numeric interaction types). */
export function bodyEventType(
  location: Extract<EventTypeLocation, { in: 'body' }>,
  value: unknown,
): string | undefined {
  if (location.names) {
    const key = typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
    return key !== undefined && Object.prototype.hasOwnProperty.call(location.names, key)
      ? location.names[key]
      : undefined;
  }
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** The event type at a body location: its value (or name), followed by `.<action>` where `actionPath` holds one (GoCardless's `payments` + `confirmed`). */
export function bodyLocationType(
  location: Extract<EventTypeLocation, { in: 'body' }>,
  body: unknown,
): string | undefined {
  const type = bodyEventType(location, getPath(body, location.path));
  return type === undefined ? undefined : withAction(type, location.actionPath, body);
}

/**
 * The event a body holds for this provider: the first element of a batched
 * body (HubSpot's array, GoCardless's `events` array at `batchPath`), else the body.
 */
export function eventView(provider: ProviderDefinition, body: unknown): unknown {
  if (provider.envelope.batchPath !== undefined) {
    const batch = getPath(body, provider.envelope.batchPath);
    return Array.isArray(batch) ? batch[0] : body;
  }
  return provider.envelope.batched && Array.isArray(body) ? body[0] : body;
}

export function eventTypeOf(provider: ProviderDefinition, headers: HeaderPairs, whole: unknown): string | null {
  const body = eventView(provider, whole);
  for (const location of provider.eventTypeLocations) {
    const value =
      location.in === 'header'
        ? withAction(firstHeader(headers, location.name), location.actionPath, body)
        : bodyLocationType(location, body);
    if (typeof value === 'string' && value.length > 0) return value;
  }
  // A provider that sends one kind of event and names it nowhere (Dropbox's list_folder notification): that one.
  if (provider.eventTypeLocations.length === 0) {
    const regular = provider.events.filter((e) => !e.handshake);
    if (regular.length === 1) return regular[0].type;
  }
  return null;
}

/** An event name (a header's, a body field's) followed by `.<action>` when the body carries one at `actionPath` (GitHub's `issues` + `opened`). */
function withAction(name: string | undefined, actionPath: string | undefined, body: unknown): string | undefined {
  if (name === undefined || actionPath === undefined) return name;
  const action = getPath(body, actionPath);
  return typeof action === 'string' && action.length > 0 ? `${name}.${action}` : name;
}

function envelopeMatches(provider: ProviderDefinition, whole: unknown): boolean {
  const body = eventView(provider, whole);
  const keys = provider.envelope.requiredKeys;
  return keys.length > 0 && isObject(body) && keys.every((k) => Object.prototype.hasOwnProperty.call(body, k));
}

/** Whether the body carries the provider's in-body signature (Adyen's items' additionalData.hmacSignature): as specific as a header. */
function carriesBodySignature(provider: ProviderDefinition, body: unknown): boolean {
  return provider.signature.forms.some((form) => {
    const spec = form.bodyFields;
    const items = spec ? getPath(body, spec.items) : undefined;
    return (
      !!spec &&
      Array.isArray(items) &&
      items.some((item) => typeof getPath(spec.item ? getPath(item, spec.item) : item, spec.signaturePath) === 'string')
    );
  });
}

function knowsEvent(provider: ProviderDefinition, headers: HeaderPairs, body: unknown): boolean {
  const type = eventTypeOf(provider, headers, body);
  return type !== null && provider.events.some((e) => e.type === type);
}

function detect(
  request: { headers: HeaderPairs; body: Uint8Array },
  registry: ProviderLookup,
  boundProviderId?: string,
): DetectionResult {
  const headers = Array.isArray(request.headers) ? request.headers : [];
  const small = request.body instanceof Uint8Array && request.body.length <= MAX_DETECT_BODY;
  const body = !small
    ? undefined
    : isFormContentType(firstHeader(headers, 'content-type'))
      ? formBodyObject(request.body)
      : parseJsonBody(request.body)?.value;
  let boundNote = '';
  if (boundProviderId !== undefined) {
    const bound = registry.get(boundProviderId);
    if (bound)
      return {
        providerId: bound.id,
        eventType: eventTypeOf(bound, headers, body),
        reason: `The endpoint is bound to ${bound.name}.`,
      };
    boundNote = ` The endpoint's provider "${boundProviderId}" is not known.`;
  }
  const providers = registry.list();
  const byHeaders = providers
    .map((p) => {
      const matched = p.detection.headers.filter((h) => hasHeader(headers, h));
      const envelope = envelopeMatches(p, body);
      const usable = matched.length > 0 && (!p.detection.headersAreGeneric || envelope);
      // Headers first; among providers sharing them (the Standard Webhooks family), knowing the event type, then the fuller envelope, decide.
      const score = usable
        ? matched.length * 1000 +
          (knowsEvent(p, headers, body) ? 100 : 0) +
          (envelope ? 10 + p.envelope.requiredKeys.length : 0)
        : 0;
      return { p, matched, score };
    })
    .filter((c) => c.score > 0)
    .sort((a, b) => b.score - a.score);
  if (byHeaders.length > 0) {
    const { p, matched } = byHeaders[0];
    const envelopeNote = p.detection.headersAreGeneric ? ` and its ${p.envelope.requiredKeys.join('/')} envelope` : '';
    return {
      providerId: p.id,
      eventType: eventTypeOf(p, headers, body),
      reason: `Recognised by the ${matched.join(', ')} header${matched.length > 1 ? 's' : ''}${envelopeNote}.${boundNote}`,
    };
  }
  const byEnvelope = providers
    .filter(
      (p) =>
        (p.envelope.requiredKeys.length >= MIN_ENVELOPE_KEYS || carriesBodySignature(p, body)) &&
        envelopeMatches(p, body),
    )
    .map((p) => ({ p, score: p.envelope.requiredKeys.length * 2 + (knowsEvent(p, headers, body) ? 1 : 0) }))
    .sort((a, b) => b.score - a.score);
  if (byEnvelope.length > 0 && (byEnvelope.length === 1 || byEnvelope[0].score > byEnvelope[1].score)) {
    const { p } = byEnvelope[0];
    return {
      providerId: p.id,
      eventType: eventTypeOf(p, headers, body),
      reason: `No provider header; recognised by its ${p.envelope.requiredKeys.join('/')} envelope.${boundNote}`,
    };
  }
  if (byEnvelope.length > 1) {
    return {
      providerId: null,
      eventType: null,
      reason: `The envelope fits ${byEnvelope.map((c) => c.p.name).join(' and ')} equally; no header decides.${boundNote}`,
    };
  }
  const what = body === undefined ? 'the body is not JSON (or too large to inspect)' : 'no envelope matches';
  return { providerId: null, eventType: null, reason: `No provider header is present and ${what}.${boundNote}` };
}

export function detectProvider(
  request: { headers: HeaderPairs; body: Uint8Array },
  registry: ProviderLookup,
  boundProviderId?: string,
): DetectionResult {
  try {
    return detect(request, registry, boundProviderId);
  } catch (error) {
    return {
      providerId: null,
      eventType: null,
      reason: `The request could not be examined: ${error instanceof Error ? error.message : String(error)}.`,
    };
  }
}
