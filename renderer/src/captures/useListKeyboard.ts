import { useEffect, type RefObject } from 'react';
import { useCaptures } from './store';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** j / k move, Enter opens, Escape closes the detail, / focuses search; ignored while typing in a field. */
export function useListKeyboard(searchRef: RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
      const store = useCaptures.getState();
      switch (e.key) {
        case 'j':
          store.move(1);
          break;
        case 'k':
          store.move(-1);
          break;
        case 'Enter':
          if (store.selectedId === null || (e.target instanceof HTMLElement && e.target.closest('button, a, summary')))
            return;
          store.open(store.selectedId);
          break;
        case 'Escape':
          if (store.openId === null) return;
          store.open(null);
          break;
        case '/':
          searchRef.current?.focus();
          searchRef.current?.select();
          break;
        default:
          return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [searchRef]);
}
