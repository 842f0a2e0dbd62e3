/**
 * The verdict for a signed-JWT form (QStash, Vonage): the token's HS256
 * signature with each configured secret, then its claims: the body hash, the
 * issuer and audience, the URL as `sub`, and its time window. Each way it
 * fails has its own diagnosis.
 */
import type { Diagnostic, ProviderDefinition, SignatureForm, SignatureVerdict } from '../../shared/providers';
import { describeBytes, utf8 } from './bytes';
import { formSecretKey } from './crypto';
import { schemeId } from './forms';
import { bodyHash, claimSeconds, claimText, jwtSignedWith, parseJwt } from './jwt';
import type { UrlCandidate } from './request-url';
import { bodyInForm } from './signed-content';

export interface JwtVerifyInput {
  token: string;
  received: string;
  body: Uint8Array;
  secrets: string[];
  nowMs: number;
  otherSecrets: { label: string; secret: string }[];
  /** The URL variants to match a `sub` claim against; empty when the request's URL is unknown. */
  urls: UrlCandidate[];
}

const PADDING = /=+$/;

export function verifyJwtForm(
  provider: ProviderDefinition,
  form: SignatureForm,
  input: JwtVerifyInput,
): SignatureVerdict {
  const spec = form.jwt;
  const base = { scheme: schemeId(provider, form), received: input.received };
  if (!spec) return { ...base, status: 'malformed', detail: 'The form declares no JWT.', diagnostics: [] };
  const parsed = parseJwt(input.token);
  if (!parsed.ok)
    return {
      ...base,
      status: 'malformed',
      detail: `The ${form.header} token is malformed: ${parsed.problem}.`,
      diagnostics: [],
    };
  const signedBytes = describeBytes(utf8(parsed.signingInput));
  const keys = input.secrets.flatMap((secret, index) => {
    const key = secret.length > 0 ? formSecretKey(secret, form) : undefined;
    return key ? [{ index, key }] : [];
  });
  if (keys.length === 0)
    return {
      ...base,
      status: 'no-secret',
      detail: `No secret is configured, so the ${form.header} token cannot be checked.`,
      signedBytes,
      diagnostics: [],
    };
  const hit = keys.find((k) => jwtSignedWith(parsed, k.key));
  if (!hit) {
    const other = input.otherSecrets.find((o) => {
      const key = formSecretKey(o.secret, form);
      return key !== undefined && jwtSignedWith(parsed, key);
    });
    const diagnostic: Diagnostic = other
      ? {
          code: 'jwt-wrong-key',
          message: `The token is signed with the secret of ${other.label}, not this endpoint's: the handler holds the wrong signing key.`,
        }
      : {
          code: 'jwt-bad-signature',
          message: `The token's HS256 signature does not hold with ${keys.length === 1 ? 'the configured secret' : `any of the ${keys.length} configured secrets`}: the token was altered, or signed with another key.`,
        };
    return {
      ...base,
      status: 'invalid',
      detail: `The ${form.header} token's signature does not match.`,
      signedBytes,
      diagnostics: [diagnostic],
    };
  }

  const claims = parsed.claims;
  const problems: Diagnostic[] = [];
  const notes: Diagnostic[] = [];
  if (hit !== keys[0])
    notes.push({
      code: 'secret-other-matched',
      message: `Secret #${hit.index + 1} matched, not the first configured one (QStash's next signing key, or an older secret).`,
    });
  for (const [claim, want] of [
    ['iss', spec.issuer],
    ['aud', spec.audience],
  ] as const) {
    if (want !== undefined && claims[claim] !== want)
      problems.push({
        code: 'jwt-claim-mismatch',
        message: `The token's ${claim} is ${JSON.stringify(claims[claim] ?? null)}, not "${want}".`,
      });
  }
  let urlNote = '';
  if (spec.subjectIsUrl && input.urls.length > 0) {
    const sub = claimText(claims, 'sub') ?? '';
    const matched = input.urls.find((u) => u.url === sub);
    if (!matched)
      problems.push({
        code: 'url-none-matched',
        message: `The token was signed for ${sub || '(no sub claim)'} but the request was received as ${input.urls[0].url}: behind a proxy or tunnel, compare with the public URL the provider called.`,
      });
    else {
      urlNote = ` for ${matched.url}`;
      if (matched !== input.urls[0])
        notes.push({
          code: 'url-variant-matched',
          message: `The token's sub is ${matched.url} (${matched.how}), not ${input.urls[0].url}: a handler must rebuild that public URL.`,
        });
    }
  }
  const claimed = claimText(claims, spec.bodyHashClaim);
  const hashOf = (body: Uint8Array) => bodyHash(body, spec.bodyHashEncoding).replace(PADDING, '');
  if (claimed === undefined || claimed.replace(PADDING, '') !== hashOf(input.body)) {
    const reserialized = bodyInForm(input.body, 're-serialized');
    const byReserialized =
      claimed !== undefined && reserialized && claimed.replace(PADDING, '') === hashOf(reserialized);
    problems.push({
      code: 'body-hash-mismatch',
      message:
        claimed === undefined
          ? `The token has no ${spec.bodyHashClaim} claim, so it does not bind the body.`
          : byReserialized
            ? `The token's ${spec.bodyHashClaim} claim is the SHA-256 of the re-serialized JSON, not of the bytes received: hash the raw body.`
            : `The token is genuine but its ${spec.bodyHashClaim} claim is the SHA-256 of another body: the body was changed after signing.`,
    });
  }
  const nowSec = Math.floor(input.nowMs / 1000);
  const exp = claimSeconds(claims, 'exp');
  const nbf = claimSeconds(claims, 'nbf');
  const iat = claimSeconds(claims, 'iat');
  const common = { ...base, secretIndex: hit.index, signedBytes };
  if (problems.length > 0)
    return {
      ...common,
      status: 'invalid',
      detail: `The ${form.header} token is signed with the secret but ${problems.length === 1 ? 'a claim does' : 'its claims do'} not hold.`,
      diagnostics: [...problems, ...notes],
    };
  const ageSeconds = iat !== undefined ? nowSec - iat : undefined;
  if (exp !== undefined && nowSec > exp)
    return {
      ...common,
      status: 'stale',
      ...(ageSeconds !== undefined ? { ageSeconds } : {}),
      detail: `The ${form.header} token is genuine but expired ${nowSec - exp} s before the request was received.`,
      diagnostics: [
        {
          code: 'jwt-expired',
          message: `The token expired at ${new Date(exp * 1000).toISOString()}: an old request replayed, or the clocks disagree.`,
        },
        ...notes,
      ],
    };
  if (nbf !== undefined && nowSec < nbf)
    return {
      ...common,
      status: 'stale',
      detail: `The ${form.header} token is genuine but not valid until ${nbf - nowSec} s after the request was received.`,
      diagnostics: [
        {
          code: 'jwt-not-yet-valid',
          message: `The token's nbf is in the future: the sender's clock or this machine's clock is off.`,
        },
        ...notes,
      ],
    };
  if (form.toleranceSeconds !== undefined && ageSeconds !== undefined && Math.abs(ageSeconds) > form.toleranceSeconds)
    return {
      ...common,
      status: 'stale',
      ageSeconds,
      toleranceSeconds: form.toleranceSeconds,
      detail: `The ${form.header} token is genuine but issued ${ageSeconds} s before the request, outside the ${form.toleranceSeconds} s window.`,
      diagnostics: [
        {
          code: 'jwt-expired',
          message: `The token's iat is ${ageSeconds} s old (window ${form.toleranceSeconds} s): an old request replayed, or the clocks disagree.`,
        },
        ...notes,
      ],
    };
  return {
    ...common,
    ...(ageSeconds !== undefined ? { ageSeconds } : {}),
    status: 'valid',
    detail: `The ${form.header} token is valid: HS256 with ${keys.length > 1 ? `secret #${hit.index + 1}` : 'the secret'}, ${spec.bodyHashClaim} matches the body${urlNote}.`,
    diagnostics: notes,
  };
}
