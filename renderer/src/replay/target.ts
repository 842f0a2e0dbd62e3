import type { CaptureDetail, Endpoint } from '../../../src/shared/capture-types';
import { pathSuffix, targetUrl } from '../../../src/shared/replay-target';

export { pathSuffix };

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
    const url = targetUrl(endpoint.forwardUrl, pathSuffix(capture.path, endpoint.slug), capture.query);
    if (url) return { url, source: 'forward' };
  }
  if (lastUrl) return { url: lastUrl, source: 'last' };
  return { url: '', source: 'none' };
}
