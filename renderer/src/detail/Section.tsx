import { useState, type ReactNode } from 'react';

/** A titled, collapsible block of the detail pane. */
export function Section({
  title,
  count,
  actions,
  children,
  id,
}: {
  title: string;
  count?: number;
  actions?: ReactNode;
  children: ReactNode;
  id: string;
}) {
  const [open, setOpen] = useState(true);
  return (
    <section className="section" aria-labelledby={`${id}-title`} data-section={id}>
      <header className="section-head">
        <button
          type="button"
          className="section-toggle"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
          id={`${id}-title`}
        >
          <span className={`chevron${open ? ' open' : ''}`} aria-hidden="true" />
          {title}
          {count !== undefined && <span className="count">{count}</span>}
        </button>
        {open && actions && <div className="section-actions">{actions}</div>}
      </header>
      {open && <div className="section-body">{children}</div>}
    </section>
  );
}
