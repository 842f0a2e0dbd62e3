import { useEffect, useState } from 'react';
import { ErrorNote } from '../components/ErrorNote';
import { longTime } from '../captures/format';
import { captureBase, useUi } from '../ui-store';
import { EndpointForm } from './EndpointForm';
import { describeRule } from './rule-form';
import { describeRetention } from './retention-form';
import { useEndpoints } from './store';

type Editing = { kind: 'none' } | { kind: 'new' } | { kind: 'edit'; slug: string };

/** Endpoints and how each answers; create one, or change a rule (a running capture server picks it up at once). */
export function EndpointsScreen() {
  const { endpoints, loaded, error, load } = useEndpoints();
  const base = captureBase(useUi((s) => s.info));
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });

  useEffect(() => {
    void load();
  }, [load]);

  const current = editing.kind === 'edit' ? (endpoints.find((e) => e.slug === editing.slug) ?? null) : null;

  return (
    <div className="endpoints">
      <div className="endpoints-list">
        <div className="toolbar">
          <h2>Endpoints</h2>
          <div className="spacer" />
          <button type="button" className="primary" onClick={() => setEditing({ kind: 'new' })}>
            New endpoint
          </button>
        </div>
        <ErrorNote message={error} onRetry={() => void load()} />
        {!loaded ? (
          <p className="muted pad">Loading endpoints…</p>
        ) : endpoints.length === 0 ? (
          <p className="muted pad">
            No endpoints yet: the first request creates <code>default</code>, or make one with New endpoint.
          </p>
        ) : (
          <table className="table" aria-label="Endpoints">
            <thead>
              <tr>
                <th>Slug</th>
                <th className="narrow-hide">URL</th>
                <th>Provider</th>
                <th>Secrets</th>
                <th>Forwarding</th>
                <th>Answers</th>
                <th>Retention</th>
                <th className="narrow-hide">Created</th>
              </tr>
            </thead>
            <tbody>
              {endpoints.map((e) => (
                <tr
                  key={e.id}
                  data-slug={e.slug}
                  className={editing.kind === 'edit' && editing.slug === e.slug ? 'selected' : ''}
                  onClick={() => setEditing({ kind: 'edit', slug: e.slug })}
                >
                  <td>
                    <button
                      type="button"
                      className="link strong"
                      onClick={() => setEditing({ kind: 'edit', slug: e.slug })}
                    >
                      {e.slug}
                    </button>
                  </td>
                  <td className="mono muted ep-url narrow-hide">{base === null ? '…' : `${base}${e.slug}/`}</td>
                  <td>
                    {e.provider ?? (
                      <span className="muted" title="Detected per request">
                        detected
                      </span>
                    )}
                  </td>
                  <td className={e.secretCount ? 'mono' : 'mono muted'} data-testid="secrets">
                    {e.secretCount === undefined ? '…' : e.secretCount === 0 ? 'none' : e.secretCount}
                  </td>
                  <td
                    className={e.forwardUrl ? 'mono ep-url' : 'muted'}
                    data-testid="forwarding"
                    title={e.forwardUrl ?? undefined}
                  >
                    {e.forwardUrl ? `${e.forwardMode === 'proxy' ? 'proxy → ' : '→ '}${e.forwardUrl}` : 'off'}
                  </td>
                  <td className="mono">{describeRule(e.rule)}</td>
                  <td
                    className={e.retention.keepCount === null && e.retention.keepDays === null ? 'mono muted' : 'mono'}
                    data-testid="retention"
                  >
                    {describeRetention(e.retention)}
                  </td>
                  <td className="mono muted narrow-hide">{longTime(e.createdAt).slice(0, 19)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {editing.kind !== 'none' && (editing.kind === 'new' || current) && (
        <aside className="endpoints-form">
          <EndpointForm
            key={editing.kind === 'new' ? '(new)' : editing.slug}
            endpoint={current}
            onDone={() => setEditing({ kind: 'none' })}
          />
        </aside>
      )}
    </div>
  );
}
