import { execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, linkSync, lstatSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HeaderPair } from '../../src/shared/capture-types';
import { callApi, createApiHandlers } from '../../src/core/api';
import type { ApiHandlers } from '../../src/shared/api';
import type { NewCapture, StoredCapture } from '../../src/core/store/captures';
import { createApp } from '../../src/core/app';
import { BIN, type CliResult } from '../helpers/cli';
import { runCliInProcess } from '../helpers/cli-in-process';
import { startCaptureApp, type RunningCapture } from '../helpers/capture-app';
import { tempDir } from '../helpers/temp-dir';

// The corpus runs the real bash and curl once per case and the real CLI a few times.
vi.setConfig({ testTimeout: 120_000 });

const run = promisify(execFile);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let cap: RunningCapture;
let handlers: ApiHandlers;
let endpointId: number;
/** The folder every generated line runs in: holds the secret file, and must never get a canary. */
let work: { path: string; remove(): void };
/** Where the lines are written to be run. */
let scripts: { path: string; remove(): void };
/** A local file no request may ever carry. */
let secretPath: string;
const SECRET = `never-sent-${randomBytes(12).toString('hex')}`;

beforeAll(async () => {
  cap = await startCaptureApp();
  handlers = createApiHandlers(cap.app, { version: 'test', captureUrl: () => cap.url });
  endpointId = cap.app.createEndpoint('h').id;
  work = tempDir('hookscope-hostile-');
  scripts = tempDir('hookscope-lines-');
  secretPath = join(work.path, 'secret.txt');
  writeFileSync(secretPath, SECRET);
});
afterAll(async () => {
  await cap.close();
  work.remove();
  scripts.remove();
});

/** Runs the real hookscope CLI in a chosen working folder. */
function cli(args: string[], cwd: string): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', fail);
    child.on('close', (code) =>
      done({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
  });
}

interface Hostile {
  name: string;
  method?: string;
  /** Path and query as captured (the URL is built on the capture server's own address). */
  target?: string;
  /** The URL as captured, when it is not http://127.0.0.1:<port><target>. */
  url?: string;
  headers?: HeaderPair[];
  /** The body bytes (a function: known only once the test's folder exists). */
  body?: string | Buffer | (() => string);
  /** The builder must refuse it (BAD_INPUT), not produce a line. */
  refused?: RegExp;
  /** Header names the builder must leave out. */
  dropped?: string[];
  /** The path and query the server must get, when not the captured ones (percent-encoded controls). */
  arrives?: string;
}

