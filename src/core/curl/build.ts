import type { HeaderPair } from '../../shared/capture-types';
import { HookscopeError } from '../../shared/errors';
import { isText } from '../capture/decode';
import type { StoredCapture } from '../store/captures';
import { shellString, shellWord, shownWord, wireBytes } from './shell-word';

/**
 * The one cURL builder (the CLI's export, the API's `export.curl`, and Copy as
 * cURL in the UI through `captures.curl`).
 *
 * What curl does with each form, and what is used:
 * - `--data-raw WORD` sends WORD's bytes exactly (no `@file`, no stripping):
 *   every inline body. `--data-binary @FILE` only names a file Hookscope
 *   wrote itself; `--data-binary @-` only reads the base64 pipe this builder
 *   writes. A body never reaches `-d`/`--data` (which reads `@file`), `-F`
 *   (`<file`) or `-K` (config).
 * - `--url WORD` so a URL is never read as an option, `--globoff` so `[]{}`
 *   are not ranges, `--proto =http,https` so a captured `file://`, `dict://`
 *   or `gopher://` URL can neither read a local file nor talk another protocol.
 * - `-H` takes "Name: value" only for a name that is an HTTP token (so never
 *   `@file`) and a value with no control character but tab (so no CR/LF to
 *   add headers); others are left out with a note.
 */

/** Headers a cURL line never copies: they describe the connection or the body framing (curl sets its own). */
const NOT_FOR_CURL = new Set(['connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade']);

/** RFC 9110 token: what a method and a header name are made of. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Field-value bytes HTTP carries: anything but controls (tab allowed) and DEL. */
const BAD_VALUE = /[\u0000-\u0008\u000a-\u001f\u007f]/;
/** URL characters curl refuses (it answers "malformed"): controls, space, DEL. */
const URL_UNSENDABLE = /[\u0000-\u0020\u007f]/g;

/** Linux refuses one argument of 128 KiB or more (E2BIG); longer text goes through a file or a pipe. */
export const MAX_ARGUMENT_BYTES = 100_000;

export type CurlBodyMode =
  /** A body that cannot be an argument goes to a file the caller writes (bodyFile), read with --data-binary @file. */
  | 'file'
  /** ...or is piped in from base64 on the same line (for the clipboard: a browser writes no file). */
  | 'pipe';

export interface CurlOptions {
  body?: CurlBodyMode;
  /**
   * In 'file' mode, the path the command reads the body from (default
   * `hookscope-<id>.body`), or a function that writes the bytes and answers it.
   */
  bodyFileName?: string | ((bytes: Buffer) => string);
}

export interface CurlBuild {
  /** One bash line. */
  command: string;
  /** In 'file' mode, the bytes to write at `name` before running the command. */
  bodyFile: { name: string; bytes: Buffer } | null;
  /** What the user should know, as inert text (no control or invisible character). */
  notes: string[];
}

function has(headers: readonly HeaderPair[], name: string): boolean {
  return headers.some(([n]) => n.toLowerCase() === name);
}

function refuse(capture: StoredCapture, why: string): never {
  throw new HookscopeError('BAD_INPUT', `capture ${capture.id} cannot be written as a cURL command: ${why}`);
}

