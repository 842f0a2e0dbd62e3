/** Raw header pairs as received: any case, duplicates kept, order kept. */
export type HeaderPairs = ReadonlyArray<readonly [string, string]>;

/** Every value of `name` (case-insensitive), in order. */
export function headerValues(headers: HeaderPairs, name: string): string[] {
  const wanted = name.toLowerCase();
  const out: string[] = [];
  for (const pair of headers) {
    if (Array.isArray(pair) && typeof pair[0] === 'string' && pair[0].toLowerCase() === wanted)
      out.push(String(pair[1]));
  }
  return out;
}

export function firstHeader(headers: HeaderPairs, name: string): string | undefined {
  return headerValues(headers, name)[0];
}

export function hasHeader(headers: HeaderPairs, name: string): boolean {
  return headerValues(headers, name).length > 0;
}
