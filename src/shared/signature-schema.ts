/**
 * The schema of a signature form: how a provider signs (algorithm, header,
 * value format, signed content, timestamp, secret encoding, JWTs, in-body
 * signatures). Part of the provider model (provider-schema.ts).
 *
 * Pure: imports nothing but zod.
 */
import { z } from 'zod';
import {
  BODY_SIGNATURE_PREFIX,
  SIGNATURE_ALGORITHMS,
  fieldPath,
  headerName,
  regexSource,
} from './provider-schema-parts';

const TEMPLATE_PLACEHOLDER = /\{([a-z]+)\}/g;
const ALLOWED_PLACEHOLDERS = new Set(['body', 'timestamp', 'id', 'url', 'method', 'form']);

/**
 * How the signature header's value is written: `plain` `<digest>`; `prefixed`
 * `<prefix><digest>` (`sha256=<hex>`, `v0=<hex>`); `kv`
 * `t=<unix>,v1=<digest>[,v1=<digest>...]` (Stripe), with `separator` `;` for
 * `ts=..;h1=..` (Paddle) or `&` for `t=..&s=..` (Inngest); `versioned-list` space-separated `v1,<digest>`
 * entries (Standard Webhooks).
 */
const signatureFormatSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('plain') }).strict(),
  z.object({ kind: z.literal('prefixed'), prefix: z.string().min(1) }).strict(),
  z
    .object({
      kind: z.literal('kv'),
      timestampKey: z.string().min(1).default('t'),
      signatureKey: z.string().min(1).default('v1'),
      separator: z.enum([',', ';', '&']).optional(),
    })
    .strict(),
  z.object({ kind: z.literal('versioned-list'), version: z.string().min(1).default('v1') }).strict(),
]);

const templateSchema = z.string().superRefine((template, ctx) => {
  const names = [...template.matchAll(TEMPLATE_PLACEHOLDER)].map((m) => m[1]);
  const unknown = names.filter((n) => !ALLOWED_PLACEHOLDERS.has(n));
  if (unknown.length > 0)
    ctx.addIssue({
      code: 'custom',
      message: `uses unknown placeholder {${unknown[0]}}; allowed: {body}, {timestamp}, {id}, {url}, {method}, {form}`,
    });
  for (const once of ['body', 'form', 'url', 'method'])
    if (names.filter((n) => n === once).length > 1)
      ctx.addIssue({ code: 'custom', message: `may contain {${once}} only once` });
  if (names.includes('body') && names.includes('form'))
    ctx.addIssue({ code: 'custom', message: 'cannot contain both {body} and {form} (the form fields are the body)' });
});

/**
 * A JSON Web Token carried in the signature header (QStash `Upstash-Signature`,
 * Vonage `Authorization: Bearer`, Plaid `Plaid-Verification`), signed with the
 * secret (algorithm `jwt-hs256`) or with a P-256 private key (`jwt-es256`,
 * whose header also names the key in `kid`). The body is bound by a claim
 * holding its SHA-256 (`bodyHashClaim`, in `bodyHashEncoding`); `issuer` and
 * `audience` are checked when given; `subjectIsUrl`: the `sub` claim is the
 * URL the provider called (QStash). `claims`: further fixed claims the
 * provider puts in every token. `tokenId: false`: no `jti` claim (Plaid's
 * tokens carry only `iat` and the body hash).
 */
const jwtSchema = z
  .object({
    bodyHashClaim: z.string().min(1),
    bodyHashEncoding: z.enum(['hex', 'base64', 'base64url']),
    issuer: z.string().min(1).optional(),
    audience: z.string().min(1).optional(),
    subjectIsUrl: z.boolean().default(false),
    expiresInSeconds: z.number().int().positive().optional(),
    claims: z.record(z.string(), z.string()).default({}),
    tokenId: z.boolean().optional(),
  })
  .strict();

