export interface QueryParam {
  name: string;
  value: string;
  /** The `name=value` segment as received. */
  raw: string;
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    return part;
  }
}

/** Query parameters in order, repeated keys kept, decoded (form style: '+' is a space). */
export function parseQuery(query: string): QueryParam[] {
  const text = query.startsWith('?') ? query.slice(1) : query;
  if (!text) return [];
  return text
    .split('&')
    .filter((raw) => raw !== '')
    .map((raw) => {
      const eq = raw.indexOf('=');
      return eq === -1
        ? { name: decode(raw), value: '', raw }
        : { name: decode(raw.slice(0, eq)), value: decode(raw.slice(eq + 1)), raw };
    });
}
