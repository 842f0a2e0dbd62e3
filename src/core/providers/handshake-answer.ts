/**
 * Judges a handler's answer to a handshake: right, or what exactly was wrong
 * ("answered 200 but the body was {...}; Zoom expects ... encryptedToken =
 * hex HMAC-SHA256(secret, payload.plainToken) = "ab12..."").
 * Pure: the expected values were worked out when the request was built
 * (handshake.ts). The handler's bytes are quoted as JSON strings, never raw.
 */
import { firstHeader } from './headers';
import { getPath } from './json-path';
import { parseJsonBody, toText } from './bytes';
import type { ExpectedAnswer, ExpectedCheck } from './handshake';

export interface AnswerSeen {
  status: number;
  headers: readonly [string, string][];
  body: Uint8Array;
}

export interface HandshakeVerdict {
  ok: boolean;
  /** What was wrong and what a right answer is; null when right. */
  problem: string | null;
  /** Recommended parts the answer lacked (it still counts). */
  advisories: string[];
}

const QUOTE_LIMIT = 200;

/** A JSON value from the handler, bounded (it is JSON text: its strings are quoted and escaped). */
function bounded(json: string): string {
  return json.length > QUOTE_LIMIT ? `${json.slice(0, QUOTE_LIMIT)}...` : json;
}

/** A value from the handler as an inert, bounded JSON string. */
export function quote(text: string): string {
  return JSON.stringify(text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT)}...` : text);
}

function statusOk(expect: ExpectedAnswer, status: number): boolean {
  return expect.status === '2xx' ? status >= 200 && status <= 299 : expect.status.includes(status);
}

function statusText(expect: ExpectedAnswer): string {
  return expect.status === '2xx' ? 'a 2xx status' : `status ${expect.status.join(' or ')}`;
}

function target(check: ExpectedCheck): string {
  if (check.in === 'text') return 'the body';
  if (check.in === 'json') return `JSON field ${check.path}`;
  if (check.in === 'form') return `form field ${check.name}`;
  return `header ${check.name}`;
}

/** `JSON field encryptedToken = hex HMAC-SHA256(secret, payload.plainToken) = "ab12..."`. */
export function describeCheck(check: ExpectedCheck): string {
  const value = JSON.stringify(check.expected);
  const how = check.how === value ? '' : ` = ${check.how}`;
  const media = check.in === 'header' && check.match === 'media-type' ? ' (media type)' : '';
  return `${target(check)}${media}${how} = ${value}`;
}

function mediaType(value: string): string {
  return value.split(';')[0].trim().toLowerCase();
}

/** What is wrong with one check, or null when it holds. */
function miss(check: ExpectedCheck, seen: AnswerSeen, text: string): string | null {
  const expected = check.expected;
  switch (check.in) {
    case 'text':
      return text === String(expected) ? null : `the body was ${quote(text)}`;
    case 'json': {
      const parsed = parseJsonBody(seen.body);
      if (!parsed) return `the body was not JSON: ${quote(text)}`;
      const actual = getPath(parsed.value, check.path);
      if (actual === undefined) return `the body ${quote(text)} has no field ${check.path}`;
      if (actual === expected) return null;
      return `${check.path} was ${typeof actual === 'string' ? quote(actual) : bounded(JSON.stringify(actual))}`;
    }
    case 'form': {
      const value = new URLSearchParams(text).get(check.name);
      if (value === null) return `the body ${quote(text)} has no form field ${check.name}`;
      return value === String(expected) ? null : `form field ${check.name} was ${quote(value)}`;
    }
    default: {
      const value = firstHeader(seen.headers, check.name);
      if (value === undefined) return `the ${check.name} header was missing`;
      const same =
        check.match === 'media-type' ? mediaType(value) === mediaType(String(expected)) : value === String(expected);
      return same ? null : `the ${check.name} header was ${quote(value)}`;
    }
  }
}

/**
 * How far an answer is from a check: a wrong value is near (1), a wrong shape
 * (no such field, not JSON, JSON where text was expected) far (2), so the
 * message explains the form the handler meant to answer in.
 */
function weight(check: ExpectedCheck, wrong: string, text: string): number {
  if (check.in === 'text') return /^\s*[[{]/.test(text) ? 2 : 1;
  return / has no |not JSON|was missing$/.test(wrong) ? 2 : 1;
}

/** Right when the status is one the provider takes and every check of one alternative holds. */
export function judgeHandshakeAnswer(expect: ExpectedAnswer, seen: AnswerSeen): HandshakeVerdict {
  const text = toText(seen.body);
  const advisories = expect.advisory.flatMap((check) => {
    const wrong = miss(check, seen, text);
    return wrong ? [`${wrong}; ${expect.provider} recommends ${describeCheck(check)}`] : [];
  });
  const tried = expect.anyOf.map((checks) => {
    const misses = checks.flatMap((c) => {
      const wrong = miss(c, seen, text);
      return wrong ? [{ wrong, weight: weight(c, wrong, text) }] : [];
    });
    return { checks, misses: misses.map((m) => m.wrong), weight: misses.reduce((n, m) => n + m.weight, 0) };
  });
  const statusRight = statusOk(expect, seen.status);
  const right = tried.find((t) => t.misses.length === 0);
  if (statusRight && right) return { ok: true, problem: null, advisories };
  // The alternative closest to what was answered names the problem.
  const closest = tried.reduce((a, b) => (b.weight < a.weight ? b : a), tried[0]);
  const wrongs = [...(statusRight ? [] : [`${statusText(expect)} was expected`]), ...(closest?.misses ?? [])];
  const expectation = closest?.checks.length ? `: ${closest.checks.map(describeCheck).join(', ')}` : '';
  const others =
    tried.length > 1 ? ` (${tried.length - 1} other accepted form${tried.length > 2 ? 's' : ''}; see its notes)` : '';
  return {
    ok: false,
    problem: `answered ${seen.status} but ${wrongs.join('; ')}; ${expect.provider} expects ${expect.summary}${expectation}${others}`,
    advisories,
  };
}
