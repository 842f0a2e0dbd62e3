import { memo } from 'react';
import type { CaptureSummary } from '../../../src/shared/capture-types';
import { VerdictBadge } from '../components/VerdictBadge';
import { byteSize, longTime, shortTime, statusClass } from './format';

interface Props {
  row: CaptureSummary;
  selected: boolean;
  open: boolean;
  /** Picked for an action on several (Ctrl/Cmd- or Shift-click). */
  marked: boolean;
  top: number;
  onPick(id: number, how: Pick): void;
}

/** How a row was clicked: plain opens it; `toggle` (Ctrl/Cmd) and `extend` (Shift) pick rows for an action on several. */
export type Pick = 'open' | 'toggle' | 'extend';

/** One capture in the list; every value is text (captured content is data, never markup). */
export const CaptureRow = memo(function CaptureRow({ row, selected, open, marked, top, onPick }: Props) {
  const target = row.query ? `${row.path}?${row.query}` : row.path;
  return (
    <div
      role="row"
      className={`grid-row${selected ? ' selected' : ''}${open ? ' open' : ''}${marked ? ' marked' : ''}`}
      data-id={row.id}
      aria-selected={selected}
      data-marked={marked || undefined}
      style={{ transform: `translateY(${top}px)` }}
      onClick={(e) => onPick(row.id, e.shiftKey ? 'extend' : e.ctrlKey || e.metaKey ? 'toggle' : 'open')}
    >
      <span role="gridcell" className="c-time mono" title={longTime(row.receivedAt)}>
        {shortTime(row.receivedAt)}
      </span>
      <span role="gridcell" className="c-endpoint">
        {row.endpoint}
      </span>
      <span role="gridcell" className={`c-method mono m-${row.method.toLowerCase().replace(/[^a-z]/g, '')}`}>
        {row.method}
      </span>
      <span role="gridcell" className="c-path mono" title={target}>
        {row.path}
        {row.query && <span className="c-query">?{row.query}</span>}
        {row.truncated && <span className="tag tag-warn">truncated</span>}
      </span>
      <span role="gridcell" className="c-provider">
        {row.provider ?? ''}
      </span>
      <span role="gridcell" className="c-event mono" title={row.eventType ?? undefined}>
        {row.eventType ?? ''}
      </span>
      <span role="gridcell" className="c-sig">
        <VerdictBadge status={row.signatureStatus} />
      </span>
      <span role="gridcell" className="c-size mono">
        {byteSize(row.bodySize)}
      </span>
      <span role="gridcell" className={`c-status mono ${statusClass(row.responseStatus)}`}>
        {row.responseStatus ?? '—'}
      </span>
    </div>
  );
});

export function CaptureHeaderRow() {
  return (
    <div role="row" className="grid-row grid-head">
      <span role="columnheader">Time</span>
      <span role="columnheader">Endpoint</span>
      <span role="columnheader">Method</span>
      <span role="columnheader">Path</span>
      <span role="columnheader">Provider</span>
      <span role="columnheader">Event type</span>
      <span role="columnheader">Signature</span>
      <span role="columnheader" className="c-size">
        Size
      </span>
      <span role="columnheader" className="c-status">
        Status
      </span>
    </div>
  );
}
