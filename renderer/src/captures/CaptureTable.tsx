import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCaptures } from './store';
import { locate } from './rows';
import { CaptureHeaderRow, CaptureRow, type Pick } from './CaptureRow';
import { useMarks } from './marks';
import { useRowAnchor } from './useRowAnchor';

export const ROW_HEIGHT = 24;
const HEADER_HEIGHT = 26;
/** Fetch the next page when the window comes this close to the last loaded row. */
const PREFETCH_ROWS = 150;

/** The virtualized capture list: only a window of rows is in the DOM, pages load as it nears the end. */
export function CaptureTable() {
  const rows = useCaptures((s) => s.rows);
  const hasMore = useCaptures((s) => s.hasMore);
  const loadingMore = useCaptures((s) => s.loadingMore);
  const searching = useCaptures((s) => s.search.trim() !== '');
  const selectedId = useCaptures((s) => s.selectedId);
  const openId = useCaptures((s) => s.openId);
  const loadMore = useCaptures((s) => s.loadMore);
  const open = useCaptures((s) => s.open);
  const scrollRef = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    count: rows.length + 1,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
    // Rows scrolled into view (j/k) stop below the sticky header, not under it.
    scrollPaddingStart: HEADER_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length ? items[items.length - 1].index : 0;

  useEffect(() => {
    if (hasMore && !loadingMore && lastIndex >= rows.length - PREFETCH_ROWS) void loadMore();
  }, [lastIndex, rows.length, hasMore, loadingMore, loadMore]);

  useRowAnchor(scrollRef, rows, ROW_HEIGHT, selectedId);

  useEffect(() => {
    if (selectedId === null) return;
    const { at, found } = locate(useCaptures.getState().rows, selectedId);
    if (found) virtualizer.scrollToIndex(at, { align: 'auto' });
  }, [selectedId, virtualizer]);

  const marked = useMarks((s) => s.marked);
  const markedSet = useMemo(() => new Set(marked), [marked]);
  const onPick = useCallback(
    (id: number, how: Pick) => {
      const marks = useMarks.getState();
      if (how === 'open') {
        marks.clear();
        open(id);
      } else if (how === 'toggle') marks.toggle(id);
      else {
        const { rows: all, openId: current } = useCaptures.getState();
        marks.extend(id, all, current);
      }
    },
    [open],
  );

  return (
    <div className="grid-scroll" ref={scrollRef} role="grid" aria-label="Captures" aria-rowcount={rows.length}>
      <CaptureHeaderRow />
      <div className="grid-body" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const top = item.start - HEADER_HEIGHT;
          if (item.index === rows.length) {
            return (
              <div key="footer" className="grid-row grid-footer" style={{ transform: `translateY(${top}px)` }}>
                {hasMore
                  ? 'Loading older captures…'
                  : searching
                    ? `${rows.length} matching capture${rows.length === 1 ? '' : 's'}`
                    : `End of history · ${rows.length} capture${rows.length === 1 ? '' : 's'}`}
              </div>
            );
          }
          const row = rows[item.index];
          return (
            <CaptureRow
              key={row.id}
              row={row}
              top={top}
              selected={row.id === selectedId}
              open={row.id === openId}
              marked={markedSet.has(row.id)}
              onPick={onPick}
            />
          );
        })}
      </div>
    </div>
  );
}
