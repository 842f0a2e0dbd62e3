import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { CaptureResponse, Endpoint } from '../../shared/capture-types';
import type { ProxyAnswer } from '../capture/server';
import type { ReplayErrorKind } from '../../shared/replay-types';
import type { Clock } from '../clock';
import { isText } from '../capture/decode';
import type { NewCapture } from '../store/captures';
import type { ReplayRepo, StoredReplay } from '../store/replays';
import { RESPONSE_BODY_LIMIT } from '../sender/attempt';
import type { AttemptFn, AttemptResult, KeepAliveAgents } from '../sender/types';
import { createForwardRecords, type ForwardRecordsDeps } from './forward-records';
import { answerHeaders, copyableHeaders, firstValue, setHeader } from './headers';
import { replayRow } from './replay';
import { joinTarget, pathSuffix } from './target';

/** Marks a forwarded request with its hop count, so a forward that comes back to Hookscope stops. */
export const FORWARDED_HEADER = 'X-Hookscope-Forwarded';
export const MAX_FORWARD_HOPS = 5;
export const DEFAULT_FORWARD_TIMEOUT_MS = 30_000;
/** An idle connection to a forward target is closed after this long (a server's own hint, when shorter, wins). */
export const FORWARD_IDLE_MS = 4000;

export interface ForwarderDeps {
  replays: Pick<ReplayRepo, 'add' | 'get'>;
  /** Records the answer actually given by a proxying endpoint. */
  setResponse(id: number, response: CaptureResponse): void;
  /** Runs `work` in one write transaction: a turn's forward records are stored together. */
  transaction<T>(work: () => T): T;
  /** The capture writer, whose transactions the records join when captures are being committed (forward-records.ts). */
  alongside?: ForwardRecordsDeps['alongside'];
  /** Whether anyone hears of records (onRecorded); nobody listening, a record is not read back. */
  listening?(): boolean;
  clock: Clock;
  attempt: AttemptFn;
  timeoutMs?: number;
  onRecorded?(replay: StoredReplay): void;
  onError?(error: unknown): void;
}

export type Forwarder = ReturnType<typeof createForwarder>;

function oneLine(status: number, text: string): ProxyAnswer {
  return { status, headers: [['Content-Type', 'text/plain; charset=utf-8']], body: Buffer.from(`${text}\n`) };
}

/**
 * Live forwarding: each committed capture of an endpoint with a forward URL is
 * sent there as captured (path suffix and query appended), and the target's
 * answer recorded as a 'forward' replay. In proxy mode the target's answer
 * (or a 502 naming why there is none) is what the original sender gets.
 */
