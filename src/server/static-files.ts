import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { HookscopeError } from '../shared/errors';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface StaticFile {
  body: Buffer;
  type: string;
}

/** A URL path with its %-escapes undone; a malformed escape (`%zz`, a cut-off `%E0%A4`) is the caller's error. */
export function decodePath(urlPath: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    throw new HookscopeError('BAD_INPUT', 'the path has a malformed %-escape');
  }
  if (decoded.includes('\0')) throw new HookscopeError('BAD_INPUT', 'the path holds a NUL byte');
  return decoded;
}

/** Serves files from the built renderer, never outside its folder. */
export function readStatic(root: string, urlPath: string): StaticFile | undefined {
  const base = resolve(root);
  const relative = normalize(decodePath(urlPath)).replace(/^([/\\])+/, '');
  const file = resolve(join(base, relative || 'index.html'));
  if (file !== base && !file.startsWith(base + sep)) return undefined;
  if (!existsSync(file) || !statSync(file).isFile()) return undefined;
  return { body: readFileSync(file), type: TYPES[extname(file)] ?? 'application/octet-stream' };
}

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function placeholderPage(rawCaptureUrl: string): string {
  const captureUrl = escapeHtml(rawCaptureUrl);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Hookscope</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto">
<h1>Hookscope is capturing</h1>
<p>The interface is not built in this checkout (run <code>npm run build:ui</code>); the capture server and the CLI work without it.</p>
<p>Send a first webhook:</p>
<pre>curl -X POST ${captureUrl}default/hello -H 'Content-Type: application/json' -d '{"hello":"world"}'</pre>
<p>Then look at it with <code>npx hookscope list</code> and <code>npx hookscope show ID</code>.</p>
</body></html>`;
}
