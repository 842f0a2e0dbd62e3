import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeaderPair } from '../../../src/shared/capture-types';
import { toCurl, shellQuote } from '../../../src/core/replay/curl';
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
  const { command, bodyFile } = toCurl(cap.app.captures.get(id), { bodyFileName: join(dir.path, `body-${id}.bin`) });
  if (bodyFile) writeFileSync(join(dir.path, `body-${id}.bin`), Buffer.from(bodyFile.bodyBase64, 'base64'));
  const before = cap.app.captures.maxId();
  await run('/bin/sh', ['-c', `${command} --silent --output /dev/null`], { cwd: dir.path });
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
      headers: [['User-Agent', 'Prynt-Webhooks/1.0'], ['Content-Type', 'application/json'], ['X-Dup', 'one'], ['x-dup', "two 'quoted'"], ['X-Empty', '']],
      body,
    });
    const original = cap.app.captures.get(id);
    const { copy, command, bodyFile } = await viaCurl(id);
    expect(bodyFile).toBeNull();
    expect(command).toContain('--data-binary');
    expect(command).toContain('--globoff');
    expect(copy.method).toBe('PATCH');
    expect(copy.path).toBe(original.path);
    expect(copy.query).toBe(original.query);
    expect(sendable(copy.headers)).toEqual(sendable(original.headers));
    expect(copy.bodySha256).toBe(original.bodySha256);
    expect(copy.body.toString()).toBe(body);
  });

  it('a binary body goes through a file with --data-binary @file, every byte intact', async () => {
    const body = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7) % 256));
    const { id } = await sendRaw(cap.port, { path: '/c/bin', headers: [['Content-Type', 'application/octet-stream'], ['Content-Encoding', 'gzip']], body });
    const original = cap.app.captures.get(id);
    const { copy, command, bodyFile } = await viaCurl(id);
    expect(bodyFile).not.toBeNull();
    expect(command).toContain(`--data-binary ${shellQuote(`@${join(dir.path, `body-${id}.bin`)}`)}`);
    expect(sha(copy.body)).toBe(sha(body));
    expect(sendable(copy.headers)).toEqual(sendable(original.headers));
  });

  it('a body starting with @ is sent as text, not read as a file; a GET without body has no -X', async () => {
    const { id } = await sendRaw(cap.port, { path: '/c/at', headers: [['Content-Type', 'text/plain']], body: '@/etc/passwd' });
    const { copy } = await viaCurl(id);
    expect(copy.body.toString()).toBe('@/etc/passwd');

    const get = await sendRaw(cap.port, { method: 'GET', path: '/c/get?x=1', headers: [['Accept', 'application/json']], body: '' });
    const result = await viaCurl(get.id);
    expect(result.command).not.toContain('-X');
    expect(result.copy.method).toBe('GET');
    expect(result.copy.body.length).toBe(0);
    expect(sendable(result.copy.headers)).toEqual(sendable(cap.app.captures.get(get.id).headers));
  });

  it('quotes for a POSIX shell', async () => {
    for (const value of ["it's", 'a b', '$(rm -rf /)', '`x`', '"\\', 'plain-value_1.2', '']) {
      const { stdout } = await run('/bin/sh', ['-c', `printf %s ${shellQuote(value)}`]);
      expect(stdout).toBe(value);
    }
  });
});
