/**
 * Signatures that sit inside the body, over named fields of each item joined
 * by a separator (Adyen: each notification item's HMAC over pspReference,
 * originalReference, merchantAccountCode, merchantReference, amount.value,
 * amount.currency, eventCode and success joined by ':', in
 * `additionalData.hmacSignature`). A missing or null field counts as empty
 * text, as Array.prototype.join writes it.
 */
import type { Diagnostic, ProviderDefinition, SignatureForm, SignatureVerdict } from '../../shared/providers';
import { HookscopeError } from '../../shared/errors';
import { describeBytes, parseJsonBody, utf8 } from './bytes';
import { decodeDigest, digestsEqual, encodeDigest, formSecretKey, hmacFor } from './crypto';
import { schemeId } from './forms';
import { getPath, setPath } from './json-path';

type BodyFields = NonNullable<SignatureForm['bodyFields']>;

function fieldText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The signed objects of a parsed body (each element of `items`, or its `item` path), in order. */
function signedObjects(spec: BodyFields, body: unknown): unknown[] | undefined {
  const items = getPath(body, spec.items);
  if (!Array.isArray(items)) return undefined;
  return items.map((element) => (spec.item ? getPath(element, spec.item) : element));
}

export function fieldsString(spec: BodyFields, item: unknown): string {
  return spec.fields.map((field) => fieldText(getPath(item, field))).join(spec.separator);
}

/** The body with every item's signature written in (re-serialized as compact JSON). */
export function signBodyFields(
  form: SignatureForm,
  secret: string,
  body: Uint8Array,
): { body: Buffer; signed: Buffer } {
  const spec = form.bodyFields;
  const key = formSecretKey(secret, form);
  const parsed = parseJsonBody(body);
  const objects = spec && parsed ? signedObjects(spec, parsed.value) : undefined;
  if (!spec || !key || !objects) {
    throw new HookscopeError(
      'BAD_INPUT',
      !key
        ? `${form.label} needs a ${form.secretEncoding} secret; this one does not decode.`
        : `${form.label} signs the items at ${spec?.items ?? '?'} of a JSON body, and this body has none.`,
    );
  }
  const strings: string[] = [];
  for (const item of objects) {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) continue;
    const data = fieldsString(spec, item);
    strings.push(data);
    const digest = hmacFor(form.algorithm, key, utf8(data)) ?? Buffer.alloc(0);
    setPath(item as Record<string, unknown>, spec.signaturePath, encodeDigest(digest, form.digest));
  }
  return { body: utf8(JSON.stringify(parsed?.value)), signed: utf8(strings.join('\n')) };
}

export interface BodyFieldsVerifyInput {
  body: Uint8Array;
  secrets: string[];
  otherSecrets: { label: string; secret: string }[];
}

/** Whether a body carries this form's in-body signature (so the form applies). */
export function hasBodySignature(form: SignatureForm, body: Uint8Array): boolean {
  const spec = form.bodyFields;
  const parsed = spec ? parseJsonBody(body) : undefined;
  const objects = spec && parsed ? signedObjects(spec, parsed.value) : undefined;
  return !!objects && objects.some((o) => getPath(o, spec?.signaturePath ?? '') !== undefined);
}

/** Every item must carry a signature that holds with one secret; the verdict names the first item that does not. */
export function verifyBodyFields(
  provider: ProviderDefinition,
  form: SignatureForm,
  input: BodyFieldsVerifyInput,
): SignatureVerdict {
  const spec = form.bodyFields;
  const scheme = schemeId(provider, form);
  const parsed = parseJsonBody(input.body);
  const objects = spec && parsed ? signedObjects(spec, parsed.value) : undefined;
  if (!spec || !objects || objects.length === 0)
    return {
      scheme,
      status: 'missing',
      detail: `The body has no items at ${spec?.items ?? '?'}, so nothing in it is signed.`,
      diagnostics: [],
    };
  const keys = input.secrets.flatMap((secret, index) => {
    const key = secret.length > 0 ? formSecretKey(secret, form) : undefined;
    return key ? [{ index, key }] : [];
  });
  const where = (i: number) => `item ${i + 1} (${spec.items}[${i}]${spec.item ? `.${spec.item}` : ''})`;
  const strings = objects.map((o) => fieldsString(spec, o));
  const signedBytes = describeBytes(utf8(strings[0]));
  const received = fieldText(getPath(objects[0], spec.signaturePath));
  const base = { scheme, received, signedBytes };
  for (let i = 0; i < objects.length; i++) {
    if (getPath(objects[i], spec.signaturePath) === undefined)
      return {
        ...base,
        status: 'missing',
        detail: `${where(i)} has no ${spec.signaturePath}, so it is not signed.`,
        diagnostics: [],
      };
  }
  if (keys.length === 0)
    return {
      ...base,
      status: 'no-secret',
      detail: `No ${form.secretEncoding === 'hex' ? 'hex ' : ''}secret is configured, so the in-body signatures cannot be checked.`,
      diagnostics: [],
    };
  let secretIndex: number | undefined;
  for (let i = 0; i < objects.length; i++) {
    const token = decodeDigest(fieldText(getPath(objects[i], spec.signaturePath)), form.digest);
    const data = utf8(strings[i]);
    const hit = keys.find((k) => digestsEqual(token, hmacFor(form.algorithm, k.key, data)));
    if (hit) {
      secretIndex ??= hit.index;
      continue;
    }
    const expected = encodeDigest(hmacFor(form.algorithm, keys[0].key, data) ?? Buffer.alloc(0), form.digest);
    const other = input.otherSecrets.find((o) => {
      const key = formSecretKey(o.secret, form);
      return key !== undefined && digestsEqual(token, hmacFor(form.algorithm, key, data));
    });
    const diagnostics: Diagnostic[] = other
      ? [{ code: 'secret-from-elsewhere', message: `${where(i)} is signed with the HMAC key of ${other.label}.` }]
      : [
          {
            code: 'no-secret-matched',
            message: `${where(i)}'s ${spec.signaturePath} is not the HMAC of "${strings[i]}" (${spec.fields.join(spec.separator)}): a signed field was changed, or the key is another one.`,
          },
        ];
    return {
      ...base,
      received: fieldText(getPath(objects[i], spec.signaturePath)),
      signedBytes: describeBytes(data),
      expected,
      status: 'invalid',
      detail: `The signature in ${where(i)} does not match its fields with ${keys.length === 1 ? 'the configured key' : `any of the ${keys.length} configured keys`}.`,
      diagnostics,
    };
  }
  return {
    ...base,
    status: 'valid',
    secretIndex,
    detail: `The in-body signature${objects.length > 1 ? `s of all ${objects.length} items are` : ' is'} valid (HMAC over ${spec.fields.join(spec.separator)}).`,
    diagnostics: [],
  };
}
