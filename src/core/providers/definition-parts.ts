/** Small builders shared by the built-in definitions (they stay plain data). */
import type { JsonObject, ProviderEvent, ProviderHeader, SignatureForm } from '../../shared/providers';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;

export function jsonContentType(value = 'application/json'): ProviderHeader {
  return { name: 'Content-Type', description: 'The body is JSON.', value: { kind: 'static', value } };
}

export function signatureHeader(name: string, description: string): ProviderHeader {
  return { name, description, value: { kind: 'signature' } };
}

type FormInput = Omit<SignatureForm, 'algorithm' | 'secretEncoding' | 'signedContent'> &
  Partial<Pick<SignatureForm, 'secretEncoding' | 'signedContent'>>;

/** An HMAC-SHA256 form; the body is signed raw and the secret used as UTF-8 unless told otherwise. */
export function hmacForm(input: FormInput): SignatureForm {
  return {
    algorithm: 'hmac-sha256',
    secretEncoding: 'utf8',
    signedContent: { template: '{body}', bodyForms: ['raw'] },
    ...input,
  };
}

/**
 * For a provider that documents no retry ladder or timeout: an explicit,
 * visible default (a 30 s timeout, four retries over about an hour), named
 * in the provider's notes as "not documented".
 */
export const UNDOCUMENTED_TIMEOUT_MS = 30 * SECOND;
export const UNDOCUMENTED_RETRY_DELAYS_MS = [1 * MINUTE, 5 * MINUTE, 15 * MINUTE, 30 * MINUTE];
export const UNDOCUMENTED_NOTE =
  "Retry ladder and timeout: not documented by the provider; the sender uses Hookscope's visible default (30 s timeout, retries after 1, 5, 15 and 30 minutes). Edit them to match what you observe.";

/** Svix's published schedule (https://docs.svix.com/retries): immediately, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
export const SVIX_RETRY_DELAYS_MS = [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR];
export const SVIX_TIMEOUT_MS = 15 * SECOND;

/** The three Standard Webhooks headers, named `webhook-*` (the specification, Polar, OpenAI...) or `svix-*` (Svix, Clerk, Resend). */
export function standardWebhooksHeaders(prefix: 'webhook' | 'svix'): ProviderHeader[] {
  return [
    jsonContentType(),
    { name: `${prefix}-id`, description: 'Message id; the same on every retry.', value: { kind: 'delivery-id' } },
    { name: `${prefix}-timestamp`, description: 'Unix seconds of this attempt.', value: { kind: 'timestamp' } },
    {
      name: `${prefix}-signature`,
      description: 'Space-separated v1,<base64> signatures (several during a secret rotation).',
      value: { kind: 'signature' },
    },
  ];
}

/** The Standard Webhooks signature: HMAC-SHA256 over "<id>.<timestamp>.<body>", base64, as `v1,<sig>`; 5 minutes of tolerance. */
export function standardWebhooksForm(
  prefix: 'webhook' | 'svix',
  secretEncoding: SignatureForm['secretEncoding'] = 'whsec-base64',
): SignatureForm {
  return hmacForm({
    name: 'default',
    label: `Standard Webhooks v1,<base64> over "<${prefix}-id>.<${prefix}-timestamp>.<body>"`,
    header: `${prefix}-signature`,
    format: { kind: 'versioned-list', version: 'v1' },
    digest: 'base64',
    signedContent: { template: '{id}.{timestamp}.{body}', bodyForms: ['raw'] },
    timestamp: { in: 'header', header: `${prefix}-timestamp` },
    idHeader: `${prefix}-id`,
    toleranceSeconds: 300,
    secretEncoding,
  });
}

/** Event list from descriptions, each with the sample the builder makes for its type. */
export function eventsFrom(
  descriptions: Record<string, string>,
  sample: (type: string) => JsonObject,
): ProviderEvent[] {
  return Object.entries(descriptions).map(([type, description]) => ({ type, description, sample: sample(type) }));
}
