import type { ReactNode } from 'react';

/** A modal box over the window: Escape or a click outside closes it. */
export function Dialog({
  label,
  actions,
  onClose,
  children,
  className,
}: {
  label: string;
  actions?: ReactNode;
  onClose(): void;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div
        className={`dialog${className ? ` ${className}` : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={label}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            onClose();
          }
        }}
      >
        <header className="dialog-head">
          <strong>{label}</strong>
          <div className="spacer" />
          {actions}
          <button type="button" onClick={onClose}>
            Close
          </button>
        </header>
        {children}
      </div>
    </div>
  );
}
