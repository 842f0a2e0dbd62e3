/**
 * The provider model, as data. A provider definition is plain JSON: the
 * built-in ones live in src/core/providers/builtin/, user-defined ones are
 * JSON files validated by `providerDefinitionSchema`. Everything the signer,
 * verifier, detector, sample builder and sender need is described here, so a
 * new provider needs no code.
 *
 * Pure: imports nothing but zod.
 */
import { z } from 'zod';

export const PROVIDER_KINDS = ['documented', 'common-scheme', 'user'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

export type DigestEncoding = 'hex' | 'base64';
/** `utf8`: the secret string's UTF-8 bytes are the key. `whsec-base64`: strip `whsec_`, base64-decode (Standard Webhooks). */
export type SecretEncoding = 'utf8' | 'whsec-base64';
/** `raw`: the body bytes as received. `re-serialized`: `JSON.stringify(JSON.parse(body))`. */
export type BodyForm = 'raw' | 're-serialized';
export type TimeFormat = 'iso-ms' | 'iso-s' | 'iso' | 'unix-ms' | 'unix-s';

/** How the signature header's value is written. */
export type SignatureFormat =
  /** `<digest>` */
  | { kind: 'plain' }
  /** `<prefix><digest>`, e.g. `sha256=<hex>`, `v0=<hex>` */
  | { kind: 'prefixed'; prefix: string }
  /** `t=<unix>,v1=<digest>[,v1=<digest>...]` (Stripe, LRDefender timestamped) */
  | { kind: 'kv'; timestampKey: string; signatureKey: string }
  /** space-separated `v1,<digest>` entries (Standard Webhooks) */
  | { kind: 'versioned-list'; version: string };

export type SignatureFormatKind = SignatureFormat['kind'];

/** Where the signing timestamp (unix seconds) comes from. */
export type TimestampSource = { in: 'header'; header: string } | { in: 'signature' };

/**
 * One way a provider signs. `signedContent.template` uses the placeholders
 * `{body}` (exactly once), `{timestamp}` and `{id}`; e.g. `{body}`,
 * `{timestamp}.{body}`, `v0:{timestamp}:{body}`, `{id}.{timestamp}.{body}`.
 * `bodyForms` lists the body forms a verifier accepts; the first is the one
 * the signer uses.
 */
export interface SignatureForm {
  name: string;
  label: string;
  algorithm: 'hmac-sha256';
  header: string;
  format: SignatureFormat;
  digest: DigestEncoding;
  signedContent: { template: string; bodyForms: BodyForm[] };
  timestamp?: TimestampSource;
  /** Header carrying the value of `{id}` (Standard Webhooks `webhook-id`). */
  idHeader?: string;
  /** Replay window; absent = no timestamp check. */
  toleranceSeconds?: number;
  secretEncoding: SecretEncoding;
}

export interface SignatureSpec {
  forms: SignatureForm[];
  /** Name of the form the sender uses unless told otherwise. */
  defaultForm: string;
}

/** Where an outgoing header's value comes from. */
export type HeaderValueSource =
  | { kind: 'static'; value: string }
  | { kind: 'event-type' }
  | { kind: 'delivery-id' }
  | { kind: 'signature' }
  | { kind: 'timestamp' };

export interface ProviderHeader {
  name: string;
  description: string;
  value: HeaderValueSource;
}

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface ProviderEvent {
  type: string;
  description: string;
  /** A sample payload template, a JSON object (see src/core/providers/samples/template.ts for `{{...}}` placeholders). */
  sample?: JsonObject;
}

export type EventTypeLocation = { in: 'body'; path: string } | { in: 'header'; name: string };

export interface EnvelopeSpec {
  description: string;
  /** Top-level keys every payload has; also used to recognise the provider. */
  requiredKeys: string[];
  timeField?: { path: string; format: TimeFormat };
}

export interface IdConvention {
  /** Field path in the payload, e.g. `data.visitorId`. */
  field: string;
  prefix?: string;
  /** A regular expression (JavaScript syntax) the whole value matches. */
  pattern?: string;
  description: string;
}

export interface DeliveryIdSpec {
  /** Payload field whose value is the delivery id (Prynt: `eventId`). */
  fromPayload?: string;
  /** How to make one when neither the payload nor the caller gives it (derived from the body, so stable across attempts). */
  generate: { style: 'uuid' } | { style: 'prefixed'; prefix: string };
}

export interface ProviderLimits {
  maxPayloadBytes?: number;
  httpsRequired: boolean;
  webhooksPerProperty?: number;
}

/** Read by the sender engine. attempts = retryDelaysMs.length + 1; each delay counts from the previous failed attempt. */
export interface DeliveryPolicy {
  timeoutMs: number;
  success: '2xx' | 'exactly-200';
  retryDelaysMs: number[];
  afterFailure: string;
  disableAfterFailingMs?: number;
}

export interface DetectionSpec {
  /** Headers whose presence points to this provider. */
  headers: string[];
  /** True when those headers are shared with others (LRDefender's X-Webhook-Signature): the envelope must match too. */
  headersAreGeneric: boolean;
}

export interface ProviderDefinition {
  id: string;
  name: string;
  kind: ProviderKind;
  description: string;
  /** Where the facts come from: a seed file or a public documentation URL. */
  source?: string;
  headers: ProviderHeader[];
  signature: SignatureSpec;
  events: ProviderEvent[];
  /** Subscription value meaning "all events", e.g. `*`. */
  subscriptionWildcard?: string;
  envelope: EnvelopeSpec;
  /** Tried in order; the first that yields a string wins. */
  eventTypeLocations: EventTypeLocation[];
  detection: DetectionSpec;
  ids: { conventions: IdConvention[]; delivery: DeliveryIdSpec };
  limits: ProviderLimits;
  delivery: DeliveryPolicy;
  /** Doc ambiguities and the decisions taken. */
  notes: string[];
}

// ---------------------------------------------------------------- verdicts

export type SignatureStatus = 'valid' | 'invalid' | 'stale' | 'missing' | 'malformed' | 'no-secret';

export const DIAGNOSTIC_CODES = [
  // the secret
  'secret-other-matched', 'secret-from-elsewhere', 'no-secret-matched', 'secret-not-base64', 'whsec-used-raw', 'whsec-base64-decoded',
  // the body
  'body-pretty-printed', 'body-compacted', 'body-keys-sorted', 'body-unicode-escaped', 'body-unicode-unescaped', 'body-trailing-newline-added',
  'body-trailing-newline-removed', 'body-form-raw-only', 'body-form-reserialized-only',
  // the signature value
  'prefix-added', 'prefix-dropped', 'digest-encoding-mismatch',
  // the timestamp
  'timestamp-stale', 'timestamp-future', 'timestamp-mismatch', 'timestamp-unit', 'timestamp-not-signed',
  // the header
  'multiple-signatures', 'duplicate-signature-header',
] as const;
export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

export interface Diagnostic {
  code: DiagnosticCode;
  /** One human sentence naming the likely cause. */
  message: string;
}

export interface SignatureVerdict {
  status: SignatureStatus;
  /** `<providerId>/<form name>` of the form that was checked. */
  scheme: string;
  detail: string;
  secretIndex?: number;
  /** Body form when the provider accepts several (`raw` | `re-serialized`), else the signature form's name when it has several. */
  matchedForm?: string;
  expected?: string;
  received?: string;
  signedBytes?: { text: string; hex: string };
  ageSeconds?: number;
  toleranceSeconds?: number;
  diagnostics: Diagnostic[];
}

export interface DetectionResult {
  providerId: string | null;
  eventType: string | null;
  reason: string;
}

export interface ProviderFileError {
  file: string;
  /** Dotted path of the offending field, `(file)` for the file as a whole. */
  field: string;
  problem: string;
}

// ------------------------------------------------------------ zod schema

/** `a.b[0].c`: segments of letters, digits, `_`, `$`, `-`, each optionally indexed. */
export const FIELD_PATH_PATTERN = /^[A-Za-z0-9_$-]+(\[\d+\])*(\.[A-Za-z0-9_$-]+(\[\d+\])*)*$/;
export const PROVIDER_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;
export const HEADER_NAME_PATTERN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const TEMPLATE_PLACEHOLDER = /\{([a-z]+)\}/g;
const ALLOWED_PLACEHOLDERS = new Set(['body', 'timestamp', 'id']);

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

const signatureFormatSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('plain') }).strict(),
  z.object({ kind: z.literal('prefixed'), prefix: z.string().min(1) }).strict(),
  z
    .object({ kind: z.literal('kv'), timestampKey: z.string().min(1).default('t'), signatureKey: z.string().min(1).default('v1') })
    .strict(),
  z.object({ kind: z.literal('versioned-list'), version: z.string().min(1).default('v1') }).strict(),
]);

