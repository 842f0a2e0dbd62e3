import type { Sender } from '../../core/sender';
import type { DeliveryResult, SenderEvent } from '../../core/sender/types';
import { isHookscopeError } from '../../shared/errors';
import { inertLine } from '../terminal-safe';

/** How often a waiting `send` looks whether another sender finished its delivery. */
const FOREIGN_POLL_MS = 1000;
/** After Ctrl-C, how long `send` waits to see a running `serve` take its delivery over. */
const HANDOFF_CONFIRM_MS = 3000;
const HANDOFF_POLL_MS = 100;

export type RunEnd =
  | { kind: 'finished'; results: DeliveryResult[] }
  /** Interrupted (SIGINT/SIGTERM): the deliveries still waiting were handed over; `taken` lists those a running sender took. */
  | { kind: 'interrupted'; handedOver: number[]; taken: number[]; paused: number[] };

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function finished(sender: Sender, id: number): DeliveryResult | null {
  const { result } = sender.getDelivery(id);
  return result.status === 'delivered' || result.status === 'failed' ? result : null;
}

/**
 * Waits for deliveries this process runs (a `send`, a `retry`), never leaving
 * one stranded:
 * - Ctrl-C (or SIGTERM) stops the sender, then hands every delivery still
 *   waiting over (sender.handOff: its hold ends now and it is paused); a
 *   running `serve` takes each over at its next look, which this waits a
 *   moment to see, else it stays paused for `serve` or `retry` to resume;
 * - a delivery finished by another sender meanwhile (the UI's "Send next
 *   attempt now" on a running `serve`) ends the wait too.
 */
export async function runUntilDone(sender: Sender, ids: number[]): Promise<RunEnd> {
  let onSignal: () => void = () => undefined;
  const signalled = new Promise<'signal'>((resolve) => {
    onSignal = () => resolve('signal');
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
  // Looks for another sender's finish; its timer keeps the process up while nothing of ours is armed, and is cleared at the end.
  let pollTimer: NodeJS.Timeout | undefined;
  const foreign = new Promise<'foreign'>((resolve) => {
    const look = () => {
      if (ids.every((id) => finished(sender, id))) resolve('foreign');
      else pollTimer = setTimeout(look, FOREIGN_POLL_MS);
    };
    pollTimer = setTimeout(look, FOREIGN_POLL_MS);
  });
  const own = Promise.all(ids.map((id) => sender.waitFor(id))).then(() => 'own' as const);
  try {
    const first = await Promise.race([own, foreign, signalled]);
    if (first !== 'signal') return { kind: 'finished', results: ids.map((id) => sender.getDelivery(id).result) };
  } catch (error) {
    if (!isHookscopeError(error) || error.code !== 'SENDER_STOPPED') throw error;
  } finally {
    clearTimeout(pollTimer);
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
  own.catch(() => undefined); // stop() rejects the waits
  await sender.stop();
  const handedOver = ids.filter((id) => sender.handOff(id));
  const taken: number[] = [];
  const deadline = Date.now() + HANDOFF_CONFIRM_MS;
  while (handedOver.length && Date.now() < deadline) {
    for (const id of handedOver)
      if (!taken.includes(id) && sender.getDelivery(id).delivery.pausedAt === null) taken.push(id);
    if (taken.length === handedOver.length) break;
    await sleep(HANDOFF_POLL_MS);
  }
  return { kind: 'interrupted', handedOver, taken, paused: handedOver.filter((id) => !taken.includes(id)) };
}

/** `5 min`, `1 h 30 min`, `2.5 s`: a provider-time wait as people say it. */
export function spokenDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${Math.round(ms / 100) / 10} s`;
  const units: [string, number][] = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['min', 60_000],
    ['s', 1000],
  ];
  const parts: string[] = [];
  let left = Math.round(ms / 1000) * 1000;
  for (const [name, size] of units) {
    if (left >= size && parts.length < 2) {
      parts.push(`${Math.floor(left / size)} ${name}`);
      left %= size;
    } else if (parts.length) break;
  }
  return parts.join(' ');
}

/** The wall-clock time of day a real time falls on, `20:31:07`. */
function timeOfDay(ms: number): string {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** One line per step of a delivery, as `send` prints them while it runs (nothing from the handler: only numbers and kinds). */
export function describeEvent(e: SenderEvent): string | undefined {
  if (e.type === 'attempt-started') return `attempt ${e.n}: sending (provider time ${e.scheduledAt})`;
  if (e.type === 'attempt-finished') {
    const a = e.attempt;
    const outcome =
      a.errorKind === null
        ? `${a.status} delivered`
        : a.errorKind === 'status'
          ? `${a.status} (not a success)`
          : a.errorKind === 'handshake'
            ? `wrong handshake answer: ${inertLine(a.handshakeProblem ?? `${a.status}`)}`
            : a.errorKind;
    const signed = a.signedTimestamp !== null ? `, signed t=${a.signedTimestamp}` : '';
    let next = '';
    if (e.next) {
      const waitMs = Date.parse(e.next.scheduledAt) - Date.parse(a.scheduledAt) - (a.durationMs ?? 0);
      next = `\nattempt ${e.next.n} in ${spokenDuration(Math.max(0, waitMs))} provider time, at ${timeOfDay(Date.parse(e.next.dueAt))}`;
    }
    return `attempt ${a.n}: ${outcome} in ${a.durationMs} ms${signed}${next}`;
  }
  if (e.type === 'webhook-disabled')
    return `webhook ${e.url} disabled after ${Math.round(e.failingForMs / 3_600_000)} h of consecutive failures`;
  if (e.type === 'engine-error') return `sender error: ${e.error.message} [${e.error.code}]`;
  return undefined;
}

/** What `send` and `retry` print after Ctrl-C. */
export function describeInterruption(end: Extract<RunEnd, { kind: 'interrupted' }>): string[] {
  const lines = end.taken.map(
    (id) => `delivery ${id}: handed over to the running sender (hookscope serve), which sends its next attempts`,
  );
  for (const id of end.paused) {
    lines.push(
      `delivery ${id}: paused; no running sender took it over. \`hookscope serve\` resumes it when it starts, or \`hookscope retry ${id}\` now`,
    );
  }
  return lines;
}
