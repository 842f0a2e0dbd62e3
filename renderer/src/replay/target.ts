import type { CaptureDetail, Endpoint } from '../../../src/shared/capture-types';

/** The part of a capture's path after its endpoint's slug: `/stripe/a/b` -> `/a/b`; the default endpoint keeps the whole path. */
export function pathSuffix(path: string, slug: string): string {
  const prefix = `/${slug}`;
  if (path === prefix) return '';
  if (path.startsWith(`${prefix}/`)) return path.slice(prefix.length);
  return path;
}

/** A base URL followed by a path suffix, with the capture's query after the base's own; null when the base is not a URL. */
export function joinTarget(base: string, suffix: string, query: string): string | null {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    return null;
  }
  const path = suffix ? `${url.pathname.replace(/\/$/, '')}${suffix}` : url.pathname;
  const search = [url.search.replace(/^\?/, ''), query].filter((q) => q.length > 0).join('&');
  return `${url.protocol}//${url.host}${path}${search ? `?${search}` : ''}`;
}

export type TargetSource = 'forward' | 'last' | 'none';

/**
 * Where a replay goes unless the user says otherwise: the endpoint's forward
 * URL with the capture's path suffix and query (what the API does by
 * default), else the last URL replayed to.
 */
export function defaultReplayUrl(
  capture: Pick<CaptureDetail, 'path' | 'query' | 'endpoint'>,
  endpoint: Pick<Endpoint, 'slug' | 'forwardUrl'> | undefined,
  lastUrl: string | null,
): { url: string; source: TargetSource } {
  if (endpoint?.forwardUrl) {
    const url = joinTarget(endpoint.forwardUrl, pathSuffix(capture.path, endpoint.slug), capture.query);
    if (url) return { url, source: 'forward' };
  }
  if (lastUrl) return { url: lastUrl, source: 'last' };
  return { url: '', source: 'none' };
}