/** The URL curl is given: control characters and spaces percent-encoded (curl refuses them raw). */
function sendableUrl(capture: StoredCapture, notes: string[]): string {
  const url = capture.url;
  if (!/^https?:\/\/[^/?#\s]/i.test(url)) refuse(capture, `its URL ${shownWord(url, 80)} is not an http(s) URL`);
  const encoded = url.replace(
    URL_UNSENDABLE,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
  if (encoded !== url)
    notes.push(
      'The URL holds spaces or control characters, which HTTP cannot carry as they are: they are sent percent-encoded.',
    );
  if (wireBytes(encoded).length > MAX_ARGUMENT_BYTES)
    refuse(capture, `its URL is longer than ${MAX_ARGUMENT_BYTES} bytes`);
  return encoded;
}

/** The captured headers curl can send, in order; the others named in notes. */
function sendableHeaders(capture: StoredCapture, notes: string[]): HeaderPair[] {
  const kept: HeaderPair[] = [];
  for (const [name, value] of capture.headers) {
    const lower = name.toLowerCase();
    if (NOT_FOR_CURL.has(lower) || lower.startsWith('proxy-')) continue;
    // A Content-Length that does not match the bytes sent (a truncated capture) is left to curl.
    if (lower === 'content-length' && (capture.truncated || Number(value) !== capture.body.length)) continue;
    if (!TOKEN.test(name))
      notes.push(`A header is left out: its name ${shownWord(name, 60)} is not a valid HTTP header name.`);
    else if (BAD_VALUE.test(value))
      notes.push(
        `The header ${shownWord(name)} is left out: its value holds a control character (such as CR, LF or NUL) that HTTP cannot carry.`,
      );
    else if (wireBytes(`${name}: ${value}`).length > MAX_ARGUMENT_BYTES)
      notes.push(`The header ${shownWord(name)} is left out: it is longer than ${MAX_ARGUMENT_BYTES} bytes.`);
    else kept.push([name, value]);
  }
  return kept;
}

function base64Pipe(bytes: Buffer): string {
  return `printf %s ${shellWord(Buffer.from(bytes.toString('base64')))} | base64 -d | `;
}

/**
 * The capture as one bash line that sends it again with curl: its method, URL
 * (as addressed), every header curl can send in the order received (curl's
 * own User-Agent, Accept, Content-Type and Expect suppressed when the capture
 * had none), and the exact body. Throws BAD_INPUT when the capture cannot be
 * sent at all (a method that is not an HTTP token, a URL that is not http(s)).
 */
export function buildCurl(capture: StoredCapture, options: CurlOptions = {}): CurlBuild {
  const notes: string[] = [];
  const { method, body } = capture;
  if (!TOKEN.test(method)) refuse(capture, `its method ${shownWord(method, 40)} is not an HTTP method name`);
  const url = sendableUrl(capture, notes);
  const headers = sendableHeaders(capture, notes);
  const hasBody = body.length > 0;

  const args: string[] = ['curl'];
  if (method === 'HEAD' && !hasBody) args.push('--head');
  else if (method !== 'GET' || hasBody) args.push('-X', shellString(method));
  args.push('--globoff', '--proto', `'=http,https'`);
  if (/\/\.\.?(\/|$|\?)/.test(capture.path)) args.push('--path-as-is');
  args.push('--url', shellString(url));

  for (const [name, value] of headers) args.push('-H', shellString(value === '' ? `${name};` : `${name}: ${value}`));
  if (!has(headers, 'user-agent')) args.push('-H', `'User-Agent:'`);
  if (!has(headers, 'accept')) args.push('-H', `'Accept:'`);
  if (hasBody && !has(headers, 'content-type')) args.push('-H', `'Content-Type:'`);
  if (hasBody && body.length > 1024 && !has(headers, 'expect')) args.push('-H', `'Expect:'`);

  let prefix = '';
  let bodyFile: CurlBuild['bodyFile'] = null;
  if (hasBody) {
    const inline = isText(body) && body.length <= MAX_ARGUMENT_BYTES;
    if (inline) args.push('--data-raw', shellWord(body));
    else if (options.body === 'pipe') {
      prefix = base64Pipe(body);
      args.push('--data-binary', '@-');
      notes.push(
        `The body ${isText(body) ? `is longer than ${MAX_ARGUMENT_BYTES} bytes` : 'is binary (not UTF-8 text, or it holds a NUL byte)'}, so the line pipes it in from base64 (a browser cannot write a file for it).`,
      );
    } else {
      const place = options.bodyFileName ?? `hookscope-${capture.id}.body`;
      const name = typeof place === 'function' ? place(body) : place;
      bodyFile = { name, bytes: body };
      args.push('--data-binary', shellWord(Buffer.from(`@${name}`, 'utf8')));
    }
  }
  if (capture.truncated)
    notes.push(
      `Only the first ${body.length} of ${capture.bodySize} body bytes were kept, so this sends a shorter body.`,
    );
  return { command: prefix + args.join(' '), bodyFile, notes };
}