const LONG_TEXT = `{"text":"${'it\'s a \\"long\\" $(value) `here` '.repeat(5000)}"}`; // ~170 KB: more than one argument may hold
const CORPUS: Hostile[] = [
  { name: 'body @/etc/hostname', body: '@/etc/hostname' },
  { name: 'body @file relative to the working folder', body: '@secret.txt' },
  { name: 'body @file absolute', body: () => `@${secretPath}` },
  { name: 'body <file', body: '<secret.txt' },
  { name: 'body @- (standard input)', body: '@-' },
  { name: 'body $(touch canary)', body: '$(touch canary)' },
  { name: 'body backticks', body: '`touch canary`' },
  { name: 'body single quote breakout', body: "'; touch canary; echo '" },
  { name: 'body double quote breakout', body: '"; touch canary; echo "' },
  { name: 'body backslash before a quote', body: "\\'; touch canary #" },
  { name: 'body ${IFS} expansion', body: '${IFS}touch${IFS}canary' },
  { name: 'body history expansion', body: '!! !-1 !touch !$' },
  { name: 'body NUL then a command', body: Buffer.from('a\u0000b; touch canary\u0000', 'latin1') },
  { name: 'body newlines with a command', body: 'line one\ntouch canary\n$(touch canary)\n' },
  { name: 'body CR and CRLF', body: 'a\rb\r\ntouch canary\r' },
  { name: 'body non-UTF-8 bytes', body: Buffer.from([0xff, 0xfe, 0x27, 0x0a, 0x24, 0x28, 0x74, 0x29, 0x80, 0xc3]) },
  { name: 'body terminal escapes', body: '\u001b]0;owned\u0007\u001b[2J\u001b]52;c;dG91Y2ggY2FuYXJ5\u0007' },
  {
    name: 'body bidi override and zero-width characters',
    body: 'safe\u202e;yranac hcuot\u202c\u200b\u2066x\u2069\u2028',
  },
  { name: 'body that looks like curl options', body: '--config secret.txt -K secret.txt --url file:///etc/hostname' },
  { name: 'body zsh =cmd, globs and tilde', body: '=touch * ~ ?[a-z] {a,b}' },
  { name: 'body printf formats and backslash escapes', body: '%s%n%x \\x41 \\n \\0 \\u0041' },
  { name: 'body tab and DEL', body: 'a\tb\u007fc' },
  {
    name: 'body binary with NUL (a PNG header)',
    body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x27, 0x5c, 0x24]),
  },
  { name: 'body too long for one argument', body: LONG_TEXT },
  { name: 'body of 5,000 single quotes', body: "'".repeat(5000) },
  {
    name: 'path with a newline and ; touch canary',
    target: '/h/a\n; touch canary',
    arrives: '/h/a%0A;%20touch%20canary',
  },
  { name: 'path with $(), backticks and quotes', target: '/h/$(touch${IFS}canary)/`id`/\'x\'"y"' },
  { name: 'path with glob ranges and braces', target: '/h/[1-9]/{a,b}?q=[x]&r={y}' },
  {
    name: 'query with & ; | > and quotes',
    target: "/h/q?a=1&b=';touch canary'|x>y",
    arrives: "/h/q?a=1&b=';touch%20canary'|x>y",
  },
  {
    name: 'header value with CRLF (header injection)',
    headers: [
      ['X-Split', 'one\r\nX-Injected: yes'],
      ['X-After', 'kept'],
    ],
    dropped: ['X-Split'],
  },
  { name: 'header value with LF only', headers: [['X-Lf', 'a\nX-Injected: 1']], dropped: ['X-Lf'] },
  { name: 'header value with NUL', headers: [['X-Nul', 'a\u0000b']], dropped: ['X-Nul'] },
  {
    name: 'header value with shell syntax',
    headers: [['X-Shell', '$(touch canary) `touch canary` \'"; touch canary']],
  },
  {
    name: 'header name that is a file (@)',
    headers: [
      ['@secret.txt', 'x'],
      ['X-Ok', '1'],
    ],
    dropped: ['@secret.txt'],
  },
  {
    name: 'header name with a space and a colon',
    headers: [
      ['Bad Name', 'v'],
      ['X:Colon', 'v'],
    ],
    dropped: ['Bad Name', 'X:Colon'],
  },
  { name: 'header name with $() (not a token)', headers: [['$(touch canary)', 'v']], dropped: ['$(touch canary)'] },
  { name: 'header name with backticks and a quote (a token)', headers: [["X-`touch`-canary'", 'v']] },
  { name: 'header value with a latin1 byte', headers: [['X-Latin', 'caf\u00e9 \u00ff']] },
  { name: 'header value with a tab', headers: [['X-Tab', 'a\tb']] },
  { name: 'very long header value', headers: [['X-Long', 'v'.repeat(12_000)]] },
  { name: 'empty header value', headers: [['X-Empty', '']] },
  {
    name: 'method with spaces',
    method: 'GET /x; touch canary',
    refused: /method 'GET \/x; touch canary' is not an HTTP method name/,
  },
  { name: 'method with a newline', method: 'POST\ntouch canary', refused: /method \$'POST\\x0atouch canary' is not/ },
  { name: 'custom method token', method: 'PURGE', body: 'x' },
  {
    name: 'file:// URL (absolute-form request target)',
    url: 'file:///etc/hostname',
    refused: /URL file:\/\/\/etc\/hostname is not an http\(s\) URL/,
  },
  { name: 'gopher URL', url: 'gopher://127.0.0.1:1/_touch', refused: /not an http\(s\) URL/ },
];

function bodyOf(h: Hostile): Buffer {
  const body = typeof h.body === 'function' ? h.body() : h.body;
  if (body === undefined) return Buffer.alloc(0);
  return Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
}

