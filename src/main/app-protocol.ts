import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

/**
 * The renderer is served from its own privileged scheme, hookscope://app/,
 * not file://: every file:// page shares one origin, this one is ours alone,
 * so IPC senders can be checked against it, and each response carries the CSP.
 */
export const APP_SCHEME = 'hookscope';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Registered before the app is ready: a standard, secure scheme (no fetch across origins, no bypass of CSP). */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

/**
 * The window's Content-Security-Policy: scripts and styles from the app only
 * (inline styles for the editor), no plugins, no frames, no forms, no
 * connections anywhere (the API goes over IPC).
 */
export const RENDERER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function appUrl(path = 'index.html'): string {
  return `${APP_ORIGIN}/${path.replace(/^\/+/, '')}`;
}

/** True for hookscope://app/... and nothing else. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

const SECURITY_HEADERS = {
  'Content-Security-Policy': RENDERER_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** The file under `root` a URL path names, or null when it would leave `root`. */
export function fileInside(root: string, urlPath: string): string | null {
  const base = resolve(root);
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = resolve(join(base, decoded.replace(/^[/\\]+/, '') || 'index.html'));
  return file === base || file.startsWith(base + sep) ? file : null;
}

/** The hookscope:// handler: files of the built renderer only, each with the CSP; unknown paths get the app (client routes). */
export function createAppProtocolHandler(root: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    if (!isAppUrl(request.url)) return new Response('not found', { status: 404, headers: SECURITY_HEADERS });
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return new Response('method not allowed', { status: 405, headers: SECURITY_HEADERS });
    let file = fileInside(root, url.pathname);
    if (!file) return new Response('not found', { status: 404, headers: SECURITY_HEADERS });
    if (!(await isFile(file))) {
      if (extname(file) !== '') return new Response('not found', { status: 404, headers: SECURITY_HEADERS });
      file = join(resolve(root), 'index.html');
    }
    const body = await readFile(file);
    const headers = { ...SECURITY_HEADERS, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' };
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
  };
}
