import { HookscopeError } from '../../shared/errors';

/** The part of a capture's path after its endpoint's slug: `/stripe/a/b` -> `/a/b`; the default endpoint keeps the whole path. */
export function pathSuffix(path: string, slug: string): string {
  const prefix = `/${slug}`;
  if (path === prefix) return '';
  if (path.startsWith(`${prefix}/`)) return path.slice(prefix.length);
  return path;
}

/**
 * Where a capture goes when sent to a base URL (an endpoint's forward target):
 * the base's path followed by the capture's path suffix, and the capture's
 * query after the base's own.
 */
export function joinTarget(base: string, suffix: string, query: string): string {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new HookscopeError('BAD_INPUT', `"${base}" is not a URL`, { url: base });
  }
  const path = suffix ? `${url.pathname.replace(/\/$/, '')}${suffix}` : url.pathname;
  const own = url.search.replace(/^\?/, '');
  const search = [own, query].filter((q) => q.length > 0).join('&');
  return `${url.protocol}//${url.host}${path}${search ? `?${search}` : ''}`;
}