/**
 * An HMAC over named fields of each item in the body, joined by `separator`,
 * with the signature sitting inside the item (Adyen: the notification item's
 * pspReference, originalReference, merchantAccountCode, merchantReference,
 * amount.value, amount.currency, eventCode and success joined by ':', in
 * `additionalData.hmacSignature`). `items` is the path of the array of items
 * (`notificationItems`), `item` the path inside each element to the signed
 * object (`NotificationRequestItem`). The form's `header` is then
 * `body:<signaturePath>`.
 */
const bodyFieldsSchema = z
  .object({
    items: fieldPath,
    item: fieldPath.optional(),
    fields: z.array(fieldPath).min(1),
    separator: z.string().default(':'),
    signaturePath: fieldPath,
  })
  .strict();

/** `raw`: the body bytes as received. `re-serialized`: `JSON.stringify(JSON.parse(body))`. */
const bodyFormSchema = z.enum(['raw', 're-serialized']);
/** `utf8`: the value is text as it stands (a shared token). */
const digestSchema = z.enum(['hex', 'base64', 'base64url', 'utf8']);
/** `utf8`: the secret string's UTF-8 bytes are the key. `whsec-base64`: strip `whsec_`, base64-decode (Standard Webhooks). `hex`: hex-decode (Adyen's HMAC key). */
const secretEncodingSchema = z.enum(['utf8', 'whsec-base64', 'hex']);
export const timeFormatSchema = z.enum(['iso-ms', 'iso-s', 'iso', 'unix-ms', 'unix-s']);
/** Where the signing timestamp (unix seconds) comes from. */
const timestampSourceSchema = z.discriminatedUnion('in', [
  z.object({ in: z.literal('header'), header: headerName }).strict(),
  z.object({ in: z.literal('signature') }).strict(),
]);

/**
 * One way a provider signs. `signedContent.template` uses the placeholders
 * `{body}`, `{timestamp}`, `{id}`, `{url}` (the full URL the provider called),
 * `{method}` and `{form}` (the POST form fields sorted by name, each name then
 * value, Twilio's recipe); e.g. `{body}`, `{timestamp}.{body}`,
 * `{id}.{timestamp}.{body}`, `{url}{form}`, `{method}{url}{body}{timestamp}`.
 * The body must be signed: by `{body}` or `{form}`, by `bodyHashQuery` (the
 * URL carries the body's hex SHA-256 in that query parameter: Twilio's
 * `bodySHA256`), by a `jwt` claim, or by `bodyFields`.
 * `bodyForms` lists the body forms a verifier accepts; the first is the one
 * the signer uses. `idHeader` carries the value of `{id}` (Standard Webhooks
 * `webhook-id`); `timestampUnit` `ms` means the signed timestamp is unix
 * milliseconds (Sanity, Knock, WorkOS), `iso` an RFC 3339 time with
 * milliseconds and `Z` (Twitch's Twitch-Eventsub-Message-Timestamp),
 * `iso-offset` an ISO 8601 date with a `+00:00` offset (Box; a provider file
 * may also say `timestampFormat: 'iso8601'`), seconds otherwise (one reading:
 * core/providers/timestamp-style.ts); `toleranceSeconds` is the replay window (absent: no
 * timestamp check). `extraSignatureHeaders`: more headers carrying the same
 * signature made with the next secrets (Box's primary and secondary keys).
 */
