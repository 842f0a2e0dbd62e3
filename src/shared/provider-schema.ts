/**
 * The provider model, as data, declared once: these zod schemas are what a
 * user's provider file must satisfy (with friendly defaults), the self-check of
 * the built-in definitions (src/core/providers/<id>/), and, through
 * `z.output`, the TypeScript types of the model (re-exported by providers.ts).
 * Errors name the field and the problem.
 *
 * Pure: imports nothing but zod.
 */
import { z } from 'zod';

export const PROVIDER_KINDS = ['documented', 'common-scheme', 'user'] as const;
/**
 * HMAC with a shared secret, or an asymmetric signature checked with a public
 * key (the secret then holds the key: private to sign, public to verify).
 * `token`: no signature, the header carries the shared secret itself
 * (GitLab's X-Gitlab-Token), compared in constant time.
 */
export const SIGNATURE_ALGORITHMS = [
  'hmac-sha256',
  'hmac-sha1',
  'hmac-sha512',
  'ed25519',
  'ecdsa-p256-sha256',
  'token',
  'jwt-hs256',
] as const;

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** `a.b[0].c`: segments of letters, digits, `_`, `$`, `-`, each optionally indexed. */
export const FIELD_PATH_PATTERN = /^[A-Za-z0-9_$-]+(\[\d+\])*(\.[A-Za-z0-9_$-]+(\[\d+\])*)*$/;
export const PROVIDER_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;
export const HEADER_NAME_PATTERN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const TEMPLATE_PLACEHOLDER = /\{([a-z]+)\}/g;
const ALLOWED_PLACEHOLDERS = new Set(['body', 'timestamp', 'id', 'url', 'method', 'form']);
/** A signature carried inside the body (Adyen's `additionalData.hmacSignature`): `body:<path>` stands for the header. */
export const BODY_SIGNATURE_PREFIX = 'body:';

const headerName = z.string().regex(HEADER_NAME_PATTERN, 'is not a valid HTTP header name');
const fieldPath = z.string().regex(FIELD_PATH_PATTERN, 'is not a field path like "data.visitorId" or "items[0].id"');
const regexSource = z.string().refine(
  (source) => {
    try {
      new RegExp(source);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'is not a valid regular expression' },
);

/**
 * How the signature header's value is written: `plain` `<digest>`; `prefixed`
 * `<prefix><digest>` (`sha256=<hex>`, `v0=<hex>`); `kv`
 * `t=<unix>,v1=<digest>[,v1=<digest>...]` (Stripe), with `separator` `;` for
 * `ts=..;h1=..` (Paddle); `versioned-list` space-separated `v1,<digest>`
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
      separator: z.enum([',', ';']).optional(),
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
 * Vonage `Authorization: Bearer`), signed with the secret (HS256). The body is
 * bound by a claim holding its SHA-256 (`bodyHashClaim`, in `bodyHashEncoding`);
 * `issuer` and `audience` are checked when given; `subjectIsUrl`: the `sub`
 * claim is the URL the provider called (QStash). `claims`: further fixed
 * claims the provider puts in every token.
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
const timeFormatSchema = z.enum(['iso-ms', 'iso-s', 'iso', 'unix-ms', 'unix-s']);
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
 * milliseconds and `Z` (Twitch's Twitch-Eventsub-Message-Timestamp), seconds
 * otherwise; `timestampFormat` `iso8601` that it is a date text with a
 * `+00:00` offset (Box); `toleranceSeconds` is the replay window (absent: no
 * timestamp check). `extraSignatureHeaders`: more headers carrying the same
 * signature made with the next secrets (Box's primary and secondary keys).
 */
const signatureFormSchema = z
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
    timestampUnit: z.enum(['ms', 'iso']).optional(),
    timestampFormat: z.literal('iso8601').optional(),
    toleranceSeconds: z.number().int().positive().optional(),
    secretEncoding: secretEncodingSchema.default('utf8'),
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
    if ((form.algorithm === 'jwt-hs256') !== (form.jwt !== undefined))
      ctx.addIssue({ code: 'custom', path: ['jwt'], message: 'goes with algorithm "jwt-hs256", and it with jwt' });
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

const jsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([
    z.null(),
    z.boolean(),
    z.number(),
    z.string(),
    z.array(jsonValueSchema),
    z.record(z.string(), jsonValueSchema),
  ]),
);

