/**
 * The HTTP request a provider sends for one delivery attempt: exactly its
 * headers, signed with the attempt's timestamp. The body bytes depend only
 * on the payload, so every attempt of a delivery carries the same body.
 */
import { createHash } from 'node:crypto';
import type { ProviderDefinition } from '../../shared/providers';
import { HookscopeError } from '../../shared/errors';
import { parseJsonBody, utf8 } from './bytes';
import { encodeFormBody, isFormContentType } from './form-fields';
import { firstHeader } from './headers';
import { getPath } from './json-path';
import { signRequest } from './sign';

export interface OutgoingInput {
  eventType: string;
  /** An object is sent as compact JSON.stringify output; bytes are sent as they are. */
  payload: unknown;
  secret: string;
  /** Unix seconds of this attempt. */
  timestampSec: number;
  /** Used when the payload does not carry the provider's delivery id (Prynt's eventId wins when present). */
  deliveryId?: string;
  /** Signature form (LRDefender 'plain' | 'timestamped'); the provider's default otherwise. */
  form?: string;
  /** The URL the request goes to, for the forms that sign it (Twilio, Square, HubSpot, QStash). */
  url?: string;
}

export interface OutgoingRequest {
  method: 'POST';
  headers: [string, string][];
  body: Uint8Array;
  /** Set when signing changed the URL to call (Twilio's bodySHA256 query parameter). */
  url?: string;
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
  const batch = provider.envelope.batched && payload !== null && typeof payload === 'object' && !Array.isArray(payload);
  const text = JSON.stringify(batch ? [payload] : payload);
  if (text === undefined) throw new HookscopeError('BAD_INPUT', 'The payload cannot be written as JSON.');
  return utf8(text);
}

/** The delivery id: from the payload field the provider names, else the caller's, else derived from the body (stable across attempts). */
export function resolveDeliveryId(provider: ProviderDefinition, body: Uint8Array, given?: string): string {
  const field = provider.ids.delivery.fromPayload;
  if (field) {
    const parsed = parseJsonBody(body);
    const event =
      parsed && provider.envelope.batched && Array.isArray(parsed.value) ? (parsed.value[0] as unknown) : parsed?.value;
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
    else if (source.kind === 'delivery-id') value = deliveryId;
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
