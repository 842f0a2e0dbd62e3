import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeaderPair } from '../../../src/shared/capture-types';
import { buildCurl } from '../../../src/core/curl/build';
import { callApi, createApiHandlers } from '../../../src/core/api';
import { commentText, shellWord } from '../../../src/core/curl/shell-word';
import { mulberry32 } from '../../../src/core/random';
import { startCaptureApp, type RunningCapture } from '../../helpers/capture-app';
import { tempDir } from '../../helpers/temp-dir';
import { sendRaw } from './support';

const run = promisify(execFile);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let cap: RunningCapture;
let dir: ReturnType<typeof tempDir>;

beforeAll(async () => {
  cap = await startCaptureApp();
  cap.app.createEndpoint('c');
  dir = tempDir();
});
afterAll(async () => {
  await cap.close();
  dir.remove();
});

/** Copies capture `id` as cURL, runs the line with the real curl through /bin/sh, and returns the capture curl's request made. */
async function viaCurl(id: number) {
  const { command, bodyFile } = buildCurl(cap.app.captures.get(id), { bodyFileName: join(dir.path, `body-${id}.bin`) });
  if (bodyFile) writeFileSync(join(dir.path, `body-${id}.bin`), bodyFile.bytes);
  const before = cap.app.captures.maxId();
  await run('/bin/bash', ['-c', `${command} --silent --output /dev/null`], { cwd: dir.path });
  const after = cap.app.captures.maxId();
  expect(after).toBe(before + 1);
  return { copy: cap.app.captures.get(after), command, bodyFile };
}

/** The headers curl can reproduce: all but Connection (curl's own framing), in order. */
const sendable = (headers: HeaderPair[]) => headers.filter(([n]) => n.toLowerCase() !== 'connection');

describe('copy as cURL, run by the real curl', () => {
  it('a text body with shell metacharacters: same method, path, query, headers and bytes', async () => {
    const body = `{"it's":"$HOME \`whoami\` \\"quoted\\" \\\\ !x","emoji":"✓ ünï","crlf":"a\r\nb"}\n`;
    const { id } = await sendRaw(cap.port, {
      method: 'PATCH',
      path: '/c/items/1?q=a%20b&list[]=x',
      headers: [
        ['User-Agent', 'Prynt-Webhooks/1.0'],
        ['Content-Type', 'application/json'],
        ['X-Dup', 'one'],
        ['x-dup', "two 'quoted'"],
        ['X-Empty', ''],
      ],
      body,
    });
    const original = cap.app.captures.get(id);
    const { copy, command, bodyFile } = await viaCurl(id);
    expect(bodyFile).toBeNull();
    expect(command).toContain(" --data-raw $'");
    expect(command).toContain(" --globoff --proto '=http,https' ");
    expect(command).toContain(` --url 'http://127.0.0.1:${cap.port}/c/items/1?q=a%20b&list[]=x' `);
    expect(copy.method).toBe('PATCH');
    expect(copy.path).toBe(original.path);
    expect(copy.query).toBe(original.query);
    expect(sendable(copy.headers)).toEqual(sendable(original.headers));
    expect(copy.bodySha256).toBe(original.bodySha256);
    expect(copy.body.toString()).toBe(body);
  });

  it('a binary body goes through a file with --data-binary @file, every byte intact', async () => {
    const body = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7) % 256));
    const { id } = await sendRaw(cap.port, {
      path: '/c/bin',
      headers: [
        ['Content-Type', 'application/octet-stream'],
        ['Content-Encoding', 'gzip'],
      ],
      body,
    });
    const original = cap.app.captures.get(id);
    const { copy, command, bodyFile } = await viaCurl(id);
    expect(bodyFile).not.toBeNull();
    expect(command).toContain(`--data-binary '@${join(dir.path, `body-${id}.bin`)}'`);
    expect(sha(copy.body)).toBe(sha(body));
    expect(sendable(copy.headers)).toEqual(sendable(original.headers));
  });

  it('a body starting with @ is sent as text with --data-raw, not read as a file; a GET without body has no -X', async () => {
    const { id } = await sendRaw(cap.port, {
      path: '/c/at',
      headers: [['Content-Type', 'text/plain']],
      body: '@/etc/passwd',
    });
    const { copy, command } = await viaCurl(id);
    expect(command).toContain(` --data-raw '@/etc/passwd'`);
    expect(copy.body.toString()).toBe('@/etc/passwd');

    const get = await sendRaw(cap.port, {
      method: 'GET',
      path: '/c/get?x=1',
      headers: [['Accept', 'application/json']],
      body: '',
    });
    const result = await viaCurl(get.id);
    expect(result.command).not.toContain('-X');
    expect(result.copy.method).toBe('GET');
    expect(result.copy.body.length).toBe(0);
    expect(sendable(result.copy.headers)).toEqual(sendable(cap.app.captures.get(get.id).headers));
  });

  it('a binary body in pipe mode (Copy as cURL) is piped in from base64 on the same line, and says so', async () => {
    const body = Buffer.from([0x00, 0xff, 0x27, 0x0a, 0x60, 0x24, 0x28]);
    const { id } = await sendRaw(cap.port, {
      path: '/c/pipe',
      headers: [['Content-Type', 'application/octet-stream']],
      body,
    });
    const { command, bodyFile, notes } = buildCurl(cap.app.captures.get(id), { body: 'pipe' });
    expect(bodyFile).toBeNull();
    expect(command).toMatch(/^printf %s '?[A-Za-z0-9+/=]+'? \| base64 -d \| curl -X POST .* --data-binary @-$/);
    expect(notes).toEqual([expect.stringMatching(/binary .* pipes it in from base64 \(a browser cannot write a file/)]);
    const before = cap.app.captures.maxId();
    await run('/bin/bash', ['-c', `${command} --silent --output /dev/null`], { cwd: dir.path });
    expect(cap.app.captures.get(before + 1).body.equals(body)).toBe(true);
  });
});

