/**
 * The URL a provider signed, as a handler must rebuild it. A capture knows the
 * URL it was received on (`http://<Host><request-target>`); behind a tunnel or
 * proxy the provider called the public one, which the proxy forwards as
 * X-Forwarded-Proto / X-Forwarded-Host. The verifier tries these plausible
 * variants, the most likely first, and names the one that matched.
 */
import { firstHeader, type HeaderPairs } from './headers';

export interface UrlCandidate {
  url: string;
  /** How this variant was built, for a diagnosis ("as received", "as forwarded by the proxy"...). */
  how: string;
}

const ABSOLUTE = /^(https?):\/\/([^/?#]*)([^#]*)$/i;
const DEFAULT_PORT: Record<string, string> = { http: '80', https: '443' };

function firstListItem(value: string | undefined): string | undefined {
  const item = value?.split(',')[0]?.trim();
  return item ? item : undefined;
}

function withoutPort(host: string): string {
  return host.replace(/:\d+$/, '');
}

/**
 * The URL variants to try, deduplicated, most plausible first: the public URL
 * the forwarding headers name, the URL as received, each with the other
 * scheme, and each with the default port written out or dropped (Twilio's own
 * validator tries both). Empty when `received` is not an absolute http(s) URL.
 */
export function urlCandidates(received: string, headers: HeaderPairs): UrlCandidate[] {
  const match = ABSOLUTE.exec(received);
  if (!match) return [];
  const scheme = match[1].toLowerCase();
  const host = match[2];
  const target = match[3] === '' ? '/' : match[3];
  const forwardedProto = firstListItem(firstHeader(headers, 'x-forwarded-proto'))?.toLowerCase();
  const forwardedHost = firstListItem(firstHeader(headers, 'x-forwarded-host'));
  const out: UrlCandidate[] = [];
  const seen = new Set<string>();
  const add = (proto: string, authority: string, how: string) => {
    const url = `${proto}://${authority}${target}`;
    if (seen.has(url)) return;
    seen.add(url);
    out.push({ url, how });
  };
  const bases: { proto: string; authority: string; how: string }[] = [];
  if (forwardedProto === 'http' || forwardedProto === 'https' || forwardedHost)
    bases.push({
      proto: forwardedProto === 'http' || forwardedProto === 'https' ? forwardedProto : scheme,
      authority: forwardedHost ?? host,
      how: 'as forwarded by the proxy (X-Forwarded-Proto / X-Forwarded-Host)',
    });
  bases.push({ proto: scheme, authority: host, how: 'as received' });
  for (const base of bases) add(base.proto, base.authority, base.how);
  for (const base of bases) {
    const other = base.proto === 'https' ? 'http' : 'https';
    add(other, base.authority, `${base.how}, with ${other}`);
  }
  for (const base of [...out]) {
    const proto = base.url.slice(0, base.url.indexOf(':'));
    const authority = base.url.slice(proto.length + 3, base.url.length - target.length);
    const bare = withoutPort(authority);
    if (bare !== authority && authority.endsWith(`:${DEFAULT_PORT[proto]}`))
      add(proto, bare, `${base.how}, without the default port`);
    else if (bare === authority)
      add(proto, `${authority}:${DEFAULT_PORT[proto]}`, `${base.how}, with port ${DEFAULT_PORT[proto]}`);
  }
  return out;
}

/** The URL with `name=value` as the last query parameter (Twilio's `bodySHA256`), replacing one already there (a re-signed replay). */
export function withQueryParam(url: string, name: string, value: string): string {
  const hash = url.indexOf('#');
  const noFragment = hash >= 0 ? url.slice(0, hash) : url;
  const q = noFragment.indexOf('?');
  const path = q >= 0 ? noFragment.slice(0, q) : noFragment;
  const kept = (q >= 0 ? noFragment.slice(q + 1).split('&') : []).filter(
    (part) => part.length > 0 && safeDecode(part.split('=')[0]) !== name,
  );
  kept.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
  return `${path}?${kept.join('&')}`;
}

/** The first value of query parameter `name` in `url` (decoded), or undefined. */
export function queryParam(url: string, name: string): string | undefined {
  const q = url.indexOf('?');
  if (q < 0) return undefined;
  const query = url.slice(q + 1).split('#')[0];
  for (const part of query.split('&')) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    if (safeDecode(key) === name) return eq < 0 ? '' : safeDecode(part.slice(eq + 1));
  }
  return undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
