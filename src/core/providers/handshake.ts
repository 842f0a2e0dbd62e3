/**
 * Handshakes as the sender plays them: the request a provider sends before
 * events flow (Zoom's URL validation, Slack's url_verification, Asana's
 * X-Hook-Secret, Dropbox's GET ?challenge=...), built from the event's sample
 * (the delivery's body, so every attempt carries the same values), and the
 * answer it expects, with every value worked out (an HMAC with the secret
 * included), for handshake-answer.ts to judge.
 */
import { createHmac } from 'node:crypto';
import type { Handshake, HandshakeCheck, HandshakeValue, ProviderDefinition } from '../../shared/providers';
import { HookscopeError } from '../../shared/errors';
import { parseJsonBody, utf8 } from './bytes';
import { firstHeader } from './headers';
import { getPath } from './json-path';
import { buildOutgoingRequest, type OutgoingInput } from './outgoing';

/** A check with its expected value worked out, and how that value was made (for the message). */
export type ExpectedCheck = HandshakeCheck extends infer C
  ? C extends HandshakeCheck
    ? Omit<C, 'value'> & {
        expected: string | number | boolean;
        /** `hex HMAC-SHA256(secret, plainToken)`, `the challenge query parameter`... */
        how: string;
      }
    : never
  : never;

/** What a correct answer to one handshake request is, with concrete values. */
export interface ExpectedAnswer {
  provider: string;
  eventType: string;
  status: '2xx' | number[];
  anyOf: ExpectedCheck[][];
  advisory: ExpectedCheck[];
  summary: string;
  afterFailure: string;
}

export interface HandshakeRequest {
  method: 'POST' | 'GET';
  headers: [string, string][];
  body: Uint8Array;
  /** Query parameters to add to the handler's URL. */
  query: [string, string][];
  expect: ExpectedAnswer;
}

/** The handshake of an event type, when the event is one. */
export function handshakeOf(provider: ProviderDefinition, eventType: string): Handshake | undefined {
  return provider.events.find((e) => e.type === eventType)?.handshake;
}

/** The event types of a provider that are handshakes. */
export function handshakeTypes(provider: ProviderDefinition): string[] {
  return provider.events.filter((e) => e.handshake).map((e) => e.type);
}

/** The first event type that is not a handshake (what the handler check builds its scenarios from). */
export function firstRegularEvent(provider: ProviderDefinition): string {
  return (provider.events.find((e) => !e.handshake) ?? provider.events[0]).type;
}

const HMAC_NAMES = { 'hmac-sha256': 'HMAC-SHA256', 'hmac-sha1': 'HMAC-SHA1', 'hmac-sha512': 'HMAC-SHA512' } as const;

interface Sources {
  sample: unknown;
  query: Map<string, string>;
  headers: [string, string][];
  secret: string;
}

function scalar(value: unknown): string | number | boolean | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : undefined;
}

/** A value and the words for where it came from; throws BAD_INPUT when the sample lacks it. */
function resolve(
  source: HandshakeValue,
  from: Sources,
  what: string,
): { value: string | number | boolean; how: string } {
  let value: string | number | boolean | undefined;
  let how: string;
  switch (source.from) {
    case 'sample':
      value = scalar(getPath(from.sample, source.path ?? ''));
      how = source.path ?? '';
      break;
    case 'query':
      value = from.query.get(source.name ?? '');
      how = `the ${source.name} query parameter`;
      break;
    case 'header':
      value = firstHeader(from.headers, source.name ?? '');
      how = `the ${source.name} request header`;
      break;
    case 'secret':
      value = from.secret;
      how = 'the secret';
      break;
    default:
      value = source.value;
      how = JSON.stringify(source.value);
  }
  if (value === undefined) {
    throw new HookscopeError('BAD_INPUT', `the handshake's ${what} comes from ${how}, which the event does not have`);
  }
  if (!source.hmac) return { value, how };
  const hash = source.hmac.algorithm.replace('hmac-', '');
  const digest = createHmac(hash, utf8(from.secret))
    .update(utf8(String(value)))
    .digest(source.hmac.digest);
  return { value: digest, how: `${source.hmac.digest} ${HMAC_NAMES[source.hmac.algorithm]}(secret, ${how})` };
}

function expectCheck(check: HandshakeCheck, from: Sources): ExpectedCheck {
  const { value, how } = resolve(check.value, from, `expected ${check.in}`);
  const { value: _source, ...rest } = check;
  return { ...rest, expected: value, how } as ExpectedCheck;
}

function sourcesOf(handshake: Handshake, body: Uint8Array, secret: string): Sources {
  const from: Sources = { sample: parseJsonBody(body)?.value, query: new Map(), headers: [], secret };
  for (const [name, source] of Object.entries(handshake.request.query))
    from.query.set(name, String(resolve(source, from, `${name} query parameter`).value));
  return from;
}

/** The query parameters of a handshake whose sample (the delivery's body) is `body`. */
export function handshakeQuery(handshake: Handshake, body: Uint8Array, secret: string): [string, string][] {
  return [...sourcesOf(handshake, body, secret).query];
}

/**
 * The request of a handshake event and its expected answer. `input.payload`
 * is the delivery's body (the event's sample); signed handshakes carry the
 * provider's signature headers, made exactly as for an event.
 */
export function buildHandshakeRequest(
  provider: ProviderDefinition,
  handshake: Handshake,
  input: OutgoingInput & { payload: Uint8Array },
): HandshakeRequest {
  const from = sourcesOf(handshake, input.payload, input.secret);
  const spec = handshake.request;
  const body = spec.body === 'sample' ? input.payload : new Uint8Array();
  const extra = spec.headers.map((h): [string, string] => [
    h.name,
    String(resolve(h.value, from, `${h.name} header`).value),
  ]);
  const replaced = new Set(extra.map(([n]) => n.toLowerCase()));
  const base = spec.signed
    ? buildOutgoingRequest(provider, { ...input, payload: body }).headers
    : provider.headers.flatMap((h): [string, string][] =>
        h.value.kind === 'static' && !(spec.body === 'none' && h.name.toLowerCase() === 'content-type')
          ? [[h.name, h.value.value]]
          : [],
      );
  const headers = [...base.filter(([n]) => !replaced.has(n.toLowerCase())), ...extra];
  from.headers = headers;
  const answer = handshake.answer;
  return {
    method: spec.method,
    headers,
    body,
    query: [...from.query],
    expect: {
      provider: provider.name,
      eventType: input.eventType,
      status: answer.status,
      anyOf: answer.anyOf.map((all) => all.map((c) => expectCheck(c, from))),
      advisory: answer.advisory.map((c) => expectCheck(c, from)),
      summary: answer.summary,
      afterFailure: answer.afterFailure,
    },
  };
}

/** The handler's URL with the handshake's query parameters added (Dropbox's ?challenge=...). */
export function withQuery(url: string, query: readonly [string, string][]): string {
  if (query.length === 0) return url;
  const target = new URL(url);
  for (const [name, value] of query) target.searchParams.append(name, value);
  return target.toString();
}