/** Where an outgoing header's value comes from. */
const headerValueSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('static'), value: z.string() }).strict(),
  z.object({ kind: z.literal('event-type') }).strict(),
  /** The event type up to its first `.`: the event name when the action is in the body (GitHub's X-GitHub-Event). */
  z.object({ kind: z.literal('event-name') }).strict(),
  z.object({ kind: z.literal('delivery-id') }).strict(),
  /** On a retry only: its number, 1 for the first retry (Slack's X-Slack-Retry-Num). */
  z.object({ kind: z.literal('retry-number') }).strict(),
  /**
   * On a retry only: why the attempt before it failed, in the provider's words
   * (Slack's X-Slack-Retry-Reason), by error kind: `status` (a non-2xx
   * answer), `timeout`, `connection-refused`, `connection-reset`, `dns`,
   * `tls`, `network`; `other` for the rest.
   */
  z.object({ kind: z.literal('retry-reason'), words: z.record(z.string(), z.string().min(1)) }).strict(),
  z.object({ kind: z.literal('signature') }).strict(),
  z.object({ kind: z.literal('timestamp') }).strict(),
]);

/**
 * A value a handshake carries or expects: from the event's sample (the
 * delivery's body), the query or a header of the handshake request, the
 * webhook's secret, or a literal; `hmac`: the HMAC of that value with the
 * secret instead (Zoom's encryptedToken = hex HMAC-SHA256(secret, plainToken)).
 */
const handshakeValueSchema = z
  .object({
    from: z.enum(['sample', 'query', 'header', 'secret', 'literal']),
    path: fieldPath.optional(),
    name: z.string().min(1).optional(),
    value: z.union([z.string(), z.number(), z.boolean()]).optional(),
    hmac: z
      .object({ algorithm: z.enum(['hmac-sha256', 'hmac-sha1', 'hmac-sha512']), digest: z.enum(['hex', 'base64']) })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const needs = { sample: 'path', query: 'name', header: 'name', literal: 'value' } as const;
    const key = v.from === 'secret' ? undefined : needs[v.from];
    if (key && v[key] === undefined)
      ctx.addIssue({ code: 'custom', path: [key], message: `is required when from is "${v.from}"` });
  });

/** One thing a correct handshake answer holds: the whole body as text, a JSON or form field, or a header. */
const handshakeCheckSchema = z.discriminatedUnion('in', [
  z.object({ in: z.literal('text'), value: handshakeValueSchema }).strict(),
  z.object({ in: z.literal('json'), path: fieldPath, value: handshakeValueSchema }).strict(),
  z.object({ in: z.literal('form'), name: z.string().min(1), value: handshakeValueSchema }).strict(),
  z
    .object({
      in: z.literal('header'),
      name: headerName,
      value: handshakeValueSchema,
      /** `media-type`: only the part before `;`, case-insensitive (Content-Type: text/plain; charset=utf-8). */
      match: z.enum(['exact', 'media-type']).default('exact'),
    })
    .strict(),
]);

/**
 * A request the handler must answer in a set way before events flow (Zoom's
 * URL validation, Twitch's and Slack's challenges, Asana's X-Hook-Secret,
 * Dropbox's GET ?challenge=). The event's sample holds the values it carries.
 */
