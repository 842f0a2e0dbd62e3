/**
 * Property tests over every signature form of every built-in provider:
 * sign-then-verify is valid for any body and secret; changing any byte of
 * the body, the timestamp or the signature is never valid.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PROVIDERS, signRequest, verifyRequest } from '../../../src/core/providers';
import { parseFormFields, sortedFieldString } from '../../../src/core/providers/form-fields';
import { timestampStyle, timestampText } from '../../../src/core/providers/timestamp-style';
import type { ProviderDefinition, SignatureForm } from '../../../src/shared/providers';

// Per form: the catalog has 50+ providers whose forms share a handful of scheme shapes, so 25 runs each still tries
// thousands of bodies and secrets per shape, and the file stays in seconds as the catalog grows.
const RUNS = 25;

/** The URL the request is sent to and received on, for the forms that sign it. */
const URL_SENT = 'https://hooks.example.com/in/test?tenant=a';

// A signature inside the body (Adyen's item HMAC) needs a body with signed items, which arbitrary bytes are not: proven in composed-schemes.test.ts.
const forms: { provider: ProviderDefinition; form: SignatureForm }[] = BUILTIN_PROVIDERS.flatMap((provider) =>
  provider.signature.forms.filter((form) => !form.bodyFields).map((form) => ({ provider, form })),
);

/** What the verifier is told about the request: the URL it was sent to (the signer may add a query parameter). */
function received(out: { url?: string }) {
  return { url: out.url ?? URL_SENT, method: 'POST' };
}

/** A form-field scheme signs the decoded, sorted fields: a byte change that decodes to the same fields (`+` for a space) signs the same. */
function sameFormFields(a: Uint8Array, b: Uint8Array): boolean {
  return sortedFieldString(parseFormFields(a)) === sortedFieldString(parseFormFields(b));
}

function secretArb(form: SignatureForm): fc.Arbitrary<string> {
  // A shared token travels as a header value itself: visible characters, no spaces or commas (HTTP trims and splits those).
  if (form.algorithm === 'token') return fc.stringMatching(/^[A-Za-z0-9_.~+/=-]{1,48}$/);
  if (form.secretEncoding === 'hex')
    return fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => Buffer.from(bytes).toString('hex'));
  return form.secretEncoding === 'whsec-base64'
    ? fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => `whsec_${Buffer.from(bytes).toString('base64')}`)
    : fc
        .array(fc.integer({ min: 1, max: 0x10ffff }), { minLength: 1, maxLength: 48 })
        .map((codePoints) => String.fromCodePoint(...codePoints));
}

const bodyArb = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.json({ maxDepth: 3 }).map((text) => new Uint8Array(Buffer.from(text))),
);
const timestampArb = fc.integer({ min: 1_000_000_000, max: 4_000_000_000 });
const idArb = fc.stringMatching(/^msg_[A-Za-z0-9]{1,30}$/);

function signed(
  provider: ProviderDefinition,
  form: SignatureForm,
  body: Uint8Array,
  secret: string,
  ts: number,
  id: string,
) {
  return signRequest(provider, { secret, body, timestampSec: ts, webhookId: id, form: form.name, url: URL_SENT });
}

/** ClickDefender signs JSON.stringify(JSON.parse(body)): a change that re-serializes identically (whitespace) is, by the document's design, still valid. */
function reserializesTheSame(a: Uint8Array, b: Uint8Array): boolean {
  const norm = (bytes: Uint8Array) => {
    try {
      return JSON.stringify(JSON.parse(new TextDecoder().decode(bytes)));
    } catch {
      return undefined;
    }
  };
  const x = norm(a);
  return x !== undefined && x === norm(b);
}

