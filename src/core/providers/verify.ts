/**
 * Verifies a received request against a provider's signature scheme and
 * says why it failed. Tries every configured secret (valid if any matches)
 * and every body form the provider accepts; all comparisons constant-time.
 */
import type { BodyForm, Diagnostic, ProviderDefinition, SignatureForm, SignatureVerdict } from '../../shared/providers';
import { describeBytes } from './bytes';
import { encodeDigest, hmacFor } from './crypto';
import { verificationKey } from './keys';
import { diagnoseFailure } from './diagnose';
import { schemeId } from './forms';
import { firstHeader, headerValues, type HeaderPairs } from './headers';
import { matchToken, ordinal, type KeyEntry } from './signature-match';
import { formatSignatureValue } from './signature-format';
import { documentedVerdict, lenientTimestampVerdict, malformedAsDocumented } from './verify-documented';
import { chooseForm } from './verify-form-choice';
import { bodyInForm, buildSignedBytes, templateUses } from './signed-content';
import { hasBodySignature, verifyBodyFields } from './body-fields';
import { queryParam, urlCandidates, type UrlCandidate } from './request-url';
import { verifyJwtForm } from './verify-jwt';
import { createHash } from 'node:crypto';
import { isTimestampText, timestampNoun, timestampSeconds } from './timestamp-style';

export interface VerifyInput {
  headers: HeaderPairs;
  body: Uint8Array;
  /** The endpoint's secrets, tried in order; valid if any matches. */
  secrets: string[];
  nowMs: number;
  /** Secrets known for other endpoints or environments: never make a request valid, only named in a diagnostic. */
  otherSecrets?: { label: string; secret: string }[];
  /** The URL the request was received on (`http://<Host><target>`), for the forms that sign the URL. */
  url?: string;
  /** The request's method (`{method}`); POST when not given. */
  method?: string;
}

function describeAge(ageSeconds: number): string {
  return ageSeconds >= 0 ? `${ageSeconds} s old` : `${-ageSeconds} s in the future`;
}