describe('captures.curl in the API contract', () => {
  it('answers a self-contained line and its notes; a bad id is BAD_INPUT, a missing one CAPTURE_NOT_FOUND', async () => {
    const handlers = createApiHandlers(cap.app, { version: 'test', captureUrl: () => cap.url });
    const { id } = await sendRaw(cap.port, { path: '/c/api', headers: [['Content-Type', 'text/plain']], body: 'hi' });
    expect(await callApi(handlers, 'captures.curl', { id })).toEqual({
      command: `curl -X POST --globoff --proto '=http,https' --url http://127.0.0.1:${cap.port}/c/api -H 'Host: 127.0.0.1:${cap.port}' -H 'Content-Type: text/plain' -H 'Content-Length: 2' -H 'User-Agent:' -H 'Accept:' --data-raw hi`,
      notes: [],
    });
    await expect(callApi(handlers, 'captures.curl', { id: 'x' })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(callApi(handlers, 'captures.curl', { id, extra: 1 })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(callApi(handlers, 'captures.curl', { id: 999_999 })).rejects.toMatchObject({
      code: 'CAPTURE_NOT_FOUND',
    });
  });
});

describe('shell words and comments', () => {
  it('any bytes but NUL come back from bash exactly, as one argument, from a word with nothing invisible in it', async () => {
    const random = mulberry32(13);
    const samples: Buffer[] = [
      Buffer.from("it's"),
      Buffer.from('a b'),
      Buffer.from('$(rm -rf /)'),
      Buffer.from('`x`'),
      Buffer.from('"\\'),
      Buffer.from('plain-value_1.2'),
      Buffer.from(''),
      Buffer.from('=ls'),
      Buffer.from('!!'),
      Buffer.from('\u202e\u200b\u2028é✓'),
    ];
    for (let n = 0; n < 40; n++)
      samples.push(
        Buffer.from(Array.from({ length: 1 + Math.floor(random() * 40) }, () => 1 + Math.floor(random() * 255))),
      );
    const words = samples.map((b) => shellWord(b));
    for (const w of words)
      expect(w).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    // One bash run: each word printed as one NUL-terminated argument.
    const { stdout } = await run('/bin/bash', ['-c', `printf '%s\\0' ${words.join(' ')}`], { encoding: 'buffer' });
    const back: Buffer[] = [];
    for (let at = 0; at < stdout.length;) {
      const end = stdout.indexOf(0, at);
      back.push(stdout.subarray(at, end));
      at = end + 1;
    }
    expect(back.map((b) => b.toString('hex'))).toEqual(samples.map((b) => b.toString('hex')));
    expect(() => shellWord(Buffer.from([0x61, 0]))).toThrow(/NUL/);
  });

  it('comment text keeps visible text and escapes what could end the line or act on a terminal', () => {
    expect(commentText('/a\n; touch canary')).toBe('/a\\x0a; touch canary');
    expect(commentText('\u001b[2J\u202e\\x')).toBe('\\x1b[2J\\u{202e}\\\\x');
    expect(commentText('café ✓')).toBe('café ✓');
    expect(commentText('x'.repeat(10), 4)).toBe('xxxx…');
  });
});
