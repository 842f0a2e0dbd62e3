/**
 * Explains a signature that did not verify: tries the usual mistakes one by
 * one (prefix, digest encoding, secret encoding, a changed body, a changed
 * timestamp, a secret known from elsewhere) and names those that explain it.
 */
import type { Diagnostic, DigestEncoding, SignatureAlgorithm } from '../../shared/providers';
import { bodyVariants } from './body-variants';
import { decodeBase64Strict } from './crypto';
import { isAsymmetric, verificationKey } from './keys';
import { utf8 } from './bytes';
import { diagnosePair } from './diagnose-pairs';
import { matchToken, type ProbeContext } from './signature-match';
import { bodyInForm, buildSignedBytes } from './signed-content';

/** The timestamp search stays cheap: small bodies only, a few keys. */
const TIMESTAMP_SEARCH_MAX_BODY = 16 * 1024;
/** Seconds searched around the sent timestamp, and around "now", for the one the signature was made with. */
const TIMESTAMP_SEARCH_WINDOW = 120;
const NOW_SEARCH_WINDOW = 10;
const MAX_KEYS_PROBED = 5;

function usableKeys(ctx: ProbeContext): Buffer[] {
  return ctx.keys.flatMap((k) => (k.key ? [k.key] : [])).slice(0, MAX_KEYS_PROBED);
}

function signedFor(
  ctx: ProbeContext,
  body: Uint8Array,
  timestamp = ctx.timestamp,
  template = ctx.form.signedContent.template,
): Buffer[] {
  const out = ctx.form.signedContent.bodyForms.flatMap((bodyForm) => {
    const formed = bodyInForm(body, bodyForm);
    return formed
      ? [buildSignedBytes(template, { body: formed, timestamp, id: ctx.id, url: ctx.url, method: ctx.method })]
      : [];
  });
  return out.length > 0
    ? out
    : [buildSignedBytes(template, { body, timestamp, id: ctx.id, url: ctx.url, method: ctx.method })];
}

function anyMatch(
  keys: Uint8Array[],
  signed: Uint8Array[],
  tokens: string[],
  encoding: DigestEncoding,
  algorithm: SignatureAlgorithm = 'hmac-sha256',
): boolean {
  return keys.some((key) => signed.some((s) => matchToken(key, s, tokens, encoding, algorithm) >= 0));
}

function prefixMistake(ctx: ProbeContext): Diagnostic | undefined {
  const keys = usableKeys(ctx);
  const signed = signedFor(ctx, ctx.body);
  for (const loose of ctx.loose) {
    if (!anyMatch(keys, signed, [loose.token], ctx.form.digest, ctx.form.algorithm)) continue;
    return loose.mistake === 'prefix-dropped'
      ? {
          code: 'prefix-dropped',
          message: `The digest is right but lacks the "${loose.prefix}" prefix ${ctx.form.header} must carry.`,
        }
      : {
          code: 'prefix-added',
          message: `The digest is right but carries a "${loose.prefix}" prefix; ${ctx.form.header} holds the bare digest.`,
        };
  }
  return undefined;
}