const templateSchema = z.string().superRefine((template, ctx) => {
  const names = [...template.matchAll(TEMPLATE_PLACEHOLDER)].map((m) => m[1]);
  const unknown = names.filter((n) => !ALLOWED_PLACEHOLDERS.has(n));
  if (unknown.length > 0) ctx.addIssue({ code: 'custom', message: `uses unknown placeholder {${unknown[0]}}; allowed: {body}, {timestamp}, {id}` });
  if (names.filter((n) => n === 'body').length !== 1) ctx.addIssue({ code: 'custom', message: 'must contain {body} exactly once' });
});

const signatureFormSchema = z
  .object({
    name: z.string().min(1),
    label: z.string().min(1),
    algorithm: z.literal('hmac-sha256').default('hmac-sha256'),
    header: headerName,
    format: signatureFormatSchema,
    digest: z.enum(['hex', 'base64']),
    signedContent: z
      .object({
        template: templateSchema.default('{body}'),
        bodyForms: z.array(z.enum(['raw', 're-serialized'])).min(1).default(['raw']),
      })
      .strict()
      .default({ template: '{body}', bodyForms: ['raw'] }),
    timestamp: z
      .discriminatedUnion('in', [z.object({ in: z.literal('header'), header: headerName }).strict(), z.object({ in: z.literal('signature') }).strict()])
      .optional(),
    idHeader: headerName.optional(),
    toleranceSeconds: z.number().int().positive().optional(),
    secretEncoding: z.enum(['utf8', 'whsec-base64']).default('utf8'),
  })
  .strict()
  .superRefine((form, ctx) => {
    const template = form.signedContent.template;
    if (template.includes('{timestamp}') && !form.timestamp) {
      ctx.addIssue({ code: 'custom', path: ['timestamp'], message: 'is required because the template uses {timestamp}' });
    }
    if (template.includes('{id}') && !form.idHeader) {
      ctx.addIssue({ code: 'custom', path: ['idHeader'], message: 'is required because the template uses {id}' });
    }
    if (form.format.kind === 'kv' && form.timestamp && form.timestamp.in !== 'signature') {
      ctx.addIssue({ code: 'custom', path: ['timestamp', 'in'], message: 'must be "signature" for the kv format (t=...,v1=...)' });
    }
    if (form.format.kind !== 'kv' && form.timestamp?.in === 'signature') {
      ctx.addIssue({ code: 'custom', path: ['timestamp', 'in'], message: 'can be "signature" only with the kv format' });
    }
    if (form.toleranceSeconds !== undefined && !form.timestamp) {
      ctx.addIssue({ code: 'custom', path: ['toleranceSeconds'], message: 'needs a timestamp source' });
    }
  });

const jsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(jsonValueSchema), z.record(z.string(), jsonValueSchema)]),
);

const headerValueSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('static'), value: z.string() }).strict(),
  z.object({ kind: z.literal('event-type') }).strict(),
  z.object({ kind: z.literal('delivery-id') }).strict(),
  z.object({ kind: z.literal('signature') }).strict(),
  z.object({ kind: z.literal('timestamp') }).strict(),
]);

const DEFAULT_DELIVERY: DeliveryPolicy = { timeoutMs: 30_000, success: '2xx', retryDelaysMs: [], afterFailure: 'Marked failed.' };

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
      .default([{ name: 'Content-Type', description: 'JSON body', value: { kind: 'static', value: 'application/json' } }]),
    signature: z
      .object({ forms: z.array(signatureFormSchema).min(1), defaultForm: z.string().optional() })
      .strict()
      .transform((s, ctx) => {
        const defaultForm = s.defaultForm ?? s.forms[0].name;
        if (!s.forms.some((f) => f.name === defaultForm)) {
          ctx.addIssue({ code: 'custom', path: ['defaultForm'], message: `names no form (forms: ${s.forms.map((f) => f.name).join(', ')})` });
        }
        const names = s.forms.map((f) => f.name);
        const dup = names.find((n, i) => names.indexOf(n) !== i);
        if (dup) ctx.addIssue({ code: 'custom', path: ['forms'], message: `has two forms named "${dup}"` });
        return { forms: s.forms, defaultForm };
      }),
    events: z
      .array(z.object({ type: z.string().min(1), description: z.string().default(''), sample: z.record(z.string(), jsonValueSchema).optional() }).strict())
      .min(1),
    subscriptionWildcard: z.string().optional(),
    envelope: z
      .object({
        description: z.string().default(''),
        requiredKeys: z.array(z.string().min(1)).default([]),
        timeField: z.object({ path: fieldPath, format: z.enum(['iso-ms', 'iso-s', 'iso', 'unix-ms', 'unix-s']) }).strict().optional(),
      })
      .strict()
      .default({ description: '', requiredKeys: [] }),
    eventTypeLocations: z
      .array(
        z.discriminatedUnion('in', [
          z.object({ in: z.literal('body'), path: fieldPath }).strict(),
          z.object({ in: z.literal('header'), name: headerName }).strict(),
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
              .object({ field: fieldPath, prefix: z.string().min(1).optional(), pattern: regexSource.optional(), description: z.string().default('') })
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
    delivery: z
      .object({
        timeoutMs: z.number().int().positive(),
        success: z.enum(['2xx', 'exactly-200']),
        retryDelaysMs: z.array(z.number().int().nonnegative()),
        afterFailure: z.string(),
        disableAfterFailingMs: z.number().int().positive().optional(),
      })
      .strict()
      .default(DEFAULT_DELIVERY),
    notes: z.array(z.string()).default([]),
  })
  .strict()
  .superRefine((p, ctx) => {
    const types = p.events.map((e) => e.type);
    const dup = types.find((t, i) => types.indexOf(t) !== i);
    if (dup) ctx.addIssue({ code: 'custom', path: ['events'], message: `lists event type "${dup}" twice` });
  });

export type ProviderDefinitionInput = z.input<typeof providerDefinitionSchema>;

/** Drops the optional `$schema` key and returns the definition in its contract shape. */
export function toProviderDefinition(parsed: z.output<typeof providerDefinitionSchema>): ProviderDefinition {
  const { $schema: _schema, ...rest } = parsed;
  return rest;
}
