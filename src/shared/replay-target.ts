/**
 * Where a capture goes when sent on to a base URL (an endpoint's forward
 * target): one definition for the core's replay and forwarding and the
 * window's replay form. Pure.
 */

/** The WHATWG URL parser, global in every runtime this runs in (Node, the browser); `lib: ES2022` alone does not declare it. */
interface ParsedUrl {
  protocol: string;
  host: string;
  pathname: string;
  search: string;
}
declare const URL: new (input: string) => ParsedUrl;

/** The part of a capture's path after its endpoint's slug: `/stripe/a/b` -> `/a/b`; the default endpoint keeps the whole path. */
export function pathSuffix(path: string, slug: string): string {
  const prefix = `/${slug}`;
  if (path === prefix) return '';
  if (path.startsWith(`${prefix}/`)) return path.slice(prefix.length);
  return path;
}

/** The base's path followed by the path suffix, the capture's query after the base's own; null when the base is not a URL. */
export function targetUrl(base: string, suffix: string, query: string): string | null {
  let url: ParsedUrl;
  try {
    url = new URL(base);
  } catch {
    return null;
  }
  const path = suffix ? `${url.pathname.replace(/\/$/, '')}${suffix}` : url.pathname;
  const own = url.search.replace(/^\?/, '');
  const search = [own, query].filter((q) => q.length > 0).join('&');
  return `${url.protocol}//${url.host}${path}${search ? `?${search}` : ''}`;
}
