import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock';
import { EXTERNAL_IDS_PER_CHECK, watchExternalCaptures } from '../../src/core/external-captures';

/** A database stand-in: ids in order, and a data_version that moves when "another process" commits. */
function world(existing = 0) {
  const ids: number[] = Array.from({ length: existing }, (_, i) => i + 1);
  let version = 1;
  const told: number[][] = [];
  const clock = new ManualClock(0);
  const add = (n: number) => {
    const from = (ids.at(-1) ?? 0) + 1;
    const added = Array.from({ length: n }, (_, i) => from + i);
    ids.push(...added);
    return added;
  };
  const watcher = watchExternalCaptures({
    clock,
    dataVersion: () => version,
    maxId: () => ids.at(-1) ?? 0,
    idsBetween: (after, upto, limit) => ids.filter((id) => id > after && id <= upto).slice(0, limit),
    onAdded: (added) => told.push(added),
    intervalMs: 1000,
  });
  return {
    clock,
    told,
    watcher,
    /** This process commits n captures (already sent as added by the app). */
    own(n: number) {
      watcher.ownCommitted(add(n));
    },
    /** Another process commits n captures. */
    theirs(n: number) {
      const added = add(n);
      version++;
      return added;
    },
  };
}

describe('captures another process adds reach the UI as added', () => {
  it("tells another process's captures once, never this process's own, even interleaved", () => {
    const w = world();
    w.own(3);
    w.clock.advance(1000);
    expect(w.told).toEqual([]);
    const a = w.theirs(2);
    w.own(2);
    const b = w.theirs(1);
    w.clock.advance(1000);
    expect(w.told).toEqual([[...a, ...b]]);
    w.clock.advance(1000);
    expect(w.told).toHaveLength(1);
    w.watcher.stop();
  });

  it('says nothing while only this process commits, and the captures there before it started are not new', () => {
    const w = world(5);
    w.own(10);
    for (let i = 0; i < 5; i++) w.clock.advance(1000);
    expect(w.told).toEqual([]);
    const later = w.theirs(1);
    w.clock.advance(1000);
    expect(w.told).toEqual([later]);
    w.watcher.stop();
  });

  it('tells a large import in slices, one per check, until all of it is told', () => {
    const w = world();
    const imported = w.theirs(EXTERNAL_IDS_PER_CHECK * 2 + 5);
    w.clock.advance(1000);
    w.clock.advance(1000);
    w.clock.advance(1000);
    expect(w.told.map((t) => t.length)).toEqual([EXTERNAL_IDS_PER_CHECK, EXTERNAL_IDS_PER_CHECK, 5]);
    expect(w.told.flat()).toEqual(imported);
    w.watcher.stop();
  });

  it("keeps this process's own captures out across the slices of a large import, in whatever order they were told", () => {
    const w = world();
    const before = w.theirs(EXTERNAL_IDS_PER_CHECK - 2);
    const ownA = w.theirs(4); // committed here: the version moves all the same, and the app says they are its own
    const theirs = w.theirs(1);
    const ownB = w.theirs(2);
    // Told out of order: the later run first.
    w.watcher.ownCommitted(ownB);
    w.watcher.ownCommitted(ownA);
    // The first check's slice ends two ids into ownA; the next check takes the rest.
    w.clock.advance(1000);
    w.clock.advance(1000);
    expect(w.told.flat()).toEqual([...before, ...theirs]);
    w.watcher.stop();
  });

  it("own ids told again or out of order stay this process's own; another's among them is told", () => {
    const w = world();
    const a = w.theirs(10); // ids 1 to 10, committed here
    const theirs = w.theirs(1); // 11, from elsewhere
    const b = w.theirs(9); // 12 to 20, committed here
    w.watcher.ownCommitted(a);
    w.watcher.ownCommitted(b);
    w.watcher.ownCommitted([a[4], a[4]]);
    w.watcher.ownCommitted([b[0]]);
    w.clock.advance(1000);
    expect(w.told).toEqual([theirs]);
    w.watcher.stop();
  });

  it('a damaged file ends the watching: told once to onError, never thrown, whether at the start or later', () => {
    const clock = new ManualClock(0);
    const errors: unknown[] = [];
    let reads = 0;
    let broken = true;
    const deps = {
      clock,
      dataVersion: () => 1,
      maxId: () => {
        reads++;
        if (broken) throw new Error('database disk image is malformed');
        return 0;
      },
      idsBetween: () => [],
      onAdded: () => {},
      onError: (e: unknown) => errors.push(e),
      isTransient: (e: unknown) => (e as Error).message === 'busy',
    };
    expect(() => watchExternalCaptures(deps)).not.toThrow();
    clock.advance(5000);
    expect(errors).toHaveLength(1);
    expect(reads).toBe(1);

    // Broken later: the same. A transient failure (SQLITE_BUSY) only waits for the next look.
    broken = false;
    const later = watchExternalCaptures(deps);
    reads = 0;
    deps.maxId = () => {
      reads++;
      throw new Error('busy');
    };
    clock.advance(3000);
    expect(reads).toBe(3);
    expect(errors).toHaveLength(1);
    later.stop();
  });
});