export const signatureFormSchema = z
  .object({
    name: z.string().min(1),
    label: z.string().min(1),
    algorithm: z.enum(SIGNATURE_ALGORITHMS).default('hmac-sha256'),
    header: z.union([headerName, z.string().regex(/^body:[A-Za-z0-9_$.[\]-]+$/)]),
    format: signatureFormatSchema,
    digest: digestSchema,
    signedContent: z
      .object({
        template: templateSchema.default('{body}'),
        bodyForms: z.array(bodyFormSchema).min(1).default(['raw']),
      })
      .strict()
      .default({ template: '{body}', bodyForms: ['raw'] }),
    timestamp: timestampSourceSchema.optional(),
    idHeader: headerName.optional(),
    timestampUnit: z.enum(['ms', 'iso', 'iso-offset']).optional(),
    /** The older way to say `timestampUnit: 'iso-offset'`, still read in provider files. */
    timestampFormat: z.literal('iso8601').optional(),
    toleranceSeconds: z.number().int().positive().optional(),
    secretEncoding: secretEncodingSchema.default('utf8'),
    /** A regular expression: what it matches at the start of the secret is removed before the key is made (Inngest's `signkey-<env>-`). */
    secretPrefixPattern: regexSource.optional(),
    bodyHashQuery: z
      .string()
      .regex(/^[A-Za-z0-9_.-]+$/)
      .optional(),
    extraSignatureHeaders: z.array(headerName).optional(),
    jwt: jwtSchema.optional(),
    bodyFields: bodyFieldsSchema.optional(),
  })
  .strict()
  .superRefine((form, ctx) => {
    const template = form.signedContent.template;
    const names = [...template.matchAll(TEMPLATE_PLACEHOLDER)].map((m) => m[1]);
    const bindsBody =
      names.includes('body') ||
      names.includes('form') ||
      form.bodyHashQuery !== undefined ||
      form.jwt !== undefined ||
      form.bodyFields !== undefined;
    if (!bindsBody)
      ctx.addIssue({
        code: 'custom',
        path: ['signedContent', 'template'],
        message: 'must sign the body: use {body} or {form}, or bodyHashQuery, jwt or bodyFields',
      });
    if (form.bodyHashQuery !== undefined && !names.includes('url'))
      ctx.addIssue({ code: 'custom', path: ['bodyHashQuery'], message: 'needs {url} in the template' });
    if ((form.algorithm === 'jwt-hs256' || form.algorithm === 'jwt-es256') !== (form.jwt !== undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['jwt'],
        message: 'goes with algorithm "jwt-hs256" or "jwt-es256", and each of them with jwt',
      });
    if (form.jwt && form.digest !== 'base64url')
      ctx.addIssue({ code: 'custom', path: ['digest'], message: 'must be "base64url" for a JWT' });
    if (form.header.startsWith(BODY_SIGNATURE_PREFIX) !== (form.bodyFields !== undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['header'],
        message: 'is "body:<signaturePath>" exactly when bodyFields is given',
      });
    if (form.bodyFields && form.header !== `${BODY_SIGNATURE_PREFIX}${form.bodyFields.signaturePath}`)
      ctx.addIssue({
        code: 'custom',
        path: ['header'],
        message: 'must be "body:" followed by bodyFields.signaturePath',
      });
    if (template.includes('{timestamp}') && !form.timestamp) {
      ctx.addIssue({
        code: 'custom',
        path: ['timestamp'],
        message: 'is required because the template uses {timestamp}',
      });
    }
    if (template.includes('{id}') && !form.idHeader) {
      ctx.addIssue({ code: 'custom', path: ['idHeader'], message: 'is required because the template uses {id}' });
    }
    if (form.format.kind === 'kv' && form.timestamp && form.timestamp.in !== 'signature') {
      ctx.addIssue({
        code: 'custom',
        path: ['timestamp', 'in'],
        message: 'must be "signature" for the kv format (t=...,v1=...)',
      });
    }
    if (form.format.kind !== 'kv' && form.timestamp?.in === 'signature') {
      ctx.addIssue({
        code: 'custom',
        path: ['timestamp', 'in'],
        message: 'can be "signature" only with the kv format',
      });
    }
    if (form.timestampFormat && form.timestampUnit)
      ctx.addIssue({ code: 'custom', path: ['timestampFormat'], message: 'cannot go with timestampUnit' });
    if (form.toleranceSeconds !== undefined && !form.timestamp && !form.jwt) {
      ctx.addIssue({ code: 'custom', path: ['toleranceSeconds'], message: 'needs a timestamp source' });
    }
  });
