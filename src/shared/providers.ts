/**
 * The provider model, as data. A provider definition is plain JSON: the
 * built-in ones live in src/core/providers/<id>/ (listed in catalog.ts),
 * user-defined ones are JSON files. Everything the signer, verifier, detector,
 * sample builder and sender need is described here, so a new provider needs
 * no code.
 *
 * The model is declared once, as the zod schema in provider-schema.ts; the
 * types below are its output, named for the code that uses them. The
 * verdict types (what a verification says) have no schema and are declared
 * here.
 */
import type { DeliveryPolicyOutput, HandshakeOutput, ProviderDefinitionOutput } from './provider-schema';

export { PROVIDER_KINDS, SIGNATURE_ALGORITHMS } from './provider-schema';
export type { JsonObject, JsonValue } from './provider-schema';

export type ProviderDefinition = ProviderDefinitionOutput;
export type ProviderKind = ProviderDefinition['kind'];
export type SignatureSpec = ProviderDefinition['signature'];
/** One way a provider signs (see `signatureFormSchema`). */
export type SignatureForm = SignatureSpec['forms'][number];
export type SignatureAlgorithm = SignatureForm['algorithm'];
export type DigestEncoding = SignatureForm['digest'];
export type SecretEncoding = SignatureForm['secretEncoding'];
export type BodyForm = SignatureForm['signedContent']['bodyForms'][number];
/** How the signature header's value is written (see `signatureFormatSchema`). */
export type SignatureFormat = SignatureForm['format'];
export type SignatureFormatKind = SignatureFormat['kind'];
/** Where the signing timestamp (unix seconds) comes from. */
export type TimestampSource = NonNullable<SignatureForm['timestamp']>;
export type ProviderHeader = ProviderDefinition['headers'][number];
/** Where an outgoing header's value comes from. */
export type HeaderValueSource = ProviderHeader['value'];
/** `sample`: a payload template, a JSON object (see src/core/providers/samples/template.ts for `{{...}}` placeholders). */
export type ProviderEvent = ProviderDefinition['events'][number];
/**
 * Where the event type is read. `names` maps the value found there (a string,
 * or a number written as a string) to the event type's name: Discord's
 * interaction `type` 1 is `PING`. Tried in order; the first string wins.
 */
export type EventTypeLocation = ProviderDefinition['eventTypeLocations'][number];
/** `requiredKeys`: top-level keys every payload has; also used to recognise the provider. */
export type EnvelopeSpec = ProviderDefinition['envelope'];
export type TimeFormat = NonNullable<EnvelopeSpec['timeField']>['format'];
export type IdConvention = ProviderDefinition['ids']['conventions'][number];
/** `fromPayload`: the payload field holding the delivery id; `generate`: how to make one (stable across attempts). */
export type DeliveryIdSpec = ProviderDefinition['ids']['delivery'];
export type ProviderLimits = ProviderDefinition['limits'];
/** Read by the sender engine. attempts = retryDelaysMs.length + 1; each delay counts from the previous failed attempt. */
export type DeliveryPolicy = DeliveryPolicyOutput;
/** `headersAreGeneric`: the headers are shared with others (LRDefender's X-Webhook-Signature), so the envelope must match too. */
export type DetectionSpec = ProviderDefinition['detection'];

/** A request the handler must answer in a set way (Zoom's URL validation, Slack's url_verification...). */
export type Handshake = HandshakeOutput;
export type HandshakeValue = Handshake['request']['headers'][number]['value'];
export type HandshakeCheck = Handshake['answer']['advisory'][number];

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
  // composed schemes: the URL the provider called, the form fields, the body hash a URL or token carries
  'url-variant-matched',
  'url-none-matched',
  'body-hash-mismatch',
  // signed JWTs
  'jwt-bad-signature',
  'jwt-wrong-key',
  'jwt-expired',
  'jwt-not-yet-valid',
  'jwt-claim-mismatch',
  // several signature headers from several secrets (Box primary / secondary)
  'signature-header-matched',
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
