/** Signs a request the way a provider does. */
import type { ProviderDefinition, SignatureForm } from '../../shared/providers';
import { HookscopeError } from '../../shared/errors';
import { sign as signAsymmetric } from 'node:crypto';
import { encodeDigest, hmacFor, secretKey } from './crypto';
import { isAsymmetric, signingKey } from './keys';
import { resolveForm } from './forms';
import { formatSignatureValue } from './signature-format';
import { bodyInForm, buildSignedBytes } from './signed-content';

export interface SignInput {
  secret: string;
  body: Uint8Array;
  /** Unix seconds. */
  timestampSec: number;
  /** Value of `{id}` for schemes that sign a message id (Standard Webhooks `webhook-id`). */
  webhookId?: string;
  /** Signature form name, e.g. LRDefender 'plain' | 'timestamped'; the provider's default otherwise. */
  form?: string;
}

export interface SignOutput {
  /** The signature header and, where the scheme has them, the timestamp and id headers. */
  headers: [string, string][];
  signedBytes: Uint8Array;
}

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
  const key = isAsymmetric(form.algorithm)
    ? signingKey(input.secret, form.algorithm)
    : secretKey(input.secret, form.secretEncoding);
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
  const timestamp =
    form.timestampUnit === 'ms'
      ? String(input.timestampSec * 1000)
      : form.timestampUnit === 'iso'
        ? new Date(input.timestampSec * 1000).toISOString()
        : String(input.timestampSec);
  // The signer uses the first body form; a body that is not JSON cannot be re-serialized and is signed raw.
  const body = bodyInForm(input.body, form.signedContent.bodyForms[0]) ?? input.body;
  const signedBytes = buildSignedBytes(form.signedContent.template, { body, timestamp, id: input.webhookId });
  const raw = Buffer.isBuffer(key)
    ? hmacFor(form.algorithm, key, signedBytes)
    : signAsymmetric(form.algorithm === 'ed25519' ? null : 'sha256', signedBytes, key);
  const digest = encodeDigest(raw ?? Buffer.alloc(0), form.digest);
  const headers: [string, string][] = [];
  if (usesId && form.idHeader) headers.push([form.idHeader, input.webhookId ?? '']);
  if (form.timestamp?.in === 'header') headers.push([form.timestamp.header, timestamp]);
  headers.push([form.header, formatSignatureValue(form.format, digest, timestamp)]);
  return { headers, signedBytes };
}