const handshakeSchema = z
  .object({
    request: z
      .object({
        method: z.enum(['POST', 'GET']).default('POST'),
        /** Query parameters added to the handler's URL. */
        query: z.record(z.string().min(1), handshakeValueSchema).default({}),
        /** Headers beyond the provider's own (Asana's X-Hook-Secret). */
        headers: z.array(z.object({ name: headerName, value: handshakeValueSchema }).strict()).default([]),
        /** `sample`: the event's sample is the body; `none`: an empty body (the sample then only holds values). */
        body: z.enum(['sample', 'none']).default('sample'),
        /** Whether the provider's signature headers are sent (false: none of them). */
        signed: z.boolean().default(true),
      })
      .strict()
      .default({ method: 'POST', query: {}, headers: [], body: 'sample', signed: true }),
    answer: z
      .object({
        /** The status a correct answer has: one number, a list, or any 2xx. */
        status: z.union([z.literal('2xx'), z.array(z.number().int().min(100).max(599)).min(1)]).default([200]),
        /** Correct when every check of one of these holds (Slack: the challenge as text, or as JSON, or as a form). */
        anyOf: z.array(z.array(handshakeCheckSchema)).default([[]]),
        /** Recommended, not required: a miss is named, the answer still counts. */
        advisory: z.array(handshakeCheckSchema).default([]),
        /** How long the provider waits for the answer (default: its delivery timeout). */
        timeoutMs: z.number().int().positive().optional(),
        /** What the provider does when the answer is wrong (handshakes are not retried). */
        afterFailure: z.string().default('The endpoint is not verified.'),
        /** One sentence: what a correct answer is. */
        summary: z.string().min(1),
      })
      .strict(),
  })
  .strict();

/** What part of a delivery policy the provider does not document (the sender then plays Hookscope's visible default). */
export const UNDOCUMENTED_PARTS = ['timeout', 'retries'] as const;

/**
 * Read by the sender engine. attempts = retryDelaysMs.length + 1; each delay
 * counts from the previous failed attempt. `notDocumented` names the parts
 * the provider publishes nothing about: their values are Hookscope's
 * default, shown as "default, not documented by <provider>".
 */
const deliveryPolicySchema = z
  .object({
    timeoutMs: z.number().int().positive(),
    success: z.enum(['2xx', 'exactly-200']),
    retryDelaysMs: z.array(z.number().int().nonnegative()),
    afterFailure: z.string(),
    disableAfterFailingMs: z.number().int().positive().optional(),
    notDocumented: z.array(z.enum(UNDOCUMENTED_PARTS)).optional(),
  })
  .strict();

const DEFAULT_DELIVERY: z.output<typeof deliveryPolicySchema> = {
  timeoutMs: 30_000,
  success: '2xx',
  retryDelaysMs: [],
  afterFailure: 'Marked failed.',
};

/**
 * The schema of a provider definition, for user files (with friendly
 * defaults) and as a self-check of the built-in ones.
 */
