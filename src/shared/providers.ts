/**
 * The provider model, as data. A provider definition is plain JSON: the
 * built-in ones live in src/core/providers/<id>/ (listed in catalog.ts), user-defined ones are
 * JSON files validated by `providerDefinitionSchema`. Everything the signer,
 * verifier, detector, sample builder and sender need is described here, so a
 * new provider needs no code.
 *
 * Pure: imports nothing. The schema for user files is in provider-schema.ts.
 */

export const PROVIDER_KINDS = ['documented', 'common-scheme', 'user'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/** `utf8`: the value is text as it stands (a shared token). */
export type DigestEncoding = 'hex' | 'base64' | 'base64url' | 'utf8';
/** HMAC with a shared secret, or an asymmetric signature checked with a public key (the secret then holds the key: private to sign, public to verify). */
/** `token`: no signature, the header carries the shared secret itself (GitLab's X-Gitlab-Token), compared in constant time. */
export const SIGNATURE_ALGORITHMS = [
  'hmac-sha256',
  'hmac-sha1',
  'hmac-sha512',
  'ed25519',
  'ecdsa-p256-sha256',
  'token',
] as const;
export type SignatureAlgorithm = (typeof SIGNATURE_ALGORITHMS)[number];
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
  /** `t=<unix>,v1=<digest>[,v1=<digest>...]` (Stripe, LRDefender timestamped); `separator` `;` for `ts=..;h1=..` (Paddle) */
  | { kind: 'kv'; timestampKey: string; signatureKey: string; separator?: string }
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
  algorithm: SignatureAlgorithm;
  header: string;
  format: SignatureFormat;
  digest: DigestEncoding;
  signedContent: { template: string; bodyForms: BodyForm[] };
  timestamp?: TimestampSource;
  /** Header carrying the value of `{id}` (Standard Webhooks `webhook-id`). */
  idHeader?: string;
  /** `ms`: the signed timestamp is unix milliseconds (Sanity, Knock, WorkOS); seconds otherwise. */
  timestampUnit?: 'ms';
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

/**
 * Where the event type is read. `names` maps the value found there (a string,
 * or a number written as a string) to the event type's name: Discord's
 * interaction `type` 1 is `PING`.
 */
export type EventTypeLocation =
  { in: 'body'; path: string; names?: Record<string, string> } | { in: 'header'; name: string };

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
  'secret-other-matched',
  'secret-from-elsewhere',
  'no-secret-matched',
  'secret-not-base64',
  'whsec-used-raw',
  'whsec-base64-decoded',
  // the body
  'body-pretty-printed',
  'body-compacted',
  'body-keys-sorted',
  'body-unicode-escaped',
  'body-unicode-unescaped',
  'body-trailing-newline-added',
  'body-trailing-newline-removed',
  'body-form-raw-only',
  'body-form-reserialized-only',
  // the signature value
  'prefix-added',
  'prefix-dropped',
  'digest-encoding-mismatch',
  // the timestamp
  'timestamp-stale',
  'timestamp-future',
  'timestamp-mismatch',
  'timestamp-unit',
  'timestamp-not-signed',
  // the header
  'multiple-signatures',
  'duplicate-signature-header',
  // what the provider's own documented handler does, where it differs from a strict check
  'documented-handler-accepts',
  'documented-handler-throws',
  // asymmetric schemes (Ed25519, ECDSA P-256): the configured key
  'public-key-invalid',
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
