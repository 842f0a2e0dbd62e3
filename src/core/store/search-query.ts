/**
 * What a search box's text becomes in FTS5's query language. Pure: the
 * vocabulary lookup is passed in.
 */

/** Splits what a user typed into terms; each is matched as a quoted FTS5 prefix phrase. */
export function searchTerms(text: string): string[] {
  return text
    .split(/\s+/)
    .map((t) => t.trim())
    .filter((t) => /[\p{L}\p{N}]/u.test(t));
}

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** FTS5's own prefix query: every term a prefix phrase. Right for any text, slow for common prefixes. */
export function toFtsQuery(terms: string[]): string {
  return terms.map((t) => `${quote(t)}*`).join(' AND ');
}

/**
 * A term's tokens as the unicode61 tokenizer makes them (lower case, split on
 * anything but letters and digits), for plain ASCII terms only; null for any
 * other, whose folding (diacritics, case rules) is left to FTS5 itself.
 */
export function asciiTokens(term: string): string[] | null {
  if (!/^[\x20-\x7e]*$/.test(term)) return null;
  return term
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

export type SearchPlan =
  /** Use toFtsQuery: some term cannot be expanded (non-ASCII, or a prefix of too many terms). */
  | { kind: 'native' }
  /** Some term is a prefix of no indexed term: nothing indexed matches. */
  | { kind: 'nothing' }
  | { kind: 'query'; query: string };

/**
 * The same search as toFtsQuery(terms), with each term's last token replaced
 * by the exact terms it is a prefix of: `"cust"*` becomes `("customer" OR
 * "customers")`, `"payment_intent.succ"*` becomes `"payment intent
 * succeeded"`. `expand` returns the indexed terms starting with a prefix, or
 * null when there are too many to list.
 */
export function expandedFtsQuery(terms: string[], expand: (prefix: string) => string[] | null): SearchPlan {
  const clauses: string[] = [];
  for (const term of terms) {
    const tokens = asciiTokens(term);
    if (tokens === null || tokens.length === 0) return { kind: 'native' };
    const last = tokens[tokens.length - 1];
    const expansions = expand(last);
    if (expansions === null) return { kind: 'native' };
    if (expansions.length === 0) return { kind: 'nothing' };
    const head = tokens.slice(0, -1).join(' ');
    const phrases = expansions.map((e) => quote(head ? `${head} ${e}` : e));
    clauses.push(phrases.length === 1 ? phrases[0] : `(${phrases.join(' OR ')})`);
  }
  return { kind: 'query', query: clauses.join(' AND ') };
}
