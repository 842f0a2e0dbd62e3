import { parseQuery } from './query';

/** Query parameters in order, repeated keys kept, decoded; the raw string below. */
export function QueryTable({ query }: { query: string }) {
  const params = parseQuery(query);
  if (params.length === 0) return <p className="muted">No query string.</p>;
  return (
    <>
      <table className="kv query" aria-label="Query parameters">
        <tbody>
          {params.map((p, i) => (
            <tr key={i}>
              <td className="kv-index">{i + 1}</td>
              <th scope="row" className="kv-name mono">
                {p.name}
              </th>
              <td className="kv-value mono" title={p.raw}>
                {p.value}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="raw-line mono">?{query.startsWith('?') ? query.slice(1) : query}</p>
    </>
  );
}
