import type { HeaderPair } from '../../shared/capture-types';
import type { CurlExport } from '../../shared/replay-types';
import { isText } from '../capture/decode';
import type { StoredCapture } from '../store/captures';

/** Headers a cURL line never copies: they describe the connection or the body framing (curl sets its own). */
const NOT_FOR_CURL = new Set(['connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade']);

/** Quotes a string for a POSIX shell: single quotes, each inner quote written as '\''. */
export function shellQuote(value: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function has(headers: readonly HeaderPair[], name: string): boolean {
  return headers.some(([n]) => n.toLowerCase() === name);
}

export interface CurlOptions {
  /** The path the command reads a binary body from; default `hookscope-<id>.body`. */
  bodyFileName?: string;
}

/**
 * The capture as a cURL command line: its method, URL (as addressed), every
 * header curl can send in the order received (curl's own User-Agent, Accept,
 * Content-Type and Expect suppressed when the capture had none), and the exact
 * body: inline (shell-quoted, --data-binary) when it is text, else read from a
 * file with --data-binary @file.
 */
export function toCurl(capture: StoredCapture, options: CurlOptions = {}): CurlExport {
  const args: string[] = ['curl'];
  const body = capture.body;
  const method = capture.method;
  const headers = capture.headers.filter(([name, value]) => {
    const lower = name.toLowerCase();
    if (NOT_FOR_CURL.has(lower) || lower.startsWith('proxy-')) return false;
    // A Content-Length that does not match the bytes sent (a truncated capture) is left to curl.
    if (lower === 'content-length') return !capture.truncated && Number(value) === body.length;
    return true;
  });

  if (method === 'HEAD') args.push('--head');
  else if (method !== 'GET' || body.length > 0) args.push('-X', shellQuote(method));
  const url = capture.url;
  if (/[[\]{}]/.test(url)) args.push('--globoff');
  if (/\/\.\.?(\/|$|\?)/.test(capture.path)) args.push('--path-as-is');
  args.push(shellQuote(url));

  for (const [name, value] of headers) args.push('-H', shellQuote(value === '' ? `${name};` : `${name}: ${value}`));
  const hasBody = body.length > 0;
  if (!has(headers, 'user-agent')) args.push('-H', shellQuote('User-Agent:'));
  if (!has(headers, 'accept')) args.push('-H', shellQuote('Accept:'));
  if (hasBody && !has(headers, 'content-type')) args.push('-H', shellQuote('Content-Type:'));
  if (hasBody && body.length > 1024 && !has(headers, 'expect')) args.push('-H', shellQuote('Expect:'));

  let bodyFile: CurlExport['bodyFile'] = null;
  if (hasBody) {
    if (isText(body)) {
      const text = body.toString('utf8');
      // --data-binary reads a file when its value starts with @; --data-raw never does.
      args.push(text.startsWith('@') ? '--data-raw' : '--data-binary', `'${text.replace(/'/g, `'\\''`)}'`);
    } else {
      const name = options.bodyFileName ?? `hookscope-${capture.id}.body`;
      bodyFile = { name, bodyBase64: body.toString('base64') };
      args.push('--data-binary', shellQuote(`@${name}`));
    }
  }
  return { command: args.join(' '), bodyFile };
}
