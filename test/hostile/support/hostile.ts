// Helpers of the hostile terminal and start-up tests: hostile strings, a
// capture seeded straight into a real data folder, and checks for what a user
// must see (inert lines, one-line refusals). The CLI runs in-process through
// test/helpers/cli-in-process.ts, as in the other tests.
import { spawnSync } from 'node:child_process';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer as createNetServer, type Server as NetServer } from 'node:net';
import { join } from 'node:path';
import { expect } from 'vitest';
import { createApp } from '../../../src/core/app';
import { processIsAlive } from '../../../src/core/serve-lock';
import type { SecretSealer } from '../../../src/core/store/secrets';
import type { HeaderPair } from '../../../src/shared/capture-types';
import type { CliResult } from '../../helpers/cli';

/** Every character a terminal acts on, as the CLI must never print it raw (line feed and tab are judged apart). */
export const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;

export const ESC_CLEAR = '\x1b[2J\x1b[H';
export const OSC_TITLE = '\x1b]0;pwned\x07';
export const OSC52 = '\x1b]52;c;cm0gLXJmIH4K\x07';
export const C1_CSI = '\u009b31m';
export const BIDI = '\u202eevil\u2066';

export function seedCapture(
  dataDir: string,
  fields: { method?: string; path?: string; headers?: HeaderPair[]; body?: Buffer; error?: string | null },
): number {
  const app = createApp({ dataDir });
  try {
    const body = fields.body ?? Buffer.alloc(0);
    const path = fields.path ?? '/default/hook';
    const [id] = app.captures.insertMany([
      {
        endpointId: app.endpoints.get('default').id,
        receivedAt: Date.parse('2026-12-04T10:00:00Z'),
        method: fields.method ?? 'POST',
        url: path,
        path,
        query: '',
        httpVersion: '1.1',
        remoteAddress: '127.0.0.1',
        remotePort: 5555,
        headers: fields.headers ?? [],
        body,
        bodySize: body.length,
        bodySha256: createHash('sha256').update(body).digest('hex'),
        truncated: false,
        error: fields.error ?? null,
        response: { kind: 'answered', status: 200, headers: [], body: '{"ok":true}', delayMs: 0 },
      },
    ]);
    return id;
  } finally {
    void app.close();
  }
}

/** The lines of an output, each checked for a raw control character. */
export function assertInert(text: string, what: string): void {
  for (const line of text.split('\n'))
    expect(RAW_CONTROL.test(line.replace(/\t/g, ' ')), `${what}: ${JSON.stringify(line)}`).toBe(false);
}

/** A refusal as the user sees it: the exit code, one line ending with the code, no stack. */
export function expectOneLine(result: CliResult, exit: number, code: string): string {
  expect(result.code, result.stderr).toBe(exit);
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^hookscope: .+ \\[${code}\\]$`));
  expect(result.stderr).not.toMatch(/\n\s+at |Error:|node:internal/);
  return lines[0];
}

/** A pid that belonged to a process that has ended. */
export function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  const pid = Number(child.stdout.toString());
  expect(processIsAlive(pid)).toBe(false);
  return pid;
}

export function occupyPort(): Promise<NetServer> {
  return new Promise((resolve) => {
    const server = createNetServer();
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/** A sealer with a real cipher (AES-256-GCM), as an OS keychain would give. */
export function testSealer(name = 'test-keychain'): SecretSealer & { opened: number } {
  const key = createHash('sha256').update('a test keychain key').digest();
  const sealer = {
    name,
    opened: 0,
    seal(plain: string): Buffer {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    open(sealed: Buffer): string {
      sealer.opened++;
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
  return sealer;
}

/** Every byte Hookscope keeps in a data folder, to look for a secret in. */
export function folderBytes(dir: string): Buffer {
  return Buffer.concat(readdirSync(dir).map((f) => readFileSync(join(dir, f))));
}

/** Every class of sequence a terminal acts on, one capture each: none may reach the terminal raw through show, list or diff. */
export const SEQUENCES: [string, string][] = [
  ['CSI erase display', '\x1b[2J'],
  ['CSI cursor home and SGR', '\x1b[H\x1b[1;31m'],
  ['OSC 0 window title (BEL)', '\x1b]0;title\x07'],
  ['OSC 2 title (ST)', '\x1b]2;title\x1b\\'],
  ['OSC 52 clipboard write', '\x1b]52;c;ZWNobyBwd25lZA==\x07'],
  ['OSC 8 hyperlink', '\x1b]8;;https://evil.example/\x07click\x1b]8;;\x07'],
  ['DCS', '\x1bPq#0;2;0;0;0\x1b\\'],
  ['APC', '\x1b_payload\x1b\\'],
  ['PM and SOS', '\x1b^pm\x1b\\\x1bXsos\x1b\\'],
  ['8-bit CSI', '\u009b2J'],
  ['8-bit OSC and ST', '\u009d0;title\u009c'],
  ['8-bit DCS', '\u0090q\u009c'],
  ['NUL, BEL, backspace', 'a\x00b\x07c\x08d'],
  ['vertical tab and form feed', 'a\x0bb\x0cc'],
  ['shift out / shift in', 'a\x0eb\x0fc'],
  ['CAN and SUB', 'a\x18b\x1ac'],
  ['DEL', 'a\x7fb'],
  ['carriage return over a line', 'safe\rEVIL'],
  ['right-to-left override', 'abc\u202edcb'],
  ['left-to-right and right-to-left embedding', '\u202aa\u202bb\u202c'],
  ['isolates', '\u2066a\u2067b\u2068c\u2069'],
  ['implicit marks', 'a\u200eb\u200fc\u061cd'],
];
