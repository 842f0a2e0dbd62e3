/**
 * The HTTP request a provider sends for one delivery attempt: exactly its
 * headers, signed with the attempt's timestamp. The body bytes depend only
 * on the payload, so every attempt of a delivery carries the same body.
 */
import { createHash } from 'node:crypto';
import type { HeaderValueSource, JsonObject, ProviderDefinition } from '../../shared/providers';
import { HookscopeError } from '../../shared/errors';
import { parseJsonBody, utf8 } from './bytes';
import { encodeFormBody, isFormContentType } from './form-fields';
import { eventView } from './detect';
import { firstHeader } from './headers';
import { catalogEntry } from './catalog';
import { getPath } from './json-path';
import type { Rng } from './samples/prng';
import { signRequest } from './sign';

export interface OutgoingInput {
  eventType: string;
  /** An object is sent as compact JSON.stringify output (in the provider's wrapping, if it has one: SendGrid's array); bytes are sent as they are. */
  payload: unknown;
  secret: string;
  /** Unix seconds of this attempt. */
  timestampSec: number;
  /** Used when the payload does not carry the provider's delivery id (Prynt's eventId wins when present). */
  deliveryId?: string;
  /** Signature form (LRDefender 'plain' | 'timestamped'); the provider's default otherwise. */
  form?: string;
  /** 1-based attempt number (default 1); retries carry the provider's retry headers. */
  attempt?: number;
  /** How the attempt before this one failed: an error kind, or null for a non-2xx answer. */
  previousError?: string | null;
  /** The URL the request goes to, for the forms that sign it (Twilio, Square, HubSpot, QStash). */
  url?: string;
}

/** A retry header's value: the retry's number, or the previous failure in the provider's words; none on a first attempt. */
function retryValue(source: HeaderValueSource, input: OutgoingInput): string | undefined {
  const attempt = input.attempt ?? 1;
  if (attempt <= 1) return undefined;
  if (source.kind === 'retry-number') return String(attempt - 1);
  if (source.kind !== 'retry-reason') return undefined;
  const kind = input.previousError ?? 'status';
  return source.words[kind] ?? source.words.other;
}

export interface OutgoingRequest {
  method: 'POST';
  headers: [string, string][];
  body: Uint8Array;
  /** Set when signing changed the URL to call (Twilio's bodySHA256 query parameter). */
  url?: string;
}

function isPlainObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The JSON a provider posts for one event object: the event; an array of it where the provider batches
 * (`envelope.batched`: HubSpot, SendGrid); or what its folder's code builds (GoCardless, Inngest).
 */
export function providerBody(provider: ProviderDefinition, payload: unknown): unknown {
  if (!isPlainObject(payload)) return payload;
  const build = catalogEntry(provider)?.body;
  if (build) return build(payload);
  return provider.envelope.batched ? [payload] : payload;
}

/**
 * The body bytes of a payload: bytes as they are; an object as compact JSON,
 * or as form fields where the provider posts a form (its Content-Type header
 * is application/x-www-form-urlencoded: Twilio, Mailchimp Transactional);
 * an event of a provider that batches (HubSpot) goes inside a JSON array.
 */
export function encodeOutgoingBody(provider: ProviderDefinition, payload: unknown): Uint8Array {
  if (payload instanceof Uint8Array) return payload;
  const contentType = provider.headers.find((h) => h.name.toLowerCase() === 'content-type')?.value;
  if (
    contentType?.kind === 'static' &&
    isFormContentType(contentType.value) &&
    payload !== null &&
    typeof payload === 'object' &&
    !Array.isArray(payload)
  )
    return utf8(encodeFormBody(payload as Record<string, unknown>));
  const text = JSON.stringify(providerBody(provider, payload));
  if (text === undefined) throw new HookscopeError('BAD_INPUT', 'The payload cannot be written as JSON.');
  return utf8(text);
}

/** The delivery id: from the payload field the provider names, else the caller's, else derived from the body (stable across attempts). */
export function resolveDeliveryId(provider: ProviderDefinition, body: Uint8Array, given?: string): string {
  const field = provider.ids.delivery.fromPayload;
  if (field) {
    const parsed = parseJsonBody(body);
    const event = parsed ? eventView(provider, parsed.value) : undefined;
    const value = event !== undefined ? getPath(event, field) : undefined;
    if (typeof value === 'string' && value.length > 0) return value;
  }
  if (given) return given;
  const hash = createHash('sha256').update(body).digest('hex');
  const generate = provider.ids.delivery.generate;
  if (generate.style === 'prefixed') return `${generate.prefix}${hash.slice(0, 24)}`;
  const variant = ((parseInt(hash[16], 16) & 0x3) | 0x8).toString(16);
  return `${hash.slice(0, 8)}-${hash.slice(8, 12)}-4${hash.slice(13, 16)}-${variant}${hash.slice(17, 20)}-${hash.slice(20, 32)}`;
}

/**
 * A new delivery id in the provider's style (a UUID, or its prefix and 24 hex
 * digits), for one delivery: every attempt of it then carries the same id,
 * and two deliveries of identical bodies (GitHub's published examples) differ.
 */
export function newDeliveryId(provider: ProviderDefinition, rng: Rng): string {
  const generate = provider.ids.delivery.generate;
  return generate.style === 'prefixed' ? `${generate.prefix}${rng.hex(24)}` : rng.uuid();
}

export function buildOutgoingRequest(provider: ProviderDefinition, input: OutgoingInput): OutgoingRequest {
  const unsigned = encodeOutgoingBody(provider, input.payload);
  const deliveryId = resolveDeliveryId(provider, unsigned, input.deliveryId);
  const signed = signRequest(provider, {
    secret: input.secret,
    body: unsigned,
    timestampSec: input.timestampSec,
    webhookId: deliveryId,
    form: input.form,
    url: input.url,
  });
  const body = signed.body ?? unsigned;
  const headers: [string, string][] = [];
  const has = (name: string) => firstHeader(headers, name) !== undefined;
  for (const header of provider.headers) {
    if (has(header.name)) continue;
    const source = header.value;
    let value: string | undefined;
    if (source.kind === 'static') value = source.value;
    else if (source.kind === 'event-type') value = input.eventType;
    else if (source.kind === 'event-name') value = input.eventType.split('.')[0];
    else if (source.kind === 'delivery-id') value = deliveryId;
    else if (source.kind === 'retry-number' || source.kind === 'retry-reason') value = retryValue(source, input);
    else if (source.kind === 'timestamp')
      value = firstHeader(signed.headers, header.name) ?? String(input.timestampSec);
    else value = firstHeader(signed.headers, header.name);
    if (value !== undefined) headers.push([header.name, value]);
  }
  for (const pair of signed.headers) {
    if (!has(pair[0])) headers.push(pair);
  }
  return { method: 'POST', headers, body, ...(signed.url ? { url: signed.url } : {}) };
}
