import type { Database } from 'better-sqlite3';
import type { StoredCapture } from './captures';

export interface AnalysisResult {
  id: number;
  provider: string | null;
  eventType: string | null;
  signatureStatus: string | null;
  signature: unknown;
}

export type AnalysisRepo = ReturnType<typeof createAnalysisRepo>;

/** True when the capture's stored provider and verdict are current: analyzed (at or below the mark) and not flagged stale. */
export function hasCurrentVerdict(capture: StoredCapture, analyzedUpto: number): boolean {
  return capture.id <= analyzedUpto && !capture.staleVerdict;
}

/**
 * Where provider attribution and verdicts are kept. New rows are analyzed in
 * id order from `analysis_state.analyzed_upto`; older rows flagged
 * `stale_verdict` are analyzed again.
 */
export function createAnalysisRepo(db: Database, load: (id: number) => StoredCapture) {
  const upto = db.prepare<[], { analyzed_upto: number }>('SELECT analyzed_upto FROM analysis_state WHERE id = 1');
  const fresh = db.prepare<[number, number], { id: number }>(
    'SELECT id FROM captures WHERE id > ? ORDER BY id LIMIT ?',
  );
  const stale = db.prepare<[number], { id: number }>(
    'SELECT id FROM captures WHERE stale_verdict = 1 ORDER BY id LIMIT ?',
  );
  const save = db.prepare(
    'UPDATE captures SET provider = ?, event_type = ?, signature_status = ?, signature = ?, stale_verdict = 0 WHERE id = ?',
  );
  const setUpto = db.prepare('UPDATE analysis_state SET analyzed_upto = max(analyzed_upto, ?) WHERE id = 1');
  const markEndpoint = db.prepare('UPDATE captures SET stale_verdict = 1 WHERE endpoint_id = ? AND id <= ?');

  const saveAll = db.transaction((results: AnalysisResult[], advanceTo: number) => {
    for (const r of results) {
      save.run(
        r.provider,
        r.eventType,
        r.signatureStatus,
        r.signature === null ? null : JSON.stringify(r.signature),
        r.id,
      );
    }
    if (advanceTo > 0) setUpto.run(advanceTo);
  });

  return {
    analyzedUpto(): number {
      return upto.get()?.analyzed_upto ?? 0;
    },
    /** Up to `max` captures still to analyze: stale ones first, then new ones. */
    pending(max: number): { captures: StoredCapture[]; advanceTo: number } {
      const ids = stale.all(max).map((r) => r.id);
      let advanceTo = 0;
      if (ids.length < max) {
        const next = fresh.all(upto.get()?.analyzed_upto ?? 0, max - ids.length).map((r) => r.id);
        if (next.length) advanceTo = next[next.length - 1];
        ids.push(...next);
      }
      return { captures: ids.map(load), advanceTo };
    },
    save(results: AnalysisResult[], advanceTo: number): void {
      saveAll(results, advanceTo);
    },
    /** Asks for every analyzed capture of an endpoint to be verified again. */
    markEndpointStale(endpointId: number): number {
      return markEndpoint.run(endpointId, upto.get()?.analyzed_upto ?? 0).changes;
    },
  };
}