export function verifyRequest(provider: ProviderDefinition, input: VerifyInput): SignatureVerdict {
  const inBody = provider.signature.forms.find((f) => f.bodyFields);
  if (
    inBody &&
    (hasBodySignature(inBody, input.body) ||
      provider.signature.forms.every((f) => f.bodyFields || headerValues(input.headers, f.header).length === 0))
  )
    return verifyBodyFields(provider, inBody, {
      body: input.body,
      secrets: input.secrets,
      otherSecrets: input.otherSecrets ?? [],
    });
  const choice = chooseForm(provider, input.headers, input.url);
  if (!choice.ok)
    return choice.verdict.status === 'malformed'
      ? malformedAsDocumented(provider, input, choice.verdict)
      : choice.verdict;
  const { form, values } = choice.chosen;
  const scheme = schemeId(provider, form);
  const received = values[0];
  const base = { scheme, received };
  const urls = input.url ? urlCandidates(input.url, input.headers) : [];
  if (form.jwt)
    return verifyJwtForm(provider, form, {
      token: choice.chosen.tokens[0] ?? choice.chosen.loose[0]?.token ?? received,
      received,
      body: input.body,
      secrets: input.secrets,
      nowMs: input.nowMs,
      otherSecrets: input.otherSecrets ?? [],
      urls,
    });
  const signsUrl = templateUses(form.signedContent.template, 'url');
  if (signsUrl && urls.length === 0)
    return {
      ...base,
      status: 'missing',
      detail: `${form.label} signs the URL the provider called, and this request's URL is not known${input.url ? ` ("${input.url}" is not an absolute http(s) URL)` : ''}.`,
      diagnostics: [],
    };

  let timestamp = choice.chosen.timestamp;
  if (form.timestamp?.in === 'header') {
    const raw = firstHeader(input.headers, form.timestamp.header);
    if (raw === undefined) {
      return {
        ...base,
        status: 'missing',
        detail: `The request has ${form.header} but no ${form.timestamp.header} header, which is part of the signed bytes.`,
        diagnostics: [],
      };
    }
    if (!isTimestampText(form, raw.trim())) {
      const malformed: SignatureVerdict = {
        ...base,
        status: 'malformed',
        detail: `The ${form.timestamp.header} header "${raw}" is not ${timestampNoun(form)}.`,
        diagnostics: [],
      };
      return lenientTimestampVerdict(provider, form, input, raw.trim(), choice.chosen.tokens, malformed);
    }
    timestamp = raw.trim();
  }
  let id: string | undefined;
  if (form.idHeader && form.signedContent.template.includes('{id}')) {
    id = firstHeader(input.headers, form.idHeader);
    if (id === undefined) {
      return {
        ...base,
        status: 'missing',
        detail: `The request has ${form.header} but no ${form.idHeader} header, which is part of the signed bytes.`,
        diagnostics: [],
      };
    }
  }

  const nowSec = input.nowMs / 1000;
  const signedSeconds = timestamp === undefined ? undefined : timestampSeconds(form, timestamp);
  const ageSeconds = signedSeconds !== undefined ? Math.floor(nowSec) - signedSeconds : undefined;
  const timing =
    form.toleranceSeconds !== undefined && ageSeconds !== undefined
      ? { ageSeconds, toleranceSeconds: form.toleranceSeconds }
      : {};
  const method = input.method ?? 'POST';
  // One signed string per body form and, for the forms that sign the URL, per plausible URL (most likely first).
  const urlTries: (UrlCandidate | undefined)[] = signsUrl ? urls : [undefined];
  const signedFor = (body: Uint8Array, bodyForm: BodyForm) =>
    urlTries.map((u) => ({
      bodyForm,
      url: u,
      signed: buildSignedBytes(form.signedContent.template, { body, timestamp, id, url: u?.url, method }),
    }));
  const bodies = form.signedContent.bodyForms.flatMap((bodyForm) => {
    const formed = bodyInForm(input.body, bodyForm);
    return formed ? signedFor(formed, bodyForm) : [];
  });
  // A body that is not JSON cannot be re-serialized; the signer signs it raw, so check it raw.
  if (bodies.length === 0) bodies.push(...signedFor(input.body, 'raw'));
  const primarySigned = bodies[0].signed;

  const keys: KeyEntry[] = input.secrets.flatMap((secret, index) =>
    secret.length > 0 ? [{ index, secret, key: verificationKey(secret, form) }] : [],
  );
  if (keys.length === 0) {
    return {
      ...base,
      ...timing,
      status: 'no-secret',
      detail: `No secret is configured, so the ${form.header} signature cannot be checked.`,
      signedBytes: describeBytes(primarySigned),
      diagnostics: [],
    };
  }

  const diagnostics: Diagnostic[] = [];
  if (values.length > 1) {
    diagnostics.push({
      code: 'duplicate-signature-header',
      message: `The ${form.header} header appears ${values.length} times; every value was checked.`,
    });
  }
  const multiForm =
    form.signedContent.bodyForms.length > 1 ? 'body' : provider.signature.forms.length > 1 ? 'signature' : undefined;

  for (const entry of keys) {
    if (!entry.key) continue;
    const matched = bodies.map((b) => ({
      bodyForm: b.bodyForm,
      url: b.url,
      signed: b.signed,
      token: matchToken(entry.key as Buffer, b.signed, choice.chosen.tokens, form.digest, form.algorithm),
    }));
    const hit = matched.find((m) => m.token >= 0);
    if (!hit) continue;
    const extraHeaders = form.extraSignatureHeaders ?? [];
    if (extraHeaders.length > 0) {
      const header = choice.chosen.sources[hit.token] ?? form.header;
      diagnostics.push({
        code: 'signature-header-matched',
        message:
          header === form.header
            ? `${header} matched${keys.length > 1 ? ` with secret #${entry.index + 1}` : ''}.`
            : `${header} matched${keys.length > 1 ? ` with secret #${entry.index + 1}` : ''}, not ${form.header}: the ${form.header} key was rotated or is not the one configured.`,
      });
    } else if (choice.chosen.tokens.length > 1) {
      diagnostics.push({
        code: 'multiple-signatures',
        message: `The header carries ${choice.chosen.tokens.length} signatures; the ${ordinal(hit.token + 1)} one matched.`,
      });
    }
    if (hit.url && hit.url !== urls[0]) {
      diagnostics.push({
        code: 'url-variant-matched',
        message: `Signed for ${hit.url.url} but received as ${urls[0].url}: ${hit.url.url.startsWith('https:') && urls[0].url.startsWith('http:') ? 'behind a proxy or tunnel, ' : ''}rebuild the public URL the provider called (${hit.url.how}).`,
      });
    }
    const hashProblem = form.bodyHashQuery
      ? bodyHashQueryProblem(form.bodyHashQuery, hit.url?.url, input.body)
      : undefined;
    if (entry !== keys[0]) {
      diagnostics.push({
        code: 'secret-other-matched',
        message: `Secret #${entry.index + 1} matched, not the first configured one: the sender signs with an older or other-environment secret.`,
      });
    }
    const sameUrl = bodies.filter((b) => b.url === hit.url);
    if (sameUrl.length > 1 && !Buffer.from(sameUrl[0].signed).equals(sameUrl[1].signed)) {
      const only = matched.filter((m) => m.token >= 0 && m.url === hit.url);
      if (only.length === 1) {
        diagnostics.push(
          only[0].bodyForm === 'raw'
            ? {
                code: 'body-form-raw-only',
                message:
                  'Only the raw body matches: a handler that re-serializes the parsed JSON (JSON.stringify(req.body)) before verifying will reject this request.',
              }
            : {
                code: 'body-form-reserialized-only',
                message:
                  'Only the re-serialized body (JSON.stringify(JSON.parse(body))) matches: a handler that verifies the raw bytes as received will reject this request.',
              },
        );
      }
    }
    const matchedForm = multiForm === 'body' ? hit.bodyForm : multiForm === 'signature' ? form.name : undefined;
    const expected = expectedValue(form, entry.key, hit.signed, timestamp);
    const common = {
      ...base,
      ...timing,
      secretIndex: entry.index,
      ...(expected ? { expected } : {}),
      signedBytes: describeBytes(hit.signed),
      ...(matchedForm ? { matchedForm } : {}),
    };
    if (timing.ageSeconds !== undefined && Math.abs(timing.ageSeconds) > timing.toleranceSeconds) {
      diagnostics.push(staleDiagnostic(timing.ageSeconds, timing.toleranceSeconds));
      return {
        ...common,
        status: 'stale',
        detail: `The signature is correct but the timestamp is ${describeAge(timing.ageSeconds)}, outside the ${timing.toleranceSeconds} s window.`,
        diagnostics,
      };
    }
    if (hashProblem) {
      return {
        ...common,
        status: 'invalid',
        detail: `The ${form.header} signature over the URL holds, but the URL's ${form.bodyHashQuery} is not the SHA-256 of this body.`,
        diagnostics: [...diagnostics, hashProblem],
      };
    }
    const secretNote = keys.length > 1 ? ` with secret #${entry.index + 1}` : '';
    const formNote = matchedForm ? ` (${matchedForm} form)` : '';
    const urlNote = hit.url ? ` for ${hit.url.url}` : '';
    return {
      ...common,
      status: 'valid',
      detail: `The ${form.header} signature is valid${urlNote}${secretNote}${formNote}.`,
      diagnostics,
    };
  }

  const firstKey = keys.find((k) => k.key)?.key;
  const expected = firstKey ? expectedValue(form, firstKey, primarySigned, timestamp) : undefined;
  const documented = documentedVerdict(
    provider,
    form.header,
    received,
    keys,
    bodies.map((b) => b.signed),
  );
  if (documented?.accepted) {
    return {
      ...base,
      ...timing,
      status: 'invalid',
      detail: documented.accepted.detail,
      ...(expected ? { expected } : {}),
      signedBytes: describeBytes(primarySigned),
      diagnostics: [documented.accepted.diagnostic],
    };
  }
  if (choice.chosen.tokens.length > 1) {
    diagnostics.push({
      code: 'multiple-signatures',
      message: `The header carries ${choice.chosen.tokens.length} signatures and none of them matched.`,
    });
  }
  if (signsUrl) {
    diagnostics.push({
      code: 'url-none-matched',
      message: `No URL variant matched (tried ${urls.length}: ${urls
        .slice(0, 4)
        .map((u) => u.url)
        .join(
          ', ',
        )}${urls.length > 4 ? ', ...' : ''}): the provider signed another URL (its configured webhook URL, path or query), or the body or secret differ.`,
    });
  }
  diagnostics.push(
    ...diagnoseFailure({
      form,
      body: input.body,
      timestamp,
      id,
      url: urls[0]?.url,
      method,
      nowSec,
      keys,
      tokens: choice.chosen.tokens,
      loose: choice.chosen.loose,
      otherSecrets: input.otherSecrets ?? [],
    }),
  );
  if (timing.ageSeconds !== undefined && Math.abs(timing.ageSeconds) > timing.toleranceSeconds) {
    diagnostics.push(staleDiagnostic(timing.ageSeconds, timing.toleranceSeconds));
  }
  if (documented?.throws) diagnostics.push(documented.throws);
  const n = keys.length;
  return {
    ...base,
    ...timing,
    status: 'invalid',
    detail: `The ${form.header} signature does not match the body with ${n === 1 ? 'the configured secret' : `any of the ${n} configured secrets`}.`,
    ...(expected ? { expected } : {}),
    signedBytes: describeBytes(primarySigned),
    diagnostics,
  };
}

