import type { HeaderPair } from '../../shared/capture-types';
import type { ProviderDefinition, SignatureForm } from '../../shared/providers';
import { HookscopeError } from '../../shared/errors';
import { signRequest } from '../providers';
import { defaultForm } from '../providers/forms';
import { parseSignatureValue } from '../providers/signature-format';
import { firstValue, setHeader } from './headers';

/**
 * The signature form a capture was signed with: the one its verdict names
 * (`<provider>/<form>`), else the first whose header it carries, else the
 * provider's default.
 */
export function signingForm(
  provider: ProviderDefinition,
  headers: readonly HeaderPair[],
  scheme?: string | null,
): SignatureForm {
  const named = scheme?.startsWith(`${provider.id}/`) ? scheme.slice(provider.id.length + 1) : undefined;
  return (
    provider.signature.forms.find((f) => f.name === named) ??
    provider.signature.forms.find((f) => firstValue(headers, f.header) !== undefined) ??
    defaultForm(provider)
  );
}

/** The unix-seconds timestamp a request was signed at, from its timestamp header or its signature value. */
export function signedTimestamp(form: SignatureForm, headers: readonly HeaderPair[]): number | undefined {
  let raw: string | undefined;
  if (form.timestamp?.in === 'header') raw = firstValue(headers, form.timestamp.header);
  else if (form.timestamp?.in === 'signature') {
    const value = firstValue(headers, form.header);
    const parsed = value === undefined ? undefined : parseSignatureValue(form.format, value);
    raw = parsed?.ok ? parsed.timestamp : undefined;
  }
  return raw !== undefined && /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : undefined;
}

/** A warning when the request's signed timestamp is already outside the provider's tolerance. */
export function staleWarning(
  provider: ProviderDefinition,
  form: SignatureForm,
  headers: readonly HeaderPair[],
  nowMs: number,
): string | undefined {
  if (form.toleranceSeconds === undefined) return undefined;
  const timestamp = signedTimestamp(form, headers);
  if (timestamp === undefined) return undefined;
  const age = Math.floor(nowMs / 1000) - timestamp;
  if (Math.abs(age) <= form.toleranceSeconds) return undefined;
  const when = age >= 0 ? `${age} s old` : `${-age} s in the future`;
  return `the ${provider.name} signature timestamp is ${when}, outside its ${form.toleranceSeconds} s tolerance: a handler that checks it will reject this replay (re-sign it to send a fresh one)`;
}

export interface Resigned {
  headers: HeaderPair[];
  timestamp: number;
  /** The URL to send to when signing changed it (Twilio's bodySHA256). */
  url?: string;
  /** The body to send when the signature sits inside it (Adyen). */
  body?: Uint8Array;
}

/**
 * Signs the body again with a fresh timestamp and writes the provider's
 * signature (and timestamp) headers in place of the old ones, keeping every
 * other header, its order and its name's case.
 */
export function resignHeaders(
  provider: ProviderDefinition,
  form: SignatureForm,
  headers: readonly HeaderPair[],
  body: Uint8Array,
  secret: string,
  nowMs: number,
  /** The replay's target URL and method, for the forms that sign them (Twilio, Square, HubSpot, QStash). */
  request: { url?: string; method?: string } = {},
): Resigned {
  const timestamp = Math.floor(nowMs / 1000);
  const webhookId = form.idHeader ? firstValue(headers, form.idHeader) : undefined;
  if (form.signedContent.template.includes('{id}') && webhookId === undefined) {
    throw new HookscopeError(
      'BAD_INPUT',
      `${form.label} signs the ${form.idHeader ?? 'message id'} header, which this request lacks; add it to re-sign.`,
    );
  }
  const signed = signRequest(provider, {
    secret,
    body,
    timestampSec: timestamp,
    webhookId,
    form: form.name,
    url: request.url,
    method: request.method,
  });
  let out: HeaderPair[] = headers.map(([n, v]) => [n, v]);
  for (const [name, value] of signed.headers) out = setHeader(out, name, value);
  return {
    headers: out,
    timestamp,
    ...(signed.url ? { url: signed.url } : {}),
    ...(signed.body ? { body: signed.body } : {}),
  };
}
