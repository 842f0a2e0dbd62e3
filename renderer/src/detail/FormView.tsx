import { parseQuery } from './query';

/** A form-encoded body as its fields, in order, repeated names kept, decoded ('+' is a space); the raw text is the Text view. */
export function FormView({ text }: { text: string }) {
  const fields = parseQuery(text.trim());
  if (fields.length === 0) return <p className="muted">No form fields.</p>;
  return (
    <table className="kv form-fields" aria-label="Form fields">
      <tbody>
        {fields.map((f, i) => (
          <tr key={i}>
            <td className="kv-index">{i + 1}</td>
            <th scope="row" className="kv-name mono">
              {f.name}
            </th>
            <td className="kv-value mono" title={f.raw}>
              {f.value}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
