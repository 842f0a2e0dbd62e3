import { describe, expect, it } from 'vitest';
import { asInteractive, createInteractiveGate } from '../../src/core/interactive';
import { startBackground, MAX_STAND_ASIDE_MS } from '../../src/core/background';
import { ManualClock } from '../../src/core/clock';

describe('interactive gate', () => {
  it('is busy while a call runs and for the grace after it, then free', () => {
    let t = 1000;
    const gate = createInteractiveGate(() => t, 50);
    expect(gate.busy()).toBe(false);
    const seen = asInteractive(gate, () => {
      expect(gate.inFlight).toBe(1);
      return gate.busy();
    });
    expect(seen).toBe(true);
    expect(gate.inFlight).toBe(0);
    t += 49;
    expect(gate.busy()).toBe(true);
    t += 1;
    expect(gate.busy()).toBe(false);
  });

  it('ends the call when it throws, and counts only the synchronous part of an async call', async () => {
    let t = 0;
    const gate = createInteractiveGate(() => t, 10);
    expect(() =>
      asInteractive(gate, () => {
        throw new Error('bad input');
      }),
    ).toThrow('bad input');
    expect(gate.inFlight).toBe(0);
    let release!: () => void;
    const pending = asInteractive(gate, () => new Promise<void>((r) => (release = r)));
    expect(gate.inFlight).toBe(0);
    t += 10;
    expect(gate.busy()).toBe(false);
    release();
    await pending;
  });

  it('holds the background back while busy, never longer than MAX_STAND_ASIDE_MS in one go', () => {
    const clock = new ManualClock(0);
    let busy = true;
    let done = 0;
    let backlog = 3;
    // One item per call: the manual clock does not move inside a tick, so the backlog bounds it.
    const oneItem = () => {
      if (backlog === 0) return 0;
      backlog--;
      done++;
      return 1;
    };
    const bg = startBackground([oneItem], clock, { idleMs: 1, yieldTo: () => busy, now: () => clock.now() });
    clock.advance(100);
    expect(done).toBe(0);
    clock.advance(MAX_STAND_ASIDE_MS);
    expect(done).toBeGreaterThan(0);
    expect(backlog).toBe(0);
    backlog = 2;
    busy = false;
    clock.advance(50);
    expect(backlog).toBe(0);
    expect(done).toBe(5);
    bg.stop();
  });
});

describe('a quiet backlog', () => {
  it('is worked tick after tick through `soon` at QUIET_PACE when nothing else runs, and on the timer otherwise', () => {
    const clock = new ManualClock(0);
    let quiet = true;
    let backlog = 4;
    let soonCalls = 0;
    const queued: (() => void)[] = [];
    const bg = startBackground([() => (backlog > 0 ? (backlog--, 1) : 0)], clock, {
      idleMs: 10,
      now: () => clock.now(),
      quiet: () => quiet,
      soon: (fn) => (soonCalls++, queued.push(fn), () => undefined),
    });
    clock.advance(10);
    expect(backlog).toBe(0);
    expect(soonCalls).toBe(1);
    backlog = 3;
    quiet = false;
    queued.shift()!();
    expect(backlog).toBe(0);
    // Not quiet: the next tick waits on the clock, never on `soon`.
    expect(soonCalls).toBe(1);
    bg.stop();
  });
});