/** Stores a hostile capture as an import could (the capture server itself refuses most of these). */
function store(h: Hostile): StoredCapture {
  const body = bodyOf(h);
  const target = h.target ?? `/h/${h.name.replace(/[^a-z0-9]+/gi, '-')}`;
  const q = target.indexOf('?');
  const row: NewCapture = {
    endpointId,
    receivedAt: Date.now(),
    method: h.method ?? (body.length ? 'POST' : 'GET'),
    url: h.url ?? `http://127.0.0.1:${cap.port}${target}`,
    path: q < 0 ? target : target.slice(0, q),
    query: q < 0 ? '' : target.slice(q + 1),
    httpVersion: '1.1',
    remoteAddress: '127.0.0.1',
    remotePort: 1,
    headers: [['Host', `127.0.0.1:${cap.port}`], ...(h.headers ?? [])],
    body,
    bodySize: body.length,
    bodySha256: sha(body),
    truncated: false,
    error: null,
    response: { kind: 'none', reason: 'stored by the test' },
  };
  const [id] = cap.app.captures.insertMany([row]);
  return cap.app.captures.get(id);
}

/** Runs one generated line with the real bash and curl (from a script file: a pasted line has no argument-size limit); returns the captures it made. */
async function runLine(line: string): Promise<StoredCapture[]> {
  const before = cap.app.captures.maxId();
  const script = join(scripts.path, `line-${before}.sh`);
  writeFileSync(script, `${line} --silent --show-error --output /dev/null\n`);
  await run('/bin/bash', [script], { cwd: work.path, maxBuffer: 64 * 1024 * 1024 });
  const made: StoredCapture[] = [];
  for (let id = before + 1; id <= cap.app.captures.maxId(); id++) made.push(cap.app.captures.get(id));
  return made;
}

function expectNothingElseRan(received: StoredCapture[]): void {
  expect(existsSync(join(work.path, 'canary'))).toBe(false);
  expect(existsSync('canary')).toBe(false);
  for (const r of received) {
    const everything = Buffer.concat([Buffer.from(r.url), Buffer.from(JSON.stringify(r.headers)), r.body]).toString(
      'latin1',
    );
    expect(everything).not.toContain(SECRET);
  }
}

/** The server got the captured request: method, path and query, every sendable header in order, the body byte for byte. */
function expectSameRequest(h: Hostile, original: StoredCapture, received: StoredCapture[]): void {
  expect(received).toHaveLength(1);
  const [copy] = received;
  expect(copy.method).toBe(original.method);
  expect(`${copy.path}${copy.query ? `?${copy.query}` : ''}`).toBe(
    h.arrives ?? `${original.path}${original.query ? `?${original.query}` : ''}`,
  );
  expect(copy.bodySha256).toBe(original.bodySha256);
  expect(copy.body.equals(original.body)).toBe(true);
  const dropped = new Set(h.dropped ?? []);
  const sent = original.headers.filter(([n]) => !dropped.has(n));
  const got = copy.headers.filter(([n]) => sent.some(([s]) => s.toLowerCase() === n.toLowerCase()));
  expect(got).toEqual(sent);
  for (const name of dropped) expect(copy.headers.some(([n]) => n === name)).toBe(false);
  expect(copy.headers.some(([n]) => n.toLowerCase() === 'x-injected')).toBe(false);
}

