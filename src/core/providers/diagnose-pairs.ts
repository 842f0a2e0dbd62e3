/**
 * Two common mistakes at once. diagnose.ts names a single mistake; when none
 * explains a failed signature, this tries every pair of them: a changed body
 * twice over (pretty-printed, and the signed original ended in a newline), a
 * changed body and a dropped prefix, a wrong encoding and a shifted
 * timestamp, a secret from elsewhere and a trailing newline... Each mistake
 * is a step that turns one trial (keys, body, timestamp, signed template,
 * tokens, digest encoding) into the trials it would explain; a pair is one
 * step applied after another. Budgets keep it cheap: bodies up to 16 KiB,
 * and beside another mistake the timestamp search is narrower (30 s around
 * the sent timestamp, 5 s around now; bodies up to 2 KiB).
 */
import type { Diagnostic, DigestEncoding } from '../../shared/providers';
import { bodyVariants } from './body-variants';
import { decodeBase64Strict, formSecretKey } from './crypto';
import { utf8 } from './bytes';
import { matchToken, type ProbeContext } from './signature-match';
import { bodyInForm, buildSignedBytes } from './signed-content';

/** Bodies above this are not explored in pairs (a pair of body changes is ~170 bodies). */
export const PAIR_MAX_BODY = 16 * 1024;
/** The timestamp search beside another mistake: seconds around the sent timestamp and "now", on bodies up to this size. */
const PAIR_TIMESTAMP_WINDOW = 30;
const PAIR_NOW_WINDOW = 5;
const PAIR_TIMESTAMP_SEARCH_MAX_BODY = 2 * 1024;
const MAX_KEYS_PROBED = 5;

interface Trial {
  keys: Uint8Array[];
  body: Uint8Array;
  timestamp: string | undefined;
  template: string;
  tokens: string[];
  encoding: DigestEncoding;
}

interface Step {
  trial: Trial;
  diagnostic: Diagnostic;
}

type Dimension = 'value' | 'secret' | 'body' | 'timestamp';

interface Mistake {
  dimension: Dimension;
  /** Identifies the kind of step, so that the same step is not applied twice. */
  kind: string;
  apply(trial: Trial, ctx: ProbeContext): Step[];
}

/** A body in each of the form's body forms (re-serializing parses JSON: done once per body, not per timestamp tried). */
function formsOf(ctx: ProbeContext, body: Uint8Array, cache: WeakMap<Uint8Array, Uint8Array[]>): Uint8Array[] {
  let forms = cache.get(body);
  if (!forms) {
    forms = ctx.form.signedContent.bodyForms.flatMap((bodyForm) => {
      const formed = bodyInForm(body, bodyForm);
      return formed ? [formed] : [];
    });
    if (forms.length === 0) forms = [body];
    cache.set(body, forms);
  }
  return forms;
}

function matches(ctx: ProbeContext, t: Trial, cache: WeakMap<Uint8Array, Uint8Array[]>): boolean {
  const all = formsOf(ctx, t.body, cache).map((body) =>
    buildSignedBytes(t.template, { body, timestamp: t.timestamp, id: ctx.id, url: ctx.url, method: ctx.method }),
  );
  return t.keys.some((key) => all.some((s) => matchToken(key, s, t.tokens, t.encoding, ctx.form.algorithm) >= 0));
}

const prefix: Mistake = {
  dimension: 'value',
  kind: 'prefix',
  apply: (t, ctx) =>
    // Only from the received tokens: a loose token stands for the value read with its prefix put right.
    t.tokens.every((tok) => ctx.tokens.includes(tok))
      ? ctx.loose.map((loose) => ({
          trial: { ...t, tokens: [loose.token] },
          diagnostic:
            loose.mistake === 'prefix-dropped'
              ? {
                  code: 'prefix-dropped',
                  message: `The digest lacks the "${loose.prefix}" prefix ${ctx.form.header} must carry.`,
                }
              : {
                  code: 'prefix-added',
                  message: `The digest carries a "${loose.prefix}" prefix; ${ctx.form.header} holds the bare digest.`,
                },
        }))
      : [],
};

const encoding: Mistake = {
  dimension: 'value',
  kind: 'encoding',
  apply: (t, ctx) => {
    const other: DigestEncoding = ctx.form.digest === 'hex' ? 'base64' : 'hex';
    const steps: Step[] = [
      {
        trial: { ...t, encoding: other },
        diagnostic: {
          code: 'digest-encoding-mismatch',
          message: `The HMAC is written in ${other}; ${ctx.form.header} carries it in ${ctx.form.digest}.`,
        },
      },
    ];
    const lowered = t.tokens.filter((tok) => tok !== tok.toLowerCase()).map((tok) => tok.toLowerCase());
    if (ctx.form.digest === 'hex' && lowered.length > 0) {
      steps.push({
        trial: { ...t, tokens: lowered },
        diagnostic: {
          code: 'digest-encoding-mismatch',
          message: `The HMAC is written in uppercase hex; ${ctx.form.header} carries lowercase hex, and a handler that compares the strings rejects it.`,
        },
      });
    }
    return steps;
  },
};