describe.each(forms.map((f) => ({ ...f, label: `${f.provider.id}/${f.form.name}` })))(
  '$label',
  ({ provider, form }) => {
    it('sign then verify is valid for any body and secret', () => {
      fc.assert(
        fc.property(bodyArb, secretArb(form), timestampArb, idArb, (body, secret, ts, id) => {
          const out = signed(provider, form, body, secret, ts, id);
          const verdict = verifyRequest(provider, {
            headers: out.headers,
            body,
            secrets: [secret],
            nowMs: ts * 1000,
            ...received(out),
          });
          expect(verdict.status).toBe('valid');
          expect(verdict.secretIndex).toBe(0);
        }),
        { numRuns: RUNS },
      );
    });

    it('changing any one body byte is never valid', () => {
      fc.assert(
        fc.property(
          bodyArb.filter((b) => b.length > 0),
          secretArb(form),
          timestampArb,
          idArb,
          fc.nat(),
          fc.integer({ min: 1, max: 255 }),
          (body, secret, ts, id, at, xor) => {
            const out = signed(provider, form, body, secret, ts, id);
            const changed = Buffer.from(body);
            changed[at % changed.length] ^= xor;
            const verdict = verifyRequest(provider, {
              headers: out.headers,
              body: changed,
              secrets: [secret],
              nowMs: ts * 1000,
              ...received(out),
            });
            if (form.algorithm === 'token') {
              // A shared token (GitLab) does not cover the body: a changed body with the right token is valid, as the provider's own check says.
              expect(verdict.status).toBe('valid');
            } else if (verdict.status === 'valid' && form.signedContent.template.includes('{form}')) {
              expect(sameFormFields(body, changed)).toBe(true);
            } else if (verdict.status === 'valid') {
              expect(form.signedContent.bodyForms).toContain('re-serialized');
              expect(verdict.matchedForm).toBe('re-serialized');
              expect(reserializesTheSame(body, changed)).toBe(true);
            } else {
              expect(verdict.status).toBe('invalid');
            }
          },
        ),
        { numRuns: RUNS },
      );
    });

    it('changing any one character of the signature header is never valid', () => {
      fc.assert(
        fc.property(
          bodyArb,
          secretArb(form),
          timestampArb,
          idArb,
          fc.nat(),
          fc.integer({ min: 33, max: 126 }),
          (body, secret, ts, id, at, code) => {
            const out = signed(provider, form, body, secret, ts, id);
            // Box's second signature header is a valid signature on its own (either key may verify): tamper with a request that carries the first only.
            const extras = new Set(form.extraSignatureHeaders ?? []);
            const headers = out.headers.filter(([name]) => !extras.has(name));
            const index = headers.findIndex(([name]) => name === form.header);
            const value = headers[index][1];
            const position = at % value.length;
            fc.pre(value.charCodeAt(position) !== code);
            const changed = value.slice(0, position) + String.fromCharCode(code) + value.slice(position + 1);
            const tampered = headers.map((pair, i) => (i === index ? ([pair[0], changed] as [string, string]) : pair));
            const verdict = verifyRequest(provider, {
              headers: tampered,
              body,
              secrets: [secret],
              nowMs: ts * 1000,
              ...received(out),
            });
            expect(verdict.status).not.toBe('valid');
          },
        ),
        { numRuns: RUNS },
      );
    });

    if (form.timestamp) {
      it('changing the timestamp is never valid', () => {
        fc.assert(
          fc.property(
            bodyArb,
            secretArb(form),
            timestampArb,
            idArb,
            fc.integer({ min: -100_000, max: 100_000 }).filter((d) => d !== 0),
            (body, secret, ts, id, delta) => {
              const out = signed(provider, form, body, secret, ts, id);
              const moved = ts + delta;
              const tampered = out.headers.map(([name, value]): [string, string] => {
                if (form.timestamp?.in === 'header' && name === form.timestamp.header)
                  return [name, timestampText(form, moved)];
                if (form.timestamp?.in === 'signature' && name === form.header && form.format.kind === 'kv') {
                  const { timestampKey: key, separator = ',' } = form.format;
                  const scale = timestampStyle(form) === 'ms' ? 1000 : 1;
                  return [
                    name,
                    value.replace(`${key}=${ts * scale}${separator}`, `${key}=${moved * scale}${separator}`),
                  ];
                }
                return [name, value];
              });
              const verdict = verifyRequest(provider, {
                headers: tampered,
                body,
                secrets: [secret],
                nowMs: moved * 1000,
                ...received(out),
              });
              expect(verdict.status).toBe('invalid');
            },
          ),
          { numRuns: RUNS },
        );
      });
    }

    it('a different secret is never valid', () => {
      fc.assert(
        fc.property(bodyArb, secretArb(form), secretArb(form), timestampArb, idArb, (body, secret, other, ts, id) => {
          fc.pre(secret !== other && Buffer.from(secret).toString('hex') !== Buffer.from(other).toString('hex'));
          const out = signed(provider, form, body, secret, ts, id);
          const verdict = verifyRequest(provider, {
            headers: out.headers,
            body,
            secrets: [other],
            nowMs: ts * 1000,
            ...received(out),
          });
          expect(verdict.status).toBe('invalid');
        }),
        { numRuns: RUNS },
      );
    });
  },
);
