import { useEffect, useState } from 'react';
import type { CaptureSummary } from '../../src/shared/capture-types';
import type { AppInfo } from '../../src/shared/api';
import { call } from './transport';

/** The first screen: where to send webhooks, and the latest captures. */
export function App() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [rows, setRows] = useState<CaptureSummary[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    const load = async () => {
      try {
        const [i, list] = await Promise.all([call('app.info', {}), call('captures.list', { limit: 100 })]);
        if (!alive) return;
        setInfo(i);
        setRows(list);
        setError(null);
      } catch (e) {
        if (alive) setError((e as Error).message);
      }
    };
    void load();
    const timer = setInterval(load, 1000);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, []);

  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', margin: '1.5rem' }}>
      <h1>Hookscope</h1>
      {error && <p role="alert">{error}</p>}
      {info?.captureUrl && (
        <p>
          Send webhooks to <code>{info.captureUrl}</code>
        </p>
      )}
      {rows.length === 0 ? (
        <pre>{`curl -X POST ${info?.captureUrl ?? 'http://127.0.0.1:8787/'}default/hello -H 'Content-Type: application/json' -d '{"hello":"world"}'`}</pre>
      ) : (
        <table>
          <thead>
            <tr>
              <th>id</th><th>time</th><th>endpoint</th><th>method</th><th>path</th><th>size</th><th>status</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{r.id}</td><td>{r.receivedAt}</td><td>{r.endpoint}</td><td>{r.method}</td><td>{r.path}</td>
                <td>{r.bodySize}</td><td>{r.responseStatus ?? '-'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
