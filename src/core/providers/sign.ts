/** Signs a request the way a provider does. */
import type { ProviderDefinition, SignatureForm } from '../../shared/providers';
import { HookscopeError } from '../../shared/errors';
import { createHash, sign as signAsymmetric } from 'node:crypto';
import { signBodyFields } from './body-fields';
import { utf8 } from './bytes';
import { encodeDigest, formSecretKey, hmacFor } from './crypto';
import { jwtClaims, signJwt } from './jwt';
import { isAsymmetric, keyIdFor, signingKey } from './keys';
import { resolveForm } from './forms';
import { withQueryParam } from './request-url';
import { formatSignatureValue } from './signature-format';
import { bodyInForm, buildSignedBytes, templateUses } from './signed-content';

export interface SignInput {
  secret: string;
  body: Uint8Array;
  /** Unix seconds. */
  timestampSec: number;
  /** Value of `{id}` for schemes that sign a message id (Standard Webhooks `webhook-id`). */
  webhookId?: string;
  /** Signature form name, e.g. LRDefender 'plain' | 'timestamped'; the provider's default otherwise. */
  form?: string;
  /** The full URL the request goes to: needed by forms that sign it (`{url}`, a JWT's `sub`). */
  url?: string;
  /** The HTTP method (`{method}`); POST when not given. */
  method?: string;
  /** Secrets for `extraSignatureHeaders`, in order (Box's secondary key); the main secret where absent. */
  extraSecrets?: string[];
}

export interface SignOutput {
  /** The signature header and, where the scheme has them, the timestamp and id headers. */
  headers: [string, string][];
  signedBytes: Uint8Array;
  /** The URL to call when signing changed it (Twilio's `bodySHA256` query parameter). */
  url?: string;
  /** The body to send when the signature goes inside it (Adyen's `additionalData.hmacSignature`). */
  body?: Uint8Array;
}

import { timestampText } from './timestamp-style';

export { timestampText };

export function signRequest(provider: ProviderDefinition, input: SignInput): SignOutput {
  const form = resolveForm(provider, input.form);
  return signWithForm(form, input);
}

export function signWithForm(form: SignatureForm, input: SignInput): SignOutput {
  if (!Number.isSafeInteger(input.timestampSec) || input.timestampSec < 0) {
    throw new HookscopeError(
      'BAD_INPUT',
      `timestampSec must be a whole, non-negative number of seconds, not ${input.timestampSec}.`,
    );
  }
  if (form.bodyFields) {
    const out = signBodyFields(form, input.secret, input.body);
    return { headers: [], signedBytes: out.signed, body: out.body };
  }
  const template = form.signedContent.template;
  if ((templateUses(template, 'url') || form.jwt?.subjectIsUrl) && !input.url) {
    throw new HookscopeError(
      'BAD_INPUT',
      `${form.label} signs the URL the request goes to: give that URL (hookscope sign --url U).`,
    );
  }
  const key = isAsymmetric(form.algorithm)
    ? signingKey(input.secret, form.algorithm)
    : formSecretKey(input.secret, form);
  if (!key) {
    throw new HookscopeError(
      'BAD_INPUT',
      `${form.label} needs a base64 secret (optionally prefixed "whsec_"); this one does not decode.`,
    );
  }
  const usesId = form.signedContent.template.includes('{id}');
  if (usesId && !input.webhookId) {
    throw new HookscopeError('BAD_INPUT', `${form.label} signs a message id; pass webhookId.`);
  }
  const timestamp = timestampText(form, input.timestampSec);
  // The signer uses the first body form; a body that is not JSON cannot be re-serialized and is signed raw.
  const body = bodyInForm(input.body, form.signedContent.bodyForms[0]) ?? input.body;
  const headers: [string, string][] = [];
  if (usesId && form.idHeader) headers.push([form.idHeader, input.webhookId ?? '']);
  if (form.timestamp?.in === 'header') headers.push([form.timestamp.header, timestamp]);
  if (form.jwt) {
    const token = signJwt(
      key,
      jwtClaims(form.jwt, { body, timestampSec: input.timestampSec, url: input.url, id: input.webhookId }),
      Buffer.isBuffer(key) ? undefined : keyIdFor(key),
    );
    headers.push([form.header, formatSignatureValue(form.format, token, timestamp)]);
    return { headers, signedBytes: utf8(token.slice(0, token.lastIndexOf('.'))) };
  }
  const url =
    input.url !== undefined && form.bodyHashQuery
      ? withQueryParam(input.url, form.bodyHashQuery, createHash('sha256').update(body).digest('hex'))
      : input.url;
  const signedBytes = buildSignedBytes(template, {
    body,
    timestamp,
    id: input.webhookId,
    url,
    method: input.method ?? 'POST',
  });
  const digestWith = (k: typeof key) => {
    const raw = Buffer.isBuffer(k)
      ? hmacFor(form.algorithm, k, signedBytes)
      : signAsymmetric(form.algorithm === 'ed25519' ? null : 'sha256', signedBytes, k);
    return encodeDigest(raw ?? Buffer.alloc(0), form.digest);
  };
  headers.push([form.header, formatSignatureValue(form.format, digestWith(key), timestamp)]);
  (form.extraSignatureHeaders ?? []).forEach((header, i) => {
    const secret = input.extraSecrets?.[i];
    const extraKey = secret === undefined ? key : formSecretKey(secret, form);
    if (!extraKey) throw new HookscopeError('BAD_INPUT', `The secret for ${header} does not decode.`);
    headers.push([header, formatSignatureValue(form.format, digestWith(extraKey), timestamp)]);
  });
  return { headers, signedBytes, ...(url !== input.url ? { url } : {}) };
}
