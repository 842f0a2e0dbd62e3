import { randomBytes } from 'node:crypto';
import type { TunnelSelfTestResult } from '../../shared/tunnel-types';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import { VERSION } from '../version';
import { networkCause } from './register';
import { networkWords } from './network-words';

export const SELF_TEST_PREFIX = 'hookscope-tunnel-self-test';
const ANSWER_GRACE_MS = 2000;

export interface SelfTestOptions {
  /** The tunnel's public URL. */
  url: string;
  /** The app's event bus: the request counts as arrived when its capture is added. */
  events: EventBus;
  clock: Clock;
  timeoutMs?: number;
  /** How long an answer may come before, or after, its capture (default 2 s). */
  answerGraceMs?: number;
}

interface Answer {
  status: number;
  type: string;
}

/**
 * Sends a POST through the public URL and waits for it to arrive here as a
 * capture (on the `default` endpoint, path /hookscope-tunnel-self-test-<nonce>).
 * It sends `bypass-tunnel-reminder` and its own User-Agent, as a webhook
 * sender would, so loca.lt forwards it instead of showing its reminder page.
 */
export async function runTunnelSelfTest(options: SelfTestOptions): Promise<TunnelSelfTestResult> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const graceMs = options.answerGraceMs ?? ANSWER_GRACE_MS;
  const nonce = randomBytes(8).toString('hex');
  const target = `${options.url.replace(/\/+$/, '')}/${SELF_TEST_PREFIX}-${nonce}`;
  const started = options.clock.now();
  const abort = new AbortController();
  let answer: Answer | undefined;
  let failure: string | undefined;
  let answered: () => void = () => undefined;
  const answeredOrFailed = new Promise<void>((resolve) => (answered = resolve));
  let unsubscribe: () => void = () => undefined;
  const timers: (() => void)[] = [];
  let settled = false;

  const captureId = await new Promise<number | null>((resolve) => {
    const finish = (id: number | null) => {
      if (settled) return;
      settled = true;
      resolve(id);
    };
    unsubscribe = options.events.subscribe((event, payload) => {
      if (event !== 'captures.added') return;
      const found = (payload as { id: number; path: string }[]).find((c) => c.path.includes(nonce));
      if (found) finish(found.id);
    });
    timers.push(options.clock.setTimer(timeoutMs, () => finish(null)));
    fetch(target, {
      method: 'POST',
      signal: abort.signal,
      headers: {
        'content-type': 'application/json',
        'user-agent': `hookscope-tunnel-self-test/${VERSION}`,
        'bypass-tunnel-reminder': 'hookscope',
      },
      body: JSON.stringify({ hookscope: 'tunnel self-test', nonce }),
    }).then(
      async (res) => {
        answer = { status: res.status, type: res.headers.get('content-type') ?? '' };
        answered();
        // A capture is committed before its answer is sent: an answer with no capture soon after is not ours.
        if (!settled) timers.push(options.clock.setTimer(graceMs, () => finish(null)));
        await res.arrayBuffer().catch(() => undefined);
      },
      (error) => {
        if (!abort.signal.aborted) {
          failure = networkCause(error);
          finish(null);
        }
        answered();
      },
    );
  });
  unsubscribe();
  for (const cancel of timers) cancel();
  if (captureId !== null && !answer) {
    // The capture is committed before the answer goes out: give the answer a moment (a hanging rule never sends one).
    let cancelWait: () => void = () => undefined;
    await Promise.race([
      answeredOrFailed,
      new Promise<void>((resolve) => (cancelWait = options.clock.setTimer(graceMs, resolve))),
    ]);
    cancelWait();
  }
  abort.abort();

  const durationMs = options.clock.now() - started;
  const base = { target, captureId, status: answer?.status ?? null, durationMs };
  if (captureId !== null) {
    return { ...base, ok: true, message: `a POST to ${target} arrived as capture #${captureId} in ${durationMs} ms` };
  }
  let message: string;
  if (failure) message = networkWords(target, failure);
  else if (answer?.status === 401 && answer.type.includes('text/html'))
    message = `the tunnel server answered with its reminder page (401) instead of forwarding, although the request carried bypass-tunnel-reminder`;
  else if (answer)
    message = `the tunnel answered ${answer.status} but no capture arrived within ${timeoutMs} ms: the request did not reach this Hookscope`;
  else message = `no answer and no capture within ${timeoutMs} ms`;
  return { ...base, ok: false, message };
}