/** The header value the secret would give (HMAC schemes); an asymmetric signature cannot be recomputed from a public key. */
function expectedValue(
  form: SignatureForm,
  key: Buffer,
  signed: Uint8Array,
  timestamp: string | undefined,
): string | undefined {
  // A shared token's expected value is the secret itself: never shown back.
  if (form.algorithm === 'token') return undefined;
  const digest = hmacFor(form.algorithm, key, signed);
  return digest ? formatSignatureValue(form.format, encodeDigest(digest, form.digest), timestamp) : undefined;
}

function staleDiagnostic(ageSeconds: number, toleranceSeconds: number): Diagnostic {
  return ageSeconds < 0
    ? {
        code: 'timestamp-future',
        message: `The timestamp is ${-ageSeconds} s in the future (window ${toleranceSeconds} s): the sender's clock or this machine's clock is off.`,
      }
    : {
        code: 'timestamp-stale',
        message: `The timestamp is ${ageSeconds} s old (window ${toleranceSeconds} s): an old request replayed as is, or the clocks disagree.`,
      };
}

/** Twilio's JSON-body variant: the signed URL carries the body's hex SHA-256 in a query parameter, which must match. */
function bodyHashQueryProblem(param: string, url: string | undefined, body: Uint8Array): Diagnostic | undefined {
  const carried = url ? queryParam(url, param) : undefined;
  const actual = createHash('sha256').update(body).digest('hex');
  if (carried === actual) return undefined;
  return {
    code: 'body-hash-mismatch',
    message:
      carried === undefined
        ? `The URL has no ${param} query parameter, so nothing binds the body.`
        : `The URL's ${param} is ${carried} but the body's SHA-256 is ${actual}: the body was changed after signing.`,
  };
}
