import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import type { CaptureSummary } from '../../../src/shared/capture-types';
import { locate } from './rows';

/**
 * New rows arrive on top: keeps what the user is reading or pointing at where
 * it is. The list scrolls by the height of the rows added above when it is
 * scrolled down, when the pointer is over it (a click then opens the row that
 * was under the pointer), or when a capture is selected (it stays under the
 * cursor); at the top, untouched and with nothing selected, rows flow in.
 * While the list is shorter than its window there is nothing to scroll by, so
 * the list is given room below (bottom padding) for the rows to stay put; the
 * room goes once rows flow in again.
 */
export function useRowAnchor(
  scrollRef: RefObject<HTMLDivElement | null>,
  rows: readonly CaptureSummary[],
  rowHeight: number,
  selectedId: number | null,
): void {
  const firstId = useRef<number | null>(null);
  const pointerInside = useRef(false);
  /** Room added below the rows so that a short list can scroll by the rows added above. */
  const room = useRef(0);

  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const enter = () => (pointerInside.current = true);
    const leave = () => (pointerInside.current = false);
    el.addEventListener('pointerenter', enter);
    el.addEventListener('pointermove', enter);
    el.addEventListener('pointerleave', leave);
    return () => {
      el.removeEventListener('pointerenter', enter);
      el.removeEventListener('pointermove', enter);
      el.removeEventListener('pointerleave', leave);
    };
  }, [scrollRef]);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    const previous = firstId.current;
    firstId.current = rows.length ? rows[0].id : null;
    if (!el || previous === null || rows.length === 0 || rows[0].id === previous) return;
    // `:hover` is the browser's own word on where the pointer is, even before a pointer event has reached the list.
    const held = el.scrollTop > 0 || pointerInside.current || el.matches(':hover') || selectedId !== null;
    if (!held) {
      if (room.current > 0) {
        room.current = 0;
        el.style.paddingBottom = '';
      }
      return;
    }
    const { at, found } = locate(rows, previous);
    if (!found || at === 0) return;
    const target = el.scrollTop + at * rowHeight;
    const deficit = target - (el.scrollHeight - el.clientHeight);
    if (deficit > 0) {
      room.current += deficit;
      el.style.paddingBottom = `${room.current}px`;
    }
    el.scrollTop = target;
    // selectedId is read, not watched: a new selection alone must not scroll the list.
  }, [rows]);
}
