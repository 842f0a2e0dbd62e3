import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  expandAll,
  flattenJson,
  initialState,
  labelText,
  parentRow,
  setRowOpen,
  summaryText,
  valueClass,
  valueText,
  type JsonRow,
  type JsonTreeState,
} from './json-rows';

const ROW_HEIGHT = 20;
const INDENT = 14;
/** Past this depth rows stop moving right and say their level instead. */
const MAX_INDENT_LEVELS = 32;

function Row({
  id,
  row,
  active,
  onToggle,
  onPick,
}: {
  id: string;
  row: JsonRow;
  active: boolean;
  onToggle(): void;
  onPick(): void;
}) {
  const level = Math.min(row.depth, MAX_INDENT_LEVELS);
  const toggles = row.kind !== 'leaf' && (row.kind === 'group' || row.size > 0);
  const open = row.kind !== 'leaf' && row.open;
  return (
    <div
      id={id}
      className={`jt-row${active ? ' active' : ''}`}
      role="treeitem"
      aria-level={row.depth + 1}
      aria-expanded={toggles ? open : undefined}
      aria-selected={active}
      data-testid="jt-row"
      data-depth={row.depth}
      style={{ paddingLeft: level * INDENT }}
      onClick={() => {
        onPick();
        if (toggles) onToggle();
      }}
    >
      <span className="jt-caret" aria-hidden="true">
        {toggles ? (open ? '▾' : '▸') : ' '}
      </span>
      {row.depth > MAX_INDENT_LEVELS && <span className="jt-level">{`⋯${row.depth.toLocaleString('en-US')} `}</span>}
      {row.kind !== 'group' && row.label !== null && <span className="jt-key">{`${labelText(row.label)}:`}</span>}
      {row.kind === 'leaf' ? (
        <span className={valueClass(row.value)}>{valueText(row.value)}</span>
      ) : (
        <span className="jt-punct">{summaryText(row)}</span>
      )}
    </div>
  );
}

/**
 * A collapsible JSON tree for any depth and any width: the visible part is
 * flattened into rows without recursion (json-rows.ts) and only the rows in
 * view are in the DOM. Large arrays and objects open in groups. Click or
 * Enter/Space toggles; arrows move (Right opens, Left closes or goes to the
 * parent), Home/End, `*` opens everything below the current row. Keys and
 * values are text nodes, never markup.
 */
export function JsonTree({ data }: { data: object }) {
  const [state, setState] = useState<{ data: object; tree: JsonTreeState; version: number }>(() => ({
    data,
    tree: initialState(data),
    version: 0,
  }));
  // Another document: start again from its own first expansion.
  if (state.data !== data) setState({ data, tree: initialState(data), version: 0 });
  const rows = useMemo(() => flattenJson(state.data, state.tree), [state]);
  const [active, setActive] = useState(0);
  const scrollRef = useRef<HTMLDivElement>(null);
  const idPrefix = useId();
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });
  const changed = useCallback((fn: (tree: JsonTreeState) => void) => {
    setState((s) => {
      fn(s.tree);
      return { ...s, version: s.version + 1 };
    });
  }, []);

  const at = Math.min(active, rows.length - 1);
  useEffect(() => {
    virtualizer.scrollToIndex(at, { align: 'auto' });
  }, [at, virtualizer]);

  const toggle = (index: number) => {
    const row = rows[index];
    if (!row || row.kind === 'leaf') return;
    changed((tree) => setRowOpen(tree, row, !row.open));
  };
  const openAllBelow = (index: number) => {
    const row = rows[index];
    if (row?.kind === 'node') changed((tree) => expandAll(tree, row.node));
    else if (row?.kind === 'group')
      changed((tree) => {
        setRowOpen(tree, row, true);
        const owner = row.owner as Record<string | number, unknown>;
        const keys = Array.isArray(owner) ? null : Object.keys(owner);
        for (let i = row.start; i < row.end; i++) expandAll(tree, owner[keys ? keys[i] : i]);
      });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const row = rows[at];
    let next = at;
    switch (event.key) {
      case 'ArrowDown':
        next = Math.min(rows.length - 1, at + 1);
        break;
      case 'ArrowUp':
        next = Math.max(0, at - 1);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = rows.length - 1;
        break;
      case 'PageDown':
        next = Math.min(rows.length - 1, at + 20);
        break;
      case 'PageUp':
        next = Math.max(0, at - 20);
        break;
      case 'ArrowRight':
        if (row && row.kind !== 'leaf' && !row.open) toggle(at);
        else if (row && row.kind !== 'leaf') next = Math.min(rows.length - 1, at + 1);
        break;
      case 'ArrowLeft':
        if (row && row.kind !== 'leaf' && row.open) toggle(at);
        else next = Math.max(0, parentRow(rows, at));
        break;
      case 'Enter':
      case ' ':
        toggle(at);
        break;
      case '*':
        openAllBelow(at);
        break;
      default:
        return;
    }
    event.preventDefault();
    setActive(next);
  };

  const items = virtualizer.getVirtualItems();
  return (
    <div className="json-tree" data-testid="json-tree">
      <div className="jt-tools">
        <span className="muted">{`${rows.length.toLocaleString('en-US')} rows shown`}</span>
        <button type="button" className="link" onClick={() => changed((tree) => expandAll(tree, data))}>
          Expand all
        </button>
        <button
          type="button"
          className="link"
          onClick={() =>
            setState((s) => ({ ...s, tree: { open: new Set([s.data]), groups: new Map() }, version: s.version + 1 }))
          }
        >
          Collapse all
        </button>
      </div>
      <div
        className="jt-scroll"
        ref={scrollRef}
        role="tree"
        aria-label="JSON body"
        tabIndex={0}
        aria-activedescendant={items.some((item) => item.index === at) ? `${idPrefix}-${at}` : undefined}
        onKeyDown={onKeyDown}
        data-testid="json-tree-scroll"
        style={{ height: Math.min(rows.length * ROW_HEIGHT + 2, 600) }}
      >
        <div className="jt-body" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => (
            <div key={item.key} className="jt-slot" style={{ transform: `translateY(${item.start}px)` }}>
              <Row
                id={`${idPrefix}-${item.index}`}
                row={rows[item.index]}
                active={item.index === at}
                onToggle={() => toggle(item.index)}
                onPick={() => setActive(item.index)}
              />
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
