import type { AttemptSummary, DeliveryView } from '../../../src/shared/delivery-types';
import { ladderRunsText } from '../../../src/shared/ladder-runs';

/**
 * A delivery laid on its provider's ladder: one row per ladder slot (the
 * first attempt, then one per retry delay), then any manual retries. Pure.
 */

export type RowState =
  /** Answered with a success: the delivery is delivered. */
  | 'delivered'
  /** Sent and failed (status, timeout, refused...). */
  | 'failed'
  /** Sent, no answer yet. */
  | 'in-flight'
  /** The attempt the ladder waits for now. */
  | 'waiting'
  /** A later slot, reached only if the waiting one fails. */
  | 'pending'
  /** Never sent: the delivery ended before this slot. */
  | 'unused';

export interface TimelineRow {
  key: string;
  /** Ladder position, 1-based; null for a manual retry. */
  slot: number | null;
  /** The provider's wait before this slot, counted from the previous failure; null for the first slot and manual retries. */
  delayMs: number | null;
  /** Provider time from the first attempt's schedule to this one's. */
  scheduledOffsetMs: number;
  /** The schedule is an estimate: the slot is not reached yet (previous durations unknown). */
  estimated: boolean;
  attempt: AttemptSummary | null;
  /** Real time from the first attempt's sending to this one's. */
  sentOffsetMs: number | null;
  state: RowState;
}

export function attemptInFlight(a: AttemptSummary): boolean {
  return a.durationMs === null && a.status === null && a.errorKind === null;
}

export function attemptSucceeded(a: AttemptSummary): boolean {
  return a.errorKind === null && a.status !== null;
}

function attemptState(a: AttemptSummary): RowState {
  if (attemptInFlight(a)) return 'in-flight';
  return attemptSucceeded(a) ? 'delivered' : 'failed';
}

const ms = (iso: string) => Date.parse(iso);

export function ladderLength(view: DeliveryView): number {
  return view.policy.retryDelaysMs.length + 1;
}

export function buildTimeline(view: DeliveryView): TimelineRow[] {
  const { result, policy } = view;
  const attempts = [...result.attempts].sort((a, b) => a.n - b.n);
  const ladder = attempts.filter((a) => a.trigger !== 'manual');
  const manual = attempts.filter((a) => a.trigger === 'manual');
  const start = ms(attempts[0]?.scheduledAt ?? view.createdAt);
  const firstSent = attempts.find((a) => a.sentAt !== null)?.sentAt ?? null;
  const sentOffset = (a: AttemptSummary | null) => (a?.sentAt && firstSent ? ms(a.sentAt) - ms(firstSent) : null);
  const ladderOpen = (result.status === 'pending' || result.status === 'paused') && manual.length === 0;

  const rows: TimelineRow[] = [];
  let previous: { scheduledAt: number; durationMs: number } | null = null;
  let waitingShown = false;
  const slots = Math.max(ladderLength(view), ladder.length);
  for (let i = 0; i < slots; i++) {
    const attempt = ladder[i] ?? null;
    const delayMs = i === 0 ? null : (policy.retryDelaysMs[i - 1] ?? null);
    let scheduledAt: number;
    let estimated = false;
    let state: RowState;
    if (attempt) {
      scheduledAt = ms(attempt.scheduledAt);
      state = attemptState(attempt);
    } else {
      const waiting = ladderOpen && !waitingShown && view.next !== null;
      if (waiting && view.next) {
        scheduledAt = ms(view.next.scheduledAt);
        state = 'waiting';
        waitingShown = true;
      } else {
        scheduledAt = previous ? previous.scheduledAt + previous.durationMs + (delayMs ?? 0) : start;
        estimated = true;
        state = ladderOpen ? 'pending' : 'unused';
      }
    }
    rows.push({
      key: `slot-${i + 1}`,
      slot: i + 1,
      delayMs,
      scheduledOffsetMs: scheduledAt - start,
      estimated,
      attempt,
      sentOffsetMs: sentOffset(attempt),
      state,
    });
    previous = { scheduledAt, durationMs: attempt?.durationMs ?? 0 };
  }
  for (const attempt of manual) {
    rows.push({
      key: `manual-${attempt.n}`,
      slot: null,
      delayMs: null,
      scheduledOffsetMs: ms(attempt.scheduledAt) - start,
      estimated: false,
      attempt,
      sentOffsetMs: sentOffset(attempt),
      state: attemptState(attempt),
    });
  }
  return rows;
}

/** The ladder in one line: `6 attempts: first, then +1 s, +5 s, +15 s, +1 min, +5 min` (a repeat as `+70 min ×54`). */
export function describeLadder(delays: readonly number[], format: (ms: number) => string): string {
  if (delays.length === 0) return '1 attempt, no retries';
  return `${delays.length + 1} attempts: first, then ${ladderRunsText(delays, (d) => `+${format(d)}`)}`;
}
