import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, createApiHandlers } from '../../../src/core/api';
import { createApp } from '../../../src/core/app';
import { systemClock } from '../../../src/core/clock';
import { DUPLICATE_SQL } from '../../../src/core/store/export-import';
import type { ImportReport } from '../../../src/shared/replay-types';
import { startCaptureApp, type RunningCapture } from '../../helpers/capture-app';
import { ndjsonCorpus } from '../../helpers/ndjson-corpus';
import { quantile, startProbes } from '../../helpers/probes';
import { tempDir } from '../../helpers/temp-dir';

/**
 * Import through the control API inside a running capture server: written in
 * slices that leave capture the thread, duplicates found through the index of
 * migration 010 (20,000 into an endpoint already holding them adds nothing).
 */

const ROWS = 20_000;
let cap: RunningCapture;
let text: string;

beforeAll(async () => {
  cap = await startCaptureApp();
  cap.app.createEndpoint('probe');
  text = ndjsonCorpus(ROWS);
});
afterAll(() => cap.close());

describe('import through the API beside live capture', () => {
  it(`imports ${ROWS.toLocaleString('en')} captures while webhooks keep arriving: every webhook answered 200`, async () => {
    const handlers = createApiHandlers(cap.app, { version: 'test', captureUrl: () => cap.url });
    const probes = startProbes(`${cap.url}/probe/hook`);
    const report = (await callApi(handlers, 'import.text', { text })) as ImportReport;
    const result = await probes.stop();
    expect(report).toMatchObject({ format: 'ndjson', captures: ROWS, skipped: 0, endpointsCreated: ['imported'] });
    expect(result.statuses).toEqual({ 200: result.sent });
    expect(result.sent).toBeGreaterThan(0);
    expect(cap.app.captures.count()).toBe(ROWS + result.sent);
    console.log(
      `import of ${ROWS} through the API: ${result.sent} probe webhooks, all 200; probe p50 ${quantile(result.latenciesMs, 0.5).toFixed(1)} ms, p99 ${quantile(result.latenciesMs, 0.99).toFixed(1)} ms, max ${result.latenciesMs.reduce((a, b) => Math.max(a, b), 0).toFixed(1)} ms`,
    );
  });

  it('imports the same 20,000 again: all found already here, none added', async () => {
    const before = cap.app.captures.count();
    const report = await cap.app.replay.importText(text);
    expect(report).toMatchObject({ captures: 0, replays: 0, skipped: ROWS, endpointsCreated: [] });
    expect(cap.app.captures.count()).toBe(before);
  });

  it('finds a duplicate through captures_by_endpoint_time, never by scanning', () => {
    const plan = cap.app.db.prepare(`EXPLAIN QUERY PLAN ${DUPLICATE_SQL}`).all(1, 0, 'POST', 'u', 'h') as {
      detail: string;
    }[];
    const details = plan.map((p) => p.detail).join('\n');
    expect(details).toMatch(
      /^SEARCH captures USING INDEX captures_by_endpoint_time \(endpoint_id=\? AND received_at=\?\)$/,
    );
    expect(details).not.toMatch(/SCAN/);
  });
});

describe('slices', () => {
  it('are cut by time on the injected clock, and each is its own commit', async () => {
    const dir = tempDir();
    // A clock that moves 10 ms each time it is read: a 40 ms slice holds a few rows.
    let now = Date.UTC(2026, 0, 1);
    const app = createApp({ dataDir: dir.path, clock: { now: () => (now += 10), setTimer: systemClock.setTimer } });
    try {
      const sizes: number[] = [];
      const unsubscribe = app.events.subscribe((event, payload) => {
        if (event === 'captures.added') sizes.push((payload as unknown[]).length);
      });
      const report = await app.replay.importFrom(
        {
          async *open() {
            yield ndjsonCorpus(50);
          },
        },
        { sliceMs: 40 },
      );
      unsubscribe();
      expect(report.captures).toBe(50);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(50);
      expect(sizes.length).toBeGreaterThanOrEqual(10);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(4);
    } finally {
      await app.close();
      dir.remove();
    }
  });

  it('are cut at 500 rows when the clock stands still', async () => {
    const dir = tempDir();
    const app = createApp({ dataDir: dir.path, clock: { now: () => 0, setTimer: systemClock.setTimer } });
    try {
      const sizes: number[] = [];
      const unsubscribe = app.events.subscribe((event, payload) => {
        if (event === 'captures.added') sizes.push((payload as unknown[]).length);
      });
      const report = await app.replay.importText(ndjsonCorpus(1200));
      unsubscribe();
      expect(report.captures).toBe(1200);
      expect(sizes).toEqual([500, 500, 200]);
    } finally {
      await app.close();
      dir.remove();
    }
  });
});