function encodingMistake(ctx: ProbeContext): Diagnostic | Diagnostic[] | undefined {
  const other: DigestEncoding = ctx.form.digest === 'hex' ? 'base64' : 'hex';
  const what = isAsymmetric(ctx.form.algorithm) ? 'signature' : 'HMAC';
  const tokens = ctx.tokens;
  const keys = usableKeys(ctx);
  const signed = signedFor(ctx, ctx.body);
  const inOther: Diagnostic = {
    code: 'digest-encoding-mismatch',
    message: `The ${what} is right but written in ${other}; ${ctx.form.header} carries it in ${ctx.form.digest}.`,
  };
  if (anyMatch(keys, signed, tokens, other, ctx.form.algorithm)) return inOther;
  // Two mistakes in one value: written in the other encoding and with its prefix wrong.
  for (const loose of ctx.loose) {
    if (!anyMatch(keys, signed, [loose.token], other, ctx.form.algorithm)) continue;
    const prefix: Diagnostic =
      loose.mistake === 'prefix-dropped'
        ? {
            code: 'prefix-dropped',
            message: `Two mistakes together explain this signature. The digest lacks the "${loose.prefix}" prefix ${ctx.form.header} must carry.`,
          }
        : {
            code: 'prefix-added',
            message: `Two mistakes together explain this signature. The digest carries a "${loose.prefix}" prefix; ${ctx.form.header} holds the bare digest.`,
          };
    return [prefix, { ...inOther, message: `And: ${inOther.message}` }];
  }
  const lowered = tokens.filter((t) => t !== t.toLowerCase()).map((t) => t.toLowerCase());
  if (ctx.form.digest === 'hex' && lowered.length > 0 && anyMatch(keys, signed, lowered, 'hex', ctx.form.algorithm)) {
    return {
      code: 'digest-encoding-mismatch',
      message: `The ${what} is right but written in uppercase hex; ${ctx.form.header} carries lowercase hex, and a handler that compares the strings (as most documented examples do) rejects it.`,
    };
  }
  return undefined;
}

function secretEncodingMistake(ctx: ProbeContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const signed = signedFor(ctx, ctx.body);
  const tokens = ctx.tokens;
  for (const entry of ctx.keys.slice(0, MAX_KEYS_PROBED)) {
    if (ctx.form.secretEncoding === 'whsec-base64') {
      if (!entry.key) {
        out.push({
          code: 'secret-not-base64',
          message: `Secret #${entry.index + 1} is not base64 after its whsec_ prefix, so it cannot be this scheme's key.`,
        });
      }
      if (anyMatch([utf8(entry.secret)], signed, tokens, ctx.form.digest, ctx.form.algorithm)) {
        out.push({
          code: 'whsec-used-raw',
          message: `The sender used secret #${entry.index + 1} as raw text; this scheme base64-decodes the part after "whsec_" and uses those bytes as the key.`,
        });
      }
    } else if (entry.secret.startsWith('whsec_')) {
      const decoded = decodeBase64Strict(entry.secret.slice('whsec_'.length));
      if (decoded && decoded.length > 0 && anyMatch([decoded], signed, tokens, ctx.form.digest, ctx.form.algorithm)) {
        out.push({
          code: 'whsec-base64-decoded',
          message: `The sender base64-decoded secret #${entry.index + 1} (Standard Webhooks style); this provider uses the whole "whsec_..." string as the key.`,
        });
      }
    }
  }
  return out;
}

function bodyMistake(ctx: ProbeContext): Diagnostic | undefined {
  const keys = usableKeys(ctx);
  for (const variant of bodyVariants(ctx.body)) {
    if (anyMatch(keys, signedFor(ctx, variant.body), ctx.tokens, ctx.form.digest, ctx.form.algorithm))
      return { code: variant.code, message: variant.message };
  }
  return undefined;
}

