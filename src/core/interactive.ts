/**
 * Interactive requests (the UI's API calls) go before background work: while
 * one is being answered, and for a short grace after it (the UI often sends
 * the next one right away: a list page, then the capture it opens), the
 * background does not start a tick. The clock is injected.
 */
export interface InteractiveGate {
  /** Marks a call started; the returned function marks it ended (calling it again does nothing). */
  begin(): () => void;
  /** True while a call is in flight or one ended less than the grace ago. */
  busy(): boolean;
  readonly inFlight: number;
}

/** Grace after the last interactive call in which the background still stands aside. */
export const INTERACTIVE_GRACE_MS = 50;

export function createInteractiveGate(now: () => number, graceMs = INTERACTIVE_GRACE_MS): InteractiveGate {
  let inFlight = 0;
  let lastEnd = Number.NEGATIVE_INFINITY;
  return {
    begin() {
      inFlight++;
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        inFlight--;
        lastEnd = now();
      };
    },
    busy() {
      return inFlight > 0 || now() - lastEnd < graceMs;
    },
    get inFlight() {
      return inFlight;
    },
  };
}

/**
 * Runs `call` as an interactive call: the gate is busy while it runs and for
 * the grace after. Only its synchronous part counts (every read is
 * synchronous): a call that awaits a delivery or a tunnel for seconds must not
 * hold the background back all that time.
 */
export function asInteractive<T>(gate: InteractiveGate, call: () => T): T {
  const end = gate.begin();
  try {
    return call();
  } finally {
    end();
  }
}
