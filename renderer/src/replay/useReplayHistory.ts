import { useCallback, useEffect, useState } from 'react';
import type { ReplaySummary, ReplayView } from '../../../src/shared/replay-types';
import { onEventsResumed, subscribe } from '../events';
import { call, errorText } from '../transport';

export function toSummary(r: ReplayView): ReplaySummary {
  return {
    id: r.id,
    captureId: r.captureId,
    kind: r.kind,
    sentAt: r.sentAt,
    url: r.url,
    method: r.request.method,
    status: r.response.status,
    ok: r.ok,
    errorKind: r.errorKind,
    durationMs: r.durationMs,
  };
}

/** Newest first, one row per id (a live event and a fetch may both bring the same replay). */
export function mergeReplays(current: readonly ReplaySummary[], incoming: readonly ReplaySummary[]): ReplaySummary[] {
  const byId = new Map(current.map((r) => [r.id, r]));
  for (const r of incoming) byId.set(r.id, r);
  return [...byId.values()].sort((a, b) => b.id - a.id);
}

interface History {
  rows: ReplaySummary[];
  loaded: boolean;
  error: string | null;
  reload(): void;
}

/** A capture's replays and live forwards (replays.list), kept current by 'replays.added' and refetched after a dropped connection. */
export function useReplayHistory(captureId: number | null): History {
  const [state, setState] = useState<Omit<History, 'reload'>>({ rows: [], loaded: false, error: null });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (captureId === null) return;
    let alive = true;
    setState({ rows: [], loaded: false, error: null });
    const fetchAll = () =>
      call('replays.list', { captureId }).then(
        (list) =>
          alive && setState((s) => ({ rows: mergeReplays(s.rows, list.map(toSummary)), loaded: true, error: null })),
        (error) => alive && setState((s) => ({ ...s, loaded: true, error: errorText(error) })),
      );
    void fetchAll();
    const stopEvents = subscribe((message) => {
      if (message.event !== 'replays.added') return;
      const mine = message.payload.filter((r) => r.captureId === captureId);
      if (mine.length > 0) setState((s) => ({ ...s, rows: mergeReplays(s.rows, mine) }));
    });
    const stopState = onEventsResumed(() => void fetchAll());
    return () => {
      alive = false;
      stopEvents();
      stopState();
    };
  }, [captureId, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, reload };
}