function timestampMistake(ctx: ProbeContext): Diagnostic | undefined {
  const template = ctx.form.signedContent.template;
  if (ctx.timestamp === undefined || !template.includes('{timestamp}')) return undefined;
  const keys = usableKeys(ctx);
  const tokens = ctx.tokens;
  const bodyOnly = signedFor(ctx, ctx.body, ctx.timestamp, '{body}');
  if (anyMatch(keys, bodyOnly, tokens, ctx.form.digest, ctx.form.algorithm)) {
    return {
      code: 'timestamp-not-signed',
      message: `The signature covers the body alone; this scheme signs "${template}", so the timestamp must be part of the signed bytes.`,
    };
  }
  const ts = Number(ctx.timestamp);
  const unitAlternatives = ctx.timestamp.length >= 13 ? [String(Math.floor(ts / 1000))] : [String(ts * 1000)];
  for (const alt of unitAlternatives) {
    if (anyMatch(keys, signedFor(ctx, ctx.body, alt), tokens, ctx.form.digest, ctx.form.algorithm)) {
      return {
        code: 'timestamp-unit',
        message: `The signature is valid for timestamp ${alt}: one side counts milliseconds and the other seconds.`,
      };
    }
  }
  if (ctx.body.length > TIMESTAMP_SEARCH_MAX_BODY) return undefined;
  const now = Math.floor(ctx.nowSec);
  const tried = new Set<number>([ts]);
  for (let delta = 0; delta <= TIMESTAMP_SEARCH_WINDOW; delta++) {
    const around =
      delta <= NOW_SEARCH_WINDOW ? [ts - delta, ts + delta, now - delta, now + delta] : [ts - delta, ts + delta];
    for (const candidate of around) {
      if (candidate < 0 || tried.has(candidate)) continue;
      tried.add(candidate);
      if (anyMatch(keys, signedFor(ctx, ctx.body, String(candidate)), tokens, ctx.form.digest, ctx.form.algorithm)) {
        return {
          code: 'timestamp-mismatch',
          message: `The signature is valid for timestamp ${candidate}, ${candidate - ts} s from the one sent: the timestamp was changed after signing (a replay refreshed it but kept the old signature, or the sender signed a different clock reading).`,
        };
      }
    }
  }
  return undefined;
}

function elsewhereSecret(ctx: ProbeContext): Diagnostic | undefined {
  const signed = signedFor(ctx, ctx.body);
  for (const other of ctx.otherSecrets) {
    const key = verificationKey(other.secret, ctx.form);
    if (key && anyMatch([key], signed, ctx.tokens, ctx.form.digest, ctx.form.algorithm)) {
      return {
        code: 'secret-from-elsewhere',
        message: `The request was signed with the secret of ${other.label}, not with one configured here: the sender is pointed at the wrong environment or endpoint.`,
      };
    }
  }
  return undefined;
}

/** Likely causes of a failed verification, most specific first; never empty. */
export function diagnoseFailure(ctx: ProbeContext): Diagnostic[] {
  const found: Diagnostic[] = [];
  const push = (d: Diagnostic | Diagnostic[] | undefined) => {
    if (d) found.push(...(Array.isArray(d) ? d : [d]));
  };
  const explained = () => found.some((d) => d.code !== 'secret-not-base64');
  push(prefixMistake(ctx));
  push(encodingMistake(ctx));
  found.push(...secretEncodingMistake(ctx));
  if (!explained()) push(bodyMistake(ctx));
  if (!explained()) push(timestampMistake(ctx));
  if (!explained()) push(elsewhereSecret(ctx));
  if (!explained() && !isAsymmetric(ctx.form.algorithm)) found.push(...(diagnosePair(ctx) ?? []));
  const unreadable = isAsymmetric(ctx.form.algorithm) ? ctx.keys.filter((k) => !k.key) : [];
  for (const entry of unreadable.slice(0, MAX_KEYS_PROBED)) {
    found.push({
      code: 'public-key-invalid',
      message: `Key #${entry.index + 1} is not ${ctx.form.algorithm === 'ed25519' ? 'an Ed25519 public key (64 hex characters, PEM or base64 SPKI)' : 'an ECDSA P-256 public key (PEM or base64 SPKI)'}, so it cannot check this signature.`,
    });
  }
  if (!explained() && isAsymmetric(ctx.form.algorithm)) {
    const n = ctx.keys.length;
    push({
      code: 'no-secret-matched',
      message: `None of the ${n} configured public key${n === 1 ? '' : 's'} verifies this signature over these bytes: the body or timestamp was altered after signing, or the handler is configured with another key pair's public key.`,
    });
  }
  if (!explained()) {
    const n = ctx.keys.length;
    push({
      code: 'no-secret-matched',
      message: `None of the ${n} configured secret${n === 1 ? '' : 's'} produces this signature, and no common mistake explains it: the sender likely uses another secret (another environment, a rotated one) or the body was altered.`,
    });
  }
  return found;
}