export function createForwarder(deps: ForwarderDeps) {
  const inFlight = new Map<AbortController, Promise<unknown>>();
  let closing = false;
  /**
   * Connections to forward targets stay open between forwards: a proxy in front
   * of a handler does not pay a new connection per request. (The sender and
   * replays open a fresh one each time, as a provider does.)
   */
  const keepAlive: KeepAliveAgents = {
    http: new HttpAgent({ keepAlive: true, scheduling: 'lifo', timeout: FORWARD_IDLE_MS }),
    https: new HttpsAgent({ keepAlive: true, scheduling: 'lifo', timeout: FORWARD_IDLE_MS }),
  };
  /** The records of a turn's forwards, committed together after it (forward-records.ts). */
  const records = createForwardRecords(deps);

  /** What a proxying endpoint answers, and that answer as the capture's stored response. */
  function answer(a: ProxyAnswer, reason: string): { answer: ProxyAnswer; given: CaptureResponse } {
    const body = isText(a.body)
      ? a.body.toString('utf8')
      : `(${a.body.length} bytes of binary data, kept with the forward record)`;
    return { answer: a, given: { kind: 'answered', status: a.status, headers: a.headers, body, delayMs: 0, reason } };
  }

  /** What a proxying endpoint answers after an exchange with its target. */
  function proxied(url: string, result: AttemptResult): { answer: ProxyAnswer; given: CaptureResponse } {
    if (result.status === null) {
      const kind: ReplayErrorKind = result.errorKind ?? 'network';
      const detail = result.errorMessage ? ` (${result.errorMessage})` : '';
      return answer(
        oneLine(502, `hookscope could not get an answer from ${url}: ${kind}${detail}`),
        `forward target failed: ${kind}`,
      );
    }
    if (result.responseSize > RESPONSE_BODY_LIMIT) {
      const reason = `the answer from ${url} has a ${result.responseSize}-byte body, more than the ${RESPONSE_BODY_LIMIT} bytes a proxying endpoint passes back`;
      return answer(oneLine(502, `hookscope: ${reason}`), reason);
    }
    const passed = {
      status: result.status,
      headers: answerHeaders(result.responseHeaders),
      body: Buffer.from(result.responseBody),
    };
    return answer(passed, `proxied from ${url}`);
  }

  async function send(
    id: number,
    row: NewCapture,
    endpoint: Endpoint,
    signal: AbortSignal,
  ): Promise<ProxyAnswer | undefined> {
    const proxy = endpoint.forwardMode === 'proxy';
    const sentAt = deps.clock.now();
    const hops = Number(firstValue(row.headers, FORWARDED_HEADER) ?? 0) || 0;
    const base = endpoint.forwardUrl as string;
    let url = base;
    let badUrl = false;
    try {
      url = joinTarget(base, pathSuffix(row.path, endpoint.slug), row.query);
    } catch {
      badUrl = true;
    }
    const headers = setHeader(copyableHeaders(row.headers), FORWARDED_HEADER, String(hops + 1));
    const plan = {
      url,
      method: row.method,
      headers,
      body: row.body,
      edited: false,
      resigned: null,
      warnings: [] as string[],
    };
    // The capture's response is stored in the same transaction as the forward's record, so whoever hears of the record sees both.
    const notSent = (reason: string, status: number | null): ProxyAnswer | undefined => {
      const given =
        proxy && status !== null
          ? answer(oneLine(status, `hookscope did not forward this request: ${reason}`), reason)
          : undefined;
      records.add({
        replay: replayRow(id, 'forward', plan, sentAt, { errorKind: 'not-sent', errorMessage: reason }),
        given: given?.given,
      });
      return given?.answer;
    };

    // A truncated or aborted body cannot be sent as it was; the sender gets the planned answer (413, or none).
    if (row.error !== null) return notSent(`the request was not received whole (${row.error})`, null);
    if (badUrl) return notSent(`the forward URL "${base}" is not a URL`, 502);
    if (hops >= MAX_FORWARD_HOPS)
      return notSent(`it has already been forwarded ${hops} times (a forwarding loop?)`, 508);

    const result = await deps.attempt(
      url,
      { method: row.method, headers, body: row.body },
      {
        timeoutMs: deps.timeoutMs ?? DEFAULT_FORWARD_TIMEOUT_MS,
        success: '2xx',
        signal,
        keepAlive,
      },
    );
    const given = proxy ? proxied(url, result) : undefined;
    records.add({ replay: replayRow(id, 'forward', plan, sentAt, result), given: given?.given });
    return given?.answer;
  }

  return {
    /** The capture server's hook: called after the row is committed, for endpoints with a forward URL. Never rejects. */
    async forward(id: number, row: NewCapture, endpoint: Endpoint): Promise<ProxyAnswer | undefined> {
      if (closing || !endpoint.forwardUrl) return undefined;
      const controller = new AbortController();
      const running = send(id, row, endpoint, controller.signal).catch((error: unknown) => {
        deps.onError?.(error);
        return endpoint.forwardMode === 'proxy'
          ? oneLine(502, `hookscope failed forwarding this request: ${(error as Error).message}`)
          : undefined;
      });
      inFlight.set(controller, running);
      try {
        return await running;
      } finally {
        inFlight.delete(controller);
      }
    },
    get inFlight(): number {
      return inFlight.size;
    },
    /** Stops forwarding; waits up to `graceMs` for forwards under way, then cuts them short (recorded as interrupted). */
    async close(graceMs = 2000): Promise<void> {
      closing = true;
      if (inFlight.size > 0) {
        const pending = [...inFlight.values()];
        let timer: NodeJS.Timeout | undefined;
        const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
        await Promise.race([Promise.allSettled(pending), grace]);
        clearTimeout(timer);
        for (const controller of inFlight.keys()) controller.abort();
        await Promise.allSettled(pending);
      }
      records.flush();
      keepAlive.http.destroy();
      keepAlive.https.destroy();
    },
  };
}
