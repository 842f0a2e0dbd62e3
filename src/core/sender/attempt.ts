import http, { type Agent as HttpAgent } from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { HookscopeError } from '../../shared/errors';
import { classifyNetworkError, describeError, isSuccess } from './classify';
import type { AttemptOptions, AttemptResult, ErrorKind, HeaderPair, PreparedRequest } from './types';

/** How much of a response body an attempt keeps. */
export const RESPONSE_BODY_LIMIT = 64 * 1024;

/** Parses a target URL; only http and https are sendable. */
export function parseTargetUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new HookscopeError('BAD_INPUT', `"${url}" is not a URL`, { url });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new HookscopeError('BAD_INPUT', `"${url}" is not an http or https URL`, { url });
  }
  return parsed;
}

function has(headers: HeaderPair[], name: string): boolean {
  const lower = name.toLowerCase();
  return headers.some(([n]) => n.toLowerCase() === lower);
}

/**
 * The headers as they go on the wire: the prepared ones, plus Host,
 * Content-Length and Connection when absent (`close`: a fresh connection per
 * attempt; `keep-alive` when the attempt reuses open connections).
 */
function wireHeaders(target: URL, request: PreparedRequest, keepAlive: boolean): HeaderPair[] {
  const headers = [...request.headers];
  if (!has(headers, 'host')) headers.push(['Host', target.host]);
  if (!has(headers, 'content-length') && !has(headers, 'transfer-encoding')) {
    headers.push(['Content-Length', String(request.body.byteLength)]);
  }
  if (!has(headers, 'connection')) headers.push(['Connection', keepAlive ? 'keep-alive' : 'close']);
  return headers;
}

function pairs(raw: string[]): HeaderPair[] {
  const out: HeaderPair[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i], raw[i + 1]]);
  return out;
}

const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * Refuses, before anything is sent or scheduled, a method or header that
 * node:http would throw on (a capture imported or edited with control
 * characters in them): a clear BAD_INPUT instead of a TypeError thrown past
 * the attempt's timer.
 */
function assertSendable(method: string, headers: HeaderPair[]): void {
  if (!HTTP_TOKEN.test(method))
    throw new HookscopeError(
      'BAD_INPUT',
      `the method ${JSON.stringify(method)} cannot be sent over HTTP (it is not a token)`,
    );
  for (const [name, value] of headers) {
    try {
      http.validateHeaderName(name);
      http.validateHeaderValue(name, value);
    } catch {
      throw new HookscopeError(
        'BAD_INPUT',
        `the header ${JSON.stringify(`${name}: ${value}`)} cannot be sent over HTTP (a character HTTP does not allow)`,
      );
    }
  }
}

/** A kept-alive connection the server had closed meanwhile: tried again on another (at most this many times in all). */
const MAX_TRIES_ON_STALE_CONNECTIONS = 3;

/**
 * One HTTP exchange with node:http(s): by default a fresh connection, closed
 * after it (a provider's delivery); with `options.keepAlive`, a connection
 * kept open by those agents (forwarding), tried again on another when a
 * reused one turns out to have been closed by the server before any answer.
 * The timeout is real time and covers the whole exchange; when it strikes after
 * the status line arrived, the status decides and the body is kept as far as
 * it came. Network faults resolve with an errorKind; only a URL that is not
 * http(s), or a method or header HTTP cannot carry, throws (BAD_INPUT), synchronously.
 */
export function performAttempt(url: string, request: PreparedRequest, options: AttemptOptions): Promise<AttemptResult> {
  const target = parseTargetUrl(url);
  const agent = options.keepAlive
    ? target.protocol === 'https:'
      ? options.keepAlive.https
      : options.keepAlive.http
    : false;
  const headers = wireHeaders(target, request, agent !== false);
  assertSendable(request.method, headers);
  const sent: PreparedRequest = { method: request.method, headers, body: request.body };
  const started = performance.now();
  const attempt = async (tries: number): Promise<AttemptResult> => {
    const elapsed = performance.now() - started;
    const { result, staleConnection } = await exchange(
      target,
      sent,
      options,
      agent,
      started,
      options.timeoutMs - elapsed,
    );
    return staleConnection && tries < MAX_TRIES_ON_STALE_CONNECTIONS ? attempt(tries + 1) : result;
  };
  return attempt(1);
}

/** One request on one connection; `staleConnection`: a reused connection failed before any answer (nothing was processed). */
function exchange(
  target: URL,
  sent: PreparedRequest,
  options: AttemptOptions,
  agent: HttpAgent | false,
  started: number,
  timeoutMs: number,
): Promise<{ result: AttemptResult; staleConnection: boolean }> {
  const transport = target.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let status: number | null = null;
    let responseHeaders: HeaderPair[] = [];
    const chunks: Buffer[] = [];
    let kept = 0;
    let responseSize = 0;
    let settled = false;
    let res: http.IncomingMessage | undefined;

    const finish = (errorKind: ErrorKind | null, errorMessage: string | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      // A kept-alive connection whose exchange ended normally is already back with its agent; this closes any other.
      req.destroy();
      res?.destroy();
      // Once the status line is in, the status decides; a late fault is only noted.
      const kind = status !== null ? (isSuccess(status, options.success) ? null : 'status') : errorKind;
      resolve({
        result: {
          ok: kind === null && status !== null,
          request: sent,
          status,
          responseHeaders,
          responseBody: new Uint8Array(Buffer.concat(chunks)),
          responseSize,
          durationMs: Math.round(performance.now() - started),
          errorKind: kind,
          errorMessage,
        },
        staleConnection: status === null && kind === 'connection-reset' && req.reusedSocket && !options.signal?.aborted,
      });
    };

    const onAbort = (): void => finish('interrupted', 'the attempt was cut short by the sender stopping');
    const timer = setTimeout(
      () => {
        const what = status === null ? 'no response' : 'the response body did not complete';
        finish('timeout', `${what} within ${options.timeoutMs} ms`);
      },
      Math.max(0, timeoutMs),
    );

    const flat = sent.headers.flatMap(([n, v]) => [n, v]);
    const req = transport.request({
      protocol: target.protocol,
      hostname: target.hostname.replace(/^\[|\]$/g, ''),
      port: target.port || undefined,
      path: `${target.pathname}${target.search}`,
      method: sent.method,
      headers: flat as unknown as http.OutgoingHttpHeaders,
      setHost: false,
      agent,
    });
    req.on('error', (error) => finish(classifyNetworkError(error), describeError(error)));
    req.on('response', (response) => {
      res = response;
      status = response.statusCode ?? null;
      responseHeaders = pairs(response.rawHeaders);
      response.on('data', (chunk: Buffer) => {
        responseSize += chunk.length;
        if (kept < RESPONSE_BODY_LIMIT) {
          const part = chunk.subarray(0, RESPONSE_BODY_LIMIT - kept);
          chunks.push(part);
          kept += part.length;
        }
      });
      response.on('end', () => finish(null, null));
      response.on('error', (error) => finish(null, `response body cut short: ${describeError(error)}`));
      response.on('aborted', () => finish(null, 'response body cut short: connection closed'));
    });

    if (options.signal?.aborted) {
      onAbort();
      return;
    }
    options.signal?.addEventListener('abort', onAbort, { once: true });
    req.end(Buffer.from(sent.body.buffer, sent.body.byteOffset, sent.body.byteLength));
  });
}
