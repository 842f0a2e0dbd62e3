import { useEffect, useRef } from 'react';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { ErrorNote } from '../components/ErrorNote';
import { DetailPane } from '../detail/DetailPane';
import { CaptureFilters } from './CaptureFilters';
import { CaptureTable } from './CaptureTable';
import { EmptyState } from './EmptyState';
import { BacklogNote } from './BacklogNote';
import { LiveControl } from './LiveControl';
import { hasFilters } from './rows';
import { useCaptures } from './store';
import { useListKeyboard } from './useListKeyboard';
import { SelectionBar } from '../cleanup/SelectionBar';

/** The live capture list, with the opened capture's detail below it. */
export function CapturesScreen() {
  const searchRef = useRef<HTMLInputElement>(null);
  useListKeyboard(searchRef);
  const loaded = useCaptures((s) => s.loaded);
  const empty = useCaptures((s) => s.rows.length === 0);
  const filtered = useCaptures((s) => hasFilters(s.filters) || s.search.trim() !== '');
  const error = useCaptures((s) => s.error);
  const openId = useCaptures((s) => s.openId);
  const open = useCaptures((s) => s.open);
  const reload = useCaptures((s) => s.reload);

  useEffect(() => {
    if (!useCaptures.getState().loaded) void reload();
  }, [reload]);

  return (
    <div className={`captures${openId !== null ? ' with-detail' : ''}`}>
      <CaptureFilters searchRef={searchRef} />
      <div className="live-bar">
        <LiveControl />
        <BacklogNote />
      </div>
      <ErrorNote message={error} onRetry={() => void reload()} />
      <SelectionBar />
      <div className="list-area">
        {!loaded ? (
          <p className="muted pad">Loading captures…</p>
        ) : empty && !filtered ? (
          <EmptyState />
        ) : empty ? (
          <p className="muted pad">No capture matches these filters.</p>
        ) : (
          <CaptureTable />
        )}
      </div>
      {openId !== null && (
        <div className="detail-area">
          <ErrorBoundary key={openId} label={`The detail of capture #${openId}`}>
            <DetailPane id={openId} onClose={() => open(null)} />
          </ErrorBoundary>
        </div>
      )}
    </div>
  );
}
