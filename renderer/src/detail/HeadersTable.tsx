import type { HeaderPair } from '../../../src/shared/capture-types';

/** Headers exactly as received: order, case and duplicates kept; repeated names are marked. */
export function HeadersTable({ headers, label = 'Request headers' }: { headers: HeaderPair[]; label?: string }) {
  if (headers.length === 0) return <p className="muted">No headers.</p>;
  const counts = new Map<string, number>();
  for (const [name] of headers) counts.set(name.toLowerCase(), (counts.get(name.toLowerCase()) ?? 0) + 1);
  return (
    <table className="kv headers" aria-label={label}>
      <tbody>
        {headers.map(([name, value], i) => {
          const times = counts.get(name.toLowerCase()) ?? 1;
          return (
            <tr key={i}>
              <td className="kv-index">{i + 1}</td>
              <th scope="row" className="kv-name mono">
                {name}
                {times > 1 && (
                  <span className="tag" title={`sent ${times} times`}>
                    ×{times}
                  </span>
                )}
              </th>
              <td className="kv-value mono">{value}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