const secret: Mistake = {
  dimension: 'secret',
  kind: 'secret',
  apply: (t, ctx) => {
    const steps: Step[] = [];
    for (const entry of ctx.keys.slice(0, MAX_KEYS_PROBED)) {
      if (ctx.form.secretEncoding === 'whsec-base64') {
        steps.push({
          trial: { ...t, keys: [utf8(entry.secret)] },
          diagnostic: {
            code: 'whsec-used-raw',
            message: `The sender used secret #${entry.index + 1} as raw text; this scheme base64-decodes the part after "whsec_" and uses those bytes as the key.`,
          },
        });
      } else if (entry.secret.startsWith('whsec_')) {
        const decoded = decodeBase64Strict(entry.secret.slice('whsec_'.length));
        if (decoded && decoded.length > 0) {
          steps.push({
            trial: { ...t, keys: [decoded] },
            diagnostic: {
              code: 'whsec-base64-decoded',
              message: `The sender base64-decoded secret #${entry.index + 1} (Standard Webhooks style); this provider uses the whole "whsec_..." string as the key.`,
            },
          });
        }
      }
    }
    for (const other of ctx.otherSecrets) {
      const key = formSecretKey(other.secret, ctx.form);
      if (key) {
        steps.push({
          trial: { ...t, keys: [key] },
          diagnostic: {
            code: 'secret-from-elsewhere',
            message: `The request was signed with the secret of ${other.label}, not with one configured here: the sender is pointed at the wrong environment or endpoint.`,
          },
        });
      }
    }
    return steps;
  },
};

const body: Mistake = {
  dimension: 'body',
  kind: 'body',
  apply: (t) =>
    bodyVariants(t.body).map((v) => ({
      trial: { ...t, body: v.body },
      diagnostic: { code: v.code, message: v.message },
    })),
};

const timestamp: Mistake = {
  dimension: 'timestamp',
  kind: 'timestamp',
  apply: (t, ctx) => {
    if (t.timestamp === undefined || !t.template.includes('{timestamp}')) return [];
    const steps: Step[] = [
      {
        trial: { ...t, template: '{body}' },
        diagnostic: {
          code: 'timestamp-not-signed',
          message: `The signature covers the body alone; this scheme signs "${t.template}", so the timestamp must be part of the signed bytes.`,
        },
      },
    ];
    const ts = Number(t.timestamp);
    if (!Number.isFinite(ts)) return steps;
    const alt = t.timestamp.length >= 13 ? String(Math.floor(ts / 1000)) : String(ts * 1000);
    steps.push({
      trial: { ...t, timestamp: alt },
      diagnostic: {
        code: 'timestamp-unit',
        message: `The signature is valid for timestamp ${alt}: one side counts milliseconds and the other seconds.`,
      },
    });
    if (t.body.length > PAIR_TIMESTAMP_SEARCH_MAX_BODY) return steps;
    const now = Math.floor(ctx.nowSec);
    const tried = new Set<number>([ts]);
    for (let delta = 0; delta <= PAIR_TIMESTAMP_WINDOW; delta++) {
      const around =
        delta <= PAIR_NOW_WINDOW ? [ts - delta, ts + delta, now - delta, now + delta] : [ts - delta, ts + delta];
      for (const candidate of around) {
        if (candidate < 0 || tried.has(candidate)) continue;
        tried.add(candidate);
        steps.push({
          trial: { ...t, timestamp: String(candidate) },
          diagnostic: {
            code: 'timestamp-mismatch',
            message: `The signature is valid for timestamp ${candidate}, ${candidate - ts} s from the one sent: the timestamp was changed after signing.`,
          },
        });
      }
    }
    return steps;
  },
};

/** Every pair, cheapest first; a body change may follow another body change (pretty-printed, then the newline). */
const PAIRS: [Mistake, Mistake][] = [
  [prefix, encoding],
  [prefix, secret],
  [encoding, secret],
  [prefix, timestamp],
  [encoding, timestamp],
  [secret, timestamp],
  [prefix, body],
  [encoding, body],
  [secret, body],
  [body, body],
  [body, timestamp],
];

/** Two mistakes that together explain the signature, named in the order they are best read; undefined when no pair does. */
export function diagnosePair(ctx: ProbeContext): Diagnostic[] | undefined {
  if (ctx.body.length > PAIR_MAX_BODY) return undefined;
  const start: Trial = {
    keys: ctx.keys.flatMap((k) => (k.key ? [k.key] : [])).slice(0, MAX_KEYS_PROBED),
    body: ctx.body,
    timestamp: ctx.timestamp,
    template: ctx.form.signedContent.template,
    tokens: ctx.tokens,
    encoding: ctx.form.digest,
  };
  const cache = new WeakMap<Uint8Array, Uint8Array[]>();
  for (const [first, second] of PAIRS) {
    for (const a of first.apply(start, ctx)) {
      for (const b of second.apply(a.trial, ctx)) {
        // A body change undone by the next one (a newline added, then removed) is no pair.
        if (
          first === second &&
          (a.diagnostic.code === b.diagnostic.code || Buffer.from(b.trial.body).equals(Buffer.from(ctx.body)))
        )
          continue;
        if (b.trial.keys.length === 0 || !matches(ctx, b.trial, cache)) continue;
        return [
          { code: a.diagnostic.code, message: `Two mistakes together explain this signature. ${a.diagnostic.message}` },
          { code: b.diagnostic.code, message: `And: ${b.diagnostic.message}` },
        ];
      }
    }
  }
  return undefined;
}
