/**
 * Is a JSON text exactly what `JSON.stringify(JSON.parse(text))` gives back?
 * ClickDefender's two documented handlers disagree on any text that is not:
 * the Node example hashes the re-serialized body, the Python one the raw
 * text, so a pretty-printed or hand-escaped payload passes one and fails the
 * other. Pure and iterative (the text is measured before anything recursive
 * meets it); shared by `hookscope send` and the Sender's editor.
 */
import { jsonNestingDepth, MAX_JSON_DEPTH } from './json-depth';
import type { ProviderDefinition } from './providers';

export type CanonicalProblemKind = 'whitespace' | 'escape' | 'duplicate-key' | 'number' | 'other';

export interface CanonicalProblem {
  kind: CanonicalProblemKind;
  /** One sentence, with the first offending spot. */
  message: string;
}

export type CanonicalJsonCheck =
  /** Not JSON, or nested deeper than MAX_JSON_DEPTH: another check's business. */
  | { json: false }
  | { json: true; canonical: true; problems: [] }
  | { json: true; canonical: false; problems: CanonicalProblem[]; compact: string };

const MESSAGES: Record<CanonicalProblemKind, string> = {
  whitespace: 'it has whitespace between tokens (pretty-printed)',
  escape: 'a string is escaped differently from JSON.stringify',
  'duplicate-key': 'an object repeats a key (JSON.parse keeps the last one)',
  number: 'a number is written differently from how JSON.stringify writes it',
  other: 'it differs from its JSON.stringify form',
};

function clip(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}...` : text);
}

interface Frame {
  object: boolean;
  keys: Set<string>;
  expectKey: boolean;
}

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** The ways `text` (valid JSON) departs from its compact form, first spot of each kind. */
function scan(text: string): CanonicalProblem[] {
  const found = new Map<CanonicalProblemKind, string>();
  const note = (kind: CanonicalProblemKind, where: string) => {
    if (!found.has(kind)) found.set(kind, where);
  };
  const stack: Frame[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      note('whitespace', `at offset ${i}`);
      i++;
    } else if (c === '{' || c === '[') {
      stack.push({ object: c === '{', keys: new Set(), expectKey: c === '{' });
      i++;
    } else if (c === '}' || c === ']') {
      stack.pop();
      i++;
    } else if (c === ',') {
      const top = stack.at(-1);
      if (top?.object) top.expectKey = true;
      i++;
    } else if (c === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const literal = text.slice(i, end + 1);
      const value = JSON.parse(literal) as string;
      if (JSON.stringify(value) !== literal) note('escape', `in ${clip(literal)}`);
      const top = stack.at(-1);
      if (top?.object && top.expectKey) {
        if (top.keys.has(value)) note('duplicate-key', `key ${clip(value)}`);
        top.keys.add(value);
        top.expectKey = false;
      }
      i = end + 1;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      const token = NUMBER.exec(text)?.[0] ?? c;
      if (JSON.stringify(Number(token)) !== token) note('number', `${token} becomes ${JSON.stringify(Number(token))}`);
      i += token.length;
    } else {
      i++; // ':' and the letters of true, false, null
    }
  }
  return [...found].map(([kind, where]) => ({ kind, message: `${MESSAGES[kind]}: ${where}` }));
}

export function checkCanonicalJson(text: string): CanonicalJsonCheck {
  if (jsonNestingDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) return { json: false };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { json: false };
  }
  const compact = JSON.stringify(parsed);
  if (compact === text) return { json: true, canonical: true, problems: [] };
  const problems = scan(text);
  return {
    json: true,
    canonical: false,
    problems: problems.length ? problems : [{ kind: 'other', message: MESSAGES.other }],
    compact,
  };
}

/** A provider whose documented handlers disagree on what they hash (ClickDefender: re-serialized in Node, raw text in Python). */
export function handlersDisagreeOnNonCanonical(provider: ProviderDefinition | undefined): boolean {
  return !!provider?.signature.forms.some(
    (f) => f.signedContent.bodyForms.includes('re-serialized') && f.signedContent.bodyForms.includes('raw'),
  );
}

/** The warning for `text` sent as is to `provider`'s handlers, with the compact form that fixes it; null when they agree on it. */
export function canonicalWarningFor(
  provider: ProviderDefinition | undefined,
  text: string,
): { message: string; compact: string } | null {
  if (!handlersDisagreeOnNonCanonical(provider)) return null;
  const check = checkCanonicalJson(text);
  return check.json && !check.canonical
    ? { message: canonicalJsonWarning(check.problems), compact: check.compact }
    : null;
}

/** The warning shown for a ClickDefender payload that is not canonical. */
export function canonicalJsonWarning(problems: CanonicalProblem[]): string {
  return (
    `ClickDefender's documented handlers will disagree on this payload: the Node example verifies JSON.stringify(req.body), ` +
    `the Python one the raw text, and this text is not compact JSON (${problems.map((p) => p.message).join('; ')}). ` +
    'Compact it (send --compact, or Compact in the Sender) so that both accept it.'
  );
}
