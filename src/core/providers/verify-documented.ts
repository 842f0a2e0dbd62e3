/**
 * What a provider's documented handler makes of a request the strict check
 * rejects (FingerprintIQ's lenient hex reading, Prynt's parseInt timestamp, the
 * examples whose timingSafeEqual throws): named beside the strict verdict.
 */
import type { Diagnostic, ProviderDefinition, SignatureForm, SignatureVerdict } from '../../shared/providers';
import { describeBytes } from './bytes';
import { hmacSha256 } from './crypto';
import { documentedComparison, documentedOutcome, documentedTimestamp } from './documented-handler';
import { schemeId } from './forms';
import { verificationKey } from './keys';
import { matchToken, type KeyEntry } from './signature-match';
import { bodyInForm, buildSignedBytes } from './signed-content';
import type { VerifyInput } from './verify';

/**
 * What the provider's documented handler makes of a value the strict check
 * rejected: accepted (FingerprintIQ's Buffer.from(sig, 'hex') reads uppercase
 * or junk-suffixed hex), or an exception where a 401 was meant.
 */
export function documentedVerdict(
  provider: ProviderDefinition,
  header: string,
  received: string,
  keys: KeyEntry[],
  signed: Uint8Array[],
): { accepted?: { detail: string; diagnostic: Diagnostic }; throws?: Diagnostic } | undefined {
  const comparison = documentedComparison(provider);
  if (!comparison) return undefined;
  const digests = keys.flatMap((k) => (k.key ? signed.map((s) => hmacSha256(k.key as Buffer, s)) : []));
  const outcome = documentedOutcome(provider, received, digests);
  if (outcome === 'accept') {
    return {
      accepted: {
        detail: `Accepted by the documented handler, rejected by a strict comparison: the ${header} value is not the exact digest ${provider.name} sends, but the documented example reads it with ${comparison.reads}, and that matches.`,
        diagnostic: {
          code: 'documented-handler-accepts',
          message: `${provider.name}'s documented handler reads the header with ${comparison.reads}, so it accepts this value; a strict comparison (and a handler written in another language) rejects it, and ${provider.name} itself sends lowercase hex only.`,
        },
      },
    };
  }
  if (outcome === 'throw' && comparison.onThrow) {
    return {
      throws: {
        code: 'documented-handler-throws',
        message: `The value has the wrong length for the documented handler: ${comparison.onThrow}.`,
      },
    };
  }
  return undefined;
}

/**
 * A value the strict parser calls malformed (FingerprintIQ "<hex> junk") may
 * still pass, or crash, the documented handler: checked for the schemes that
 * sign the body alone, where no timestamp is needed to know the digest.
 */
export function malformedAsDocumented(
  provider: ProviderDefinition,
  input: VerifyInput,
  verdict: SignatureVerdict,
): SignatureVerdict {
  const form = provider.signature.forms.find((f) => schemeId(provider, f) === verdict.scheme);
  if (!form || form.signedContent.template !== '{body}' || verdict.received === undefined) return verdict;
  const keys: KeyEntry[] = input.secrets.flatMap((secret, index) =>
    secret.length > 0 ? [{ index, secret, key: verificationKey(secret, form) }] : [],
  );
  const formed = form.signedContent.bodyForms.flatMap((bodyForm) => bodyInForm(input.body, bodyForm) ?? []);
  const documented = documentedVerdict(
    provider,
    form.header,
    verdict.received,
    keys,
    formed.length ? formed : [input.body],
  );
  if (documented?.accepted)
    return {
      ...verdict,
      status: 'invalid',
      detail: `${documented.accepted.detail} (A strict parser calls it malformed: ${verdict.detail})`,
      diagnostics: [documented.accepted.diagnostic],
    };
  if (documented?.throws) return { ...verdict, diagnostics: [...verdict.diagnostics, documented.throws] };
  return verdict;
}

/**
 * Prynt's documented handler reads the timestamp with parseInt (its leading
 * digits) for the age check, and signs the header as sent: a timestamp such as
 * "1796411785.5" the strict check calls malformed still passes it when the
 * signature covers that exact text.
 */
export function lenientTimestampVerdict(
  provider: ProviderDefinition,
  form: SignatureForm,
  input: VerifyInput,
  raw: string,
  tokens: string[],
  malformed: SignatureVerdict,
): SignatureVerdict {
  const reading = documentedTimestamp(provider, raw, input.nowMs / 1000);
  if (!reading) return malformed;
  const signed = buildSignedBytes(form.signedContent.template, { body: input.body, timestamp: raw });
  const keys = input.secrets
    .flatMap((secret) => (secret.length > 0 ? [verificationKey(secret, form)] : []))
    .flatMap((k) => (k ? [k] : []));
  const hit = keys.find((key) => matchToken(key, signed, tokens, form.digest, form.algorithm) >= 0);
  if (!hit) return malformed;
  return {
    ...malformed,
    status: 'invalid',
    detail: `Accepted by the documented handler, rejected by a strict comparison: ${malformed.detail} But the documented example reads it with ${reading} for its age check and signs "${raw}" as sent, and the signature matches that.`,
    signedBytes: describeBytes(signed),
    diagnostics: [
      {
        code: 'documented-handler-accepts',
        message: `${provider.name}'s documented handler accepts this request (its ${form.timestamp?.in === 'header' ? form.timestamp.header : 'timestamp'} is read with ${reading}); ${provider.name} itself sends whole unix seconds, and a strict handler rejects it.`,
      },
    ],
  };
}
