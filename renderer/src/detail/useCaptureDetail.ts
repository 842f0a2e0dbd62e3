import { useCallback, useEffect, useState } from 'react';
import type { DecodedBodyView } from '../../../src/shared/api';
import { call, errorText } from '../transport';
import { subscribe } from '../events';
import type { CaptureDetail } from '../../../src/shared/capture-types';

interface DetailState {
  detail: CaptureDetail | null;
  body: DecodedBodyView | null;
  error: string | null;
  loading: boolean;
}

/** One capture and its decoded body; refetched when analysis updates it. */
export function useCaptureDetail(id: number): DetailState & { retry(): void } {
  const [state, setState] = useState<DetailState>({ detail: null, body: null, error: null, loading: true });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let alive = true;
    setState({ detail: null, body: null, error: null, loading: true });
    Promise.all([call('captures.get', { id }), call('captures.body', { id })]).then(
      ([detail, body]) => alive && setState({ detail, body, error: null, loading: false }),
      (error) => alive && setState({ detail: null, body: null, error: errorText(error), loading: false }),
    );
    const unsubscribe = subscribe((message) => {
      if (message.event !== 'captures.updated' || !message.payload.some((c) => c.id === id)) return;
      call('captures.get', { id }).then(
        (detail) => alive && setState((s) => ({ ...s, detail })),
        () => undefined,
      );
    });
    return () => {
      alive = false;
      unsubscribe();
    };
  }, [id, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, retry };
}