describe('a hostile corpus through the one cURL builder, run by the real bash and curl', () => {
  const stored = new Map<string, StoredCapture>();
  const capture = (h: Hostile) => {
    if (!stored.has(h.name)) stored.set(h.name, store(h));
    return stored.get(h.name)!;
  };

  it('has at least 30 cases', () => expect(CORPUS.length).toBeGreaterThanOrEqual(30));

  for (const h of CORPUS) {
    it(`${h.name}: Copy as cURL (captures.curl) and export.curl send exactly it, and nothing else runs`, async () => {
      const original = capture(h);
      if (h.refused) {
        await expect(callApi(handlers, 'captures.curl', { id: original.id })).rejects.toMatchObject({
          code: 'BAD_INPUT',
          message: expect.stringMatching(h.refused),
        });
        await expect(callApi(handlers, 'export.curl', { id: original.id })).rejects.toMatchObject({
          code: 'BAD_INPUT',
        });
        const error = await callApi(handlers, 'captures.curl', { id: original.id }).catch((e: Error) => e.message);
        expect(error).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
        return;
      }
      // The clipboard line: self-contained, one line, nothing invisible in it.
      const copy = (await callApi(handlers, 'captures.curl', { id: original.id })) as {
        command: string;
        notes: string[];
      };
      expect(copy.command).not.toMatch(
        /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/,
      );
      for (const note of copy.notes) expect(note).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
      if (h.dropped) expect(copy.notes.filter((n) => /left out/.test(n))).toHaveLength(h.dropped.length);
      const viaCopy = await runLine(copy.command);
      expectNothingElseRan(viaCopy);
      expectSameRequest(h, original, viaCopy);

      // The API's export line: a binary or long body in a file the caller writes.
      const exported = (await callApi(handlers, 'export.curl', { id: original.id })) as {
        command: string;
        bodyFile: { name: string; bodyBase64: string } | null;
      };
      if (exported.bodyFile)
        writeFileSync(join(work.path, exported.bodyFile.name), Buffer.from(exported.bodyFile.bodyBase64, 'base64'));
      const viaExport = await runLine(exported.command);
      expectNothingElseRan(viaExport);
      expectSameRequest(h, original, viaExport);
    });
  }

  it('the CLI export of the whole corpus is one bash script: comments stay comments, body files are new, every capture arrives once', async () => {
    const originals = CORPUS.map(capture);
    const script = join(work.path, 'corpus.sh');
    const result = await cli(
      ['export', ...originals.map((o) => String(o.id)), '--format', 'curl', '--out', script, '--data', cap.dataDir],
      work.path,
    );
    expect(result.code).toBe(0);
    const text = readFileSync(script, 'utf8');
    // Every line is a comment, a curl command or empty: no captured byte started a line of its own.
    for (const line of text.split('\n')) expect(line).toMatch(/^(#.*|curl .*|printf .*|)$/);
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(text.match(/^# not exported: /gm)).toHaveLength(CORPUS.filter((h) => h.refused).length);
    // Where # is not a comment (zsh without interactive_comments), a comment line's words still run nothing.
    const comments = text.split('\n').filter((l) => l.startsWith('# '));
    const asWords = join(scripts.path, 'comments-as-words.sh');
    writeFileSync(asWords, comments.map((l) => `: ${l.slice(2)} 2>/dev/null || true`).join('\n'));
    await run('/bin/bash', [asWords], { cwd: work.path }).catch(() => undefined);
    expect(existsSync(join(work.path, 'canary'))).toBe(false);
    const bodies = join(work.path, 'corpus-bodies');
    expect(result.stderr).toContain(`in ${bodies}`);
    expect(readdirSync(bodies).sort()).toEqual(
      originals
        .filter((o) => (!o.body.length ? false : o.body.includes(0) || o.body.length > 100_000 || !isUtf8(o.body)))
        .map((o) => `capture-${o.id}.body`)
        .sort(),
    );

    const before = cap.app.captures.maxId();
    await run('/bin/bash', [script], { cwd: work.path, env: { ...process.env, CURL_HOME: work.path } });
    const after = cap.app.captures.maxId();
    const received: StoredCapture[] = [];
    for (let id = before + 1; id <= after; id++) received.push(cap.app.captures.get(id));
    expectNothingElseRan(received);
    const sendable = CORPUS.filter((h) => !h.refused);
    expect(received).toHaveLength(sendable.length);
    sendable.forEach((h, i) => expectSameRequest(h, capture(h), [received[i]]));
  });
});

function isUtf8(b: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

/** A data folder with one capture, closed (no -wal or -shm left), and its database's hash. */
async function closedDataFolder(): Promise<{
  dir: { path: string; remove(): void };
  db: string;
  hash: () => string;
  listing: () => string[];
}> {
  const dir = tempDir('hookscope-data-');
  const app = createApp({ dataDir: dir.path });
  const ep = app.createEndpoint('x');
  app.captures.insertMany([
    {
      endpointId: ep.id,
      receivedAt: 1,
      method: 'POST',
      url: 'http://h/x',
      path: '/x',
      query: '',
      httpVersion: '1.1',
      remoteAddress: null,
      remotePort: null,
      headers: [],
      body: Buffer.from([0, 1, 2]),
      bodySize: 3,
      bodySha256: sha(Buffer.from([0, 1, 2])),
      truncated: false,
      error: null,
      response: { kind: 'none', reason: 't' },
    },
  ]);
  await app.close();
  const db = join(dir.path, 'hookscope.db');
  return {
    dir,
    db,
    hash: () => sha(readFileSync(db)),
    listing: () => readdirSync(dir.path).sort(),
  };
}

describe('files the export writes', () => {
  it('refuses --out over the database, its -wal or -shm, into the data folder, or through a symlink (OUTPUT_FORBIDDEN, exit 2, nothing changed)', async () => {
    const data = await closedDataFolder();
    const outside = tempDir('hookscope-out-');
    try {
      const hash = data.hash();
      const listing = data.listing();
      symlinkSync(data.db, join(outside.path, 'link-to-db.ndjson'));
      symlinkSync(join(data.dir.path, 'hookscope.db-wal'), join(outside.path, 'dangling-to-wal'));
      symlinkSync(data.dir.path, join(outside.path, 'data-link'));
      linkSync(data.db, join(outside.path, 'hard-link-to-db'));
      const cases: [string[], string][] = [
        [['--out', data.db], outside.path],
        [['--out', `${data.db}-wal`], outside.path],
        [['--out', `${data.db}-shm`], outside.path],
        [['--out', join(data.dir.path, 'export.ndjson')], outside.path],
        [['--out', join(data.dir.path, 'providers', 'p.json')], outside.path],
        [['--out', 'hookscope.db'], data.dir.path],
        [['--out', join(outside.path, 'link-to-db.ndjson')], outside.path],
        [['--out', join(outside.path, 'dangling-to-wal')], outside.path],
        [['--out', join(outside.path, 'data-link', 'hookscope.db')], outside.path],
        [['--out', join(outside.path, 'data-link', 'new.ndjson')], outside.path],
        [['--out', join(outside.path, 'hard-link-to-db')], outside.path],
      ];
      // Each case through the CLI's own entry in this process; the symlinked --data and the check that the database
      // still works run as the real `hookscope` process below.
      for (const format of ['ndjson', 'curl']) {
        for (const [args, cwd] of cases) {
          const result = await runCliInProcess(['export', '--format', format, ...args, '--data', data.dir.path], {
            cwd,
          });
          expect({ args, code: result.code }).toEqual({ args, code: 2 });
          expect(result.stderr).toMatch(
            /^hookscope: will not write --out .+: it is (Hookscope's database file|inside Hookscope's data folder) .+ \[OUTPUT_FORBIDDEN\]\n$/,
          );
          expect(result.stdout).toBe('');
        }
      }
      // The same data folder reached through a symlink as --data.
      const viaLink = await cli(
        ['export', '--format', 'ndjson', '--out', data.db, '--data', join(outside.path, 'data-link')],
        outside.path,
      );
      expect(viaLink.code).toBe(2);
      expect(viaLink.stderr).toContain('[OUTPUT_FORBIDDEN]');
      expect(data.hash()).toBe(hash);
      expect(data.listing()).toEqual(listing);
      expect(lstatSync(join(outside.path, 'link-to-db.ndjson')).isSymbolicLink()).toBe(true);
      expect(existsSync(join(data.dir.path, 'hookscope.db-wal'))).toBe(false);
      // Still a working database.
      const list = await cli(['list', '--json', '--data', data.dir.path], outside.path);
      expect(list.code).toBe(0);
      expect(JSON.parse(list.stdout)).toHaveLength(1);
    } finally {
      outside.remove();
      data.dir.remove();
    }
  });

  it('refuses --out over the -wal and -shm of a database in use (a running app holds them), and they get no export in them', async () => {
    const kept = store({ name: 'kept while export is refused', body: 'kept' });
    const live = ['hookscope.db-wal', 'hookscope.db-shm'].map((f) => join(cap.dataDir, f));
    for (const file of live) expect(existsSync(file)).toBe(true);
    for (const file of live) {
      const result = await cli(['export', '--format', 'ndjson', '--out', file, '--data', cap.dataDir], work.path);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`it is Hookscope's database file ${file}`);
      expect(readFileSync(file).includes('"type":"hookscope-export"')).toBe(false);
    }
    // The database still answers, with what it held.
    expect(cap.app.captures.get(kept.id).body.toString()).toBe('kept');
  });

  it('refuses a cURL export that would put body files in the data folder (run from there without --out)', async () => {
    const data = await closedDataFolder();
    try {
      const hash = data.hash();
      const listing = data.listing();
      const result = await cli(['export', '--format', 'curl', '--data', data.dir.path], data.dir.path);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^hookscope: will not write cURL body files in .+ \[OUTPUT_FORBIDDEN\]\n$/);
      expect(data.hash()).toBe(hash);
      expect(data.listing()).toEqual(listing);
    } finally {
      data.dir.remove();
    }
  });

  it('--out - is standard output (no file named -); --out replaces a file whole and never writes through a symlink', async () => {
    const data = await closedDataFolder();
    const outside = tempDir('hookscope-out-');
    try {
      const dash = await cli(['export', '--format', 'ndjson', '--out', '-', '--data', data.dir.path], outside.path);
      expect(dash.code).toBe(0);
      expect(
        dash.stdout
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l).type),
      ).toContain('capture');
      expect(existsSync(join(outside.path, '-'))).toBe(false);
      expect(readdirSync(outside.path)).toEqual([]);

      const victim = join(outside.path, 'victim.txt');
      writeFileSync(victim, 'precious');
      const link = join(outside.path, 'out.ndjson');
      symlinkSync(victim, link);
      const viaLink = await cli(['export', '--format', 'ndjson', '--out', link, '--data', data.dir.path], outside.path);
      expect(viaLink.code).toBe(0);
      expect(readFileSync(victim, 'utf8')).toBe('precious');
      expect(lstatSync(link).isSymbolicLink()).toBe(false);
      expect(readFileSync(link, 'utf8').split('\n').length).toBe(dash.stdout.split('\n').length);
      // No temporary file left beside it.
      expect(readdirSync(outside.path).sort()).toEqual(['out.ndjson', 'victim.txt']);

      const missing = await cli(
        [
          'export',
          '--format',
          'ndjson',
          '--out',
          join(outside.path, 'no', 'such', 'folder.ndjson'),
          '--data',
          data.dir.path,
        ],
        outside.path,
      );
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/^hookscope: cannot write .+: its folder does not exist \[BAD_INPUT\]\n$/);
      const folder = await cli(
        ['export', '--format', 'ndjson', '--out', outside.path, '--data', data.dir.path],
        outside.path,
      );
      expect(folder.code).toBe(2);
      expect(folder.stderr).toMatch(/it is a folder \[BAD_INPUT\]/);
    } finally {
      outside.remove();
      data.dir.remove();
    }
  });

  it('cURL body files without --out go to a new folder: never over an existing file, never through a symlink', async () => {
    const data = await closedDataFolder();
    const cwd = tempDir('hookscope-cwd-');
    const elsewhere = tempDir('hookscope-elsewhere-');
    try {
      // What the old export wrote over: hookscope-<id>.body in the working folder; and a symlink where the folder would go.
      writeFileSync(join(cwd.path, 'hookscope-1.body'), 'mine');
      symlinkSync(elsewhere.path, join(cwd.path, 'hookscope-curl-bodies'));
      const result = await cli(['export', '--format', 'curl', '--data', data.dir.path], cwd.path);
      expect(result.code).toBe(0);
      const folder = join(cwd.path, 'hookscope-curl-bodies-2');
      expect(result.stderr).toBe(`wrote 1 body file in ${folder}\n`);
      expect(readFileSync(join(folder, 'capture-1.body'))).toEqual(Buffer.from([0, 1, 2]));
      expect(readFileSync(join(cwd.path, 'hookscope-1.body'), 'utf8')).toBe('mine');
      expect(readdirSync(elsewhere.path)).toEqual([]);
      expect(result.stdout).toContain(`--data-binary '@${folder}/capture-1.body'`);
      // Again: a third folder, the second one untouched.
      const again = await cli(['export', '--format', 'curl', '--data', data.dir.path], cwd.path);
      expect(again.stderr).toBe(`wrote 1 body file in ${join(cwd.path, 'hookscope-curl-bodies-3')}\n`);
      expect(readdirSync(folder)).toEqual(['capture-1.body']);
      // With --out, beside it, in <name>-bodies.
      const out = await cli(
        ['export', '--format', 'curl', '--out', join(elsewhere.path, 'x.sh'), '--data', data.dir.path],
        cwd.path,
      );
      expect(out.code).toBe(0);
      expect(readdirSync(join(elsewhere.path, 'x-bodies'))).toEqual(['capture-1.body']);
    } finally {
      cwd.remove();
      elsewhere.remove();
      data.dir.remove();
    }
  });
});
