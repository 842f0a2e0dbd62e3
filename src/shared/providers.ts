/**
 * The provider model, as data. A provider definition is plain JSON: the
 * built-in ones live in src/core/providers/builtin/, user-defined ones are
 * JSON files validated by `providerDefinitionSchema`. Everything the signer,
 * verifier, detector, sample builder and sender need is described here, so a
 * new provider needs no code.
 *
 * Pure: imports only types. The definition's types are inferred from the
 * schema in provider-schema.ts (zod), which validates user files.
 */
import type { z } from 'zod';
import type { headerValueSchema, providerDefinitionSchema, signatureFormatSchema, signatureFormSchema } from './provider-schema';

export const PROVIDER_KINDS = ['documented', 'common-scheme', 'user'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

// The definition's types are inferred from its schema (provider-schema.ts),
// where each field is documented; these names are the parts the code uses.

/** A provider definition as validated (`$schema` dropped). */
export type ProviderDefinition = Omit<z.output<typeof providerDefinitionSchema>, '$schema'>;

export type SignatureSpec = ProviderDefinition['signature'];
export type SignatureForm = z.output<typeof signatureFormSchema>;
export type SignatureFormat = z.output<typeof signatureFormatSchema>;
export type SignatureFormatKind = SignatureFormat['kind'];
export type TimestampSource = NonNullable<SignatureForm['timestamp']>;
export type DigestEncoding = SignatureForm['digest'];
export type SecretEncoding = SignatureForm['secretEncoding'];
export type BodyForm = SignatureForm['signedContent']['bodyForms'][number];
export type HeaderValueSource = z.output<typeof headerValueSchema>;
export type ProviderHeader = ProviderDefinition['headers'][number];
export type ProviderEvent = ProviderDefinition['events'][number];
export type EventTypeLocation = ProviderDefinition['eventTypeLocations'][number];
export type EnvelopeSpec = ProviderDefinition['envelope'];
export type TimeFormat = NonNullable<EnvelopeSpec['timeField']>['format'];
export type IdConvention = ProviderDefinition['ids']['conventions'][number];
export type DeliveryIdSpec = ProviderDefinition['ids']['delivery'];
export type ProviderLimits = ProviderDefinition['limits'];
export type DeliveryPolicy = ProviderDefinition['delivery'];
export type DetectionSpec = ProviderDefinition['detection'];

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

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
  // what the provider's own documented handler does, where it differs from a strict check
  'documented-handler-accepts', 'documented-handler-throws',
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
