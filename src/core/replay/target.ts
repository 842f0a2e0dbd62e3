import { HookscopeError } from '../../shared/errors';
import { pathSuffix, targetUrl } from '../../shared/replay-target';

export { pathSuffix };

/** targetUrl (src/shared/replay-target.ts), refusing a base that is not a URL with BAD_INPUT. */
export function joinTarget(base: string, suffix: string, query: string): string {
  const url = targetUrl(base, suffix, query);
  if (url === null) throw new HookscopeError('BAD_INPUT', `"${base}" is not a URL`, { url: base });
  return url;
}
