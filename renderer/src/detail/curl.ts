import type { CaptureDetail } from '../../../src/shared/capture-types';
import { utf8OrNull } from './bytes';

/** Headers curl writes itself, or that would be wrong when sent to another place. */
const SKIPPED = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'expect']);

/** Characters kept out of $'…' so the command reads the same as it runs (controls, bidi overrides, invisible ones). */
const ESCAPED = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufeff\ufff9-\ufffb]/u;

/** A string in POSIX single quotes. */
export function singleQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A string as a bash ANSI-C $'…' literal: quotes, backslashes and invisible characters escaped, the rest verbatim. */
export function ansiC(text: string): string {
  let out = '';
  for (const ch of text) {
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ESCAPED.test(ch)) for (const b of new TextEncoder().encode(ch)) out += `\\x${b.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `$'${out}'`;
}

/** Quotes an argument: bare when it is a plain word, single quotes when printable, $'…' when it holds something invisible. */
export function shellArg(text: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(text)) return text;
  return ESCAPED.test(text) ? ansiC(text) : singleQuote(text);
}

function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export interface CurlCommand {
  command: string;
  /** What the user should know: a binary body piped through base64, a truncated body. */
  notes: string[];
}

/**
 * A curl command that sends the capture again: same method, URL, headers in
 * their order and case, and the body bytes as received (still encoded when
 * they were gzip/deflate/br). Text bodies go in a $'…' literal; binary ones
 * (or any holding a NUL byte) are piped in from base64.
 */
export function buildCurl(detail: Pick<CaptureDetail, 'method' | 'url' | 'headers' | 'bodyBase64' | 'truncated' | 'bodySize'>, body: Uint8Array): CurlCommand {
  const notes: string[] = [];
  const parts: string[] = ['curl'];
  const hasBody = body.length > 0;
  if (detail.method === 'HEAD') parts.push('--head');
  else if (!(detail.method === 'GET' && !hasBody) && !(detail.method === 'POST' && hasBody)) parts.push(`-X ${shellArg(detail.method)}`);
  if (/[[\]{}]/.test(detail.url)) parts.push('--globoff');
  if (/\/\.\.?(\/|$|\?)/.test(detail.url)) parts.push('--path-as-is');
  parts.push(shellArg(detail.url));
  for (const [name, value] of detail.headers) {
    if (SKIPPED.has(name.toLowerCase())) continue;
    parts.push(`-H ${shellArg(value === '' ? `${name};` : `${name}: ${value}`)}`);
  }
  // curl adds these on its own; `Name:` tells it not to when the original request had none.
  const sent = new Set(detail.headers.map(([name]) => name.toLowerCase()));
  for (const name of hasBody ? ['User-Agent', 'Accept', 'Content-Type'] : ['User-Agent', 'Accept']) {
    if (!sent.has(name.toLowerCase())) parts.push(`-H '${name}:'`);
  }
  let prefix = '';
  if (hasBody) {
    const text = utf8OrNull(body);
    if (text === null) {
      prefix = `printf %s ${singleQuote(base64Of(body))} | base64 -d | `;
      parts.push('--data-binary @-');
      notes.push('The body is binary, so it is piped in from base64.');
    } else {
      parts.push(`--data-binary ${ansiC(text)}`);
    }
  }
  if (detail.truncated) notes.push(`Only the first ${body.length} of ${detail.bodySize} body bytes were kept, so this sends a shorter body.`);
  return { command: prefix + parts.join(' \\\n  '), notes };
}