export const providerDefinitionSchema = z
  .object({
    $schema: z.string().optional(),
    id: z.string().regex(PROVIDER_ID_PATTERN, 'must be lowercase letters, digits, ".", "_" or "-" (at most 64)'),
    name: z.string().min(1),
    kind: z.enum(PROVIDER_KINDS).default('user'),
    description: z.string().default(''),
    source: z.string().optional(),
    headers: z
      .array(z.object({ name: headerName, description: z.string().default(''), value: headerValueSchema }).strict())
      .default([
        { name: 'Content-Type', description: 'JSON body', value: { kind: 'static', value: 'application/json' } },
      ]),
    signature: z
      .object({ forms: z.array(signatureFormSchema).min(1), defaultForm: z.string().optional() })
      .strict()
      .transform((s, ctx) => {
        const defaultForm = s.defaultForm ?? s.forms[0].name;
        if (!s.forms.some((f) => f.name === defaultForm)) {
          ctx.addIssue({
            code: 'custom',
            path: ['defaultForm'],
            message: `names no form (forms: ${s.forms.map((f) => f.name).join(', ')})`,
          });
        }
        const names = s.forms.map((f) => f.name);
        const dup = names.find((n, i) => names.indexOf(n) !== i);
        if (dup) ctx.addIssue({ code: 'custom', path: ['forms'], message: `has two forms named "${dup}"` });
        return { forms: s.forms, defaultForm };
      }),
    events: z
      .array(
        z
          .object({
            type: z.string().min(1),
            description: z.string().default(''),
            sample: z.record(z.string(), jsonValueSchema).optional(),
            /** Present when this event is a handshake the handler must answer in a set way. */
            handshake: handshakeSchema.optional(),
          })
          .strict(),
      )
      .min(1),
    subscriptionWildcard: z.string().optional(),
    envelope: z
      .object({
        description: z.string().default(''),
        requiredKeys: z.array(z.string().min(1)).default([]),
        timeField: z.object({ path: fieldPath, format: timeFormatSchema }).strict().optional(),
        /** The body is a JSON array of events (HubSpot): the sender sends the event inside one, detection reads its first element. */
        batched: z.boolean().optional(),
      })
      .strict()
      .default({ description: '', requiredKeys: [] }),
    eventTypeLocations: z
      .array(
        z.discriminatedUnion('in', [
          z
            .object({
              in: z.literal('body'),
              path: fieldPath,
              names: z.record(z.string(), z.string().min(1)).optional(),
            })
            .strict(),
          /** `actionPath`: a body field whose value follows the header's after a `.` (GitHub: `issues` + `action` → `issues.opened`). */
          z.object({ in: z.literal('header'), name: headerName, actionPath: fieldPath.optional() }).strict(),
        ]),
      )
      .default([{ in: 'body', path: 'type' }]),
    detection: z
      .object({ headers: z.array(headerName).default([]), headersAreGeneric: z.boolean().default(false) })
      .strict()
      .default({ headers: [], headersAreGeneric: false }),
    ids: z
      .object({
        conventions: z
          .array(
            z
              .object({
                field: fieldPath,
                prefix: z.string().min(1).optional(),
                pattern: regexSource.optional(),
                description: z.string().default(''),
              })
              .strict(),
          )
          .default([]),
        delivery: z
          .object({
            fromPayload: fieldPath.optional(),
            generate: z
              .discriminatedUnion('style', [
                z.object({ style: z.literal('uuid') }).strict(),
                z.object({ style: z.literal('prefixed'), prefix: z.string().min(1) }).strict(),
              ])
              .default({ style: 'uuid' }),
          })
          .strict()
          .default({ generate: { style: 'uuid' } }),
      })
      .strict()
      .default({ conventions: [], delivery: { generate: { style: 'uuid' } } }),
    limits: z
      .object({
        maxPayloadBytes: z.number().int().positive().optional(),
        httpsRequired: z.boolean().default(false),
        webhooksPerProperty: z.number().int().positive().optional(),
      })
      .strict()
      .default({ httpsRequired: false }),
    delivery: deliveryPolicySchema.default(DEFAULT_DELIVERY),
    notes: z.array(z.string()).default([]),
  })
  .strict()
  .superRefine((p, ctx) => {
    const types = p.events.map((e) => e.type);
    const dup = types.find((t, i) => types.indexOf(t) !== i);
    if (dup) ctx.addIssue({ code: 'custom', path: ['events'], message: `lists event type "${dup}" twice` });
  });

export type ProviderDefinitionInput = z.input<typeof providerDefinitionSchema>;
/** A provider definition as the app holds it: the schema's output, without the file's `$schema` key. */
export type ProviderDefinitionOutput = Omit<z.output<typeof providerDefinitionSchema>, '$schema'>;
export type DeliveryPolicyOutput = z.output<typeof deliveryPolicySchema>;
export type HandshakeOutput = z.output<typeof handshakeSchema>;

/** Drops the optional `$schema` key and returns the definition in its contract shape. */
export function toProviderDefinition(parsed: z.output<typeof providerDefinitionSchema>): ProviderDefinitionOutput {
  const { $schema: _schema, ...rest } = parsed;
  return rest;
}
