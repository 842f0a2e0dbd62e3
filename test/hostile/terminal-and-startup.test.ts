// Hostile input against the user's terminal and the start-up path: captured
// escape sequences printed by the CLI, a second serve on one data folder, a
// port in use, data folders that cannot be made, secrets at rest, durability.
// Everything runs for real: the `hookscope` command as a child process, real
// SQLite files in temp folders, real listeners on 127.0.0.1.
import { spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { logLine } from '../../src/cli/commands/serve';
import { describeReplay } from '../../src/cli/commands/replay';
import { printTable } from '../../src/cli/output';
import { inertLine } from '../../src/cli/terminal-safe';
import { createApp } from '../../src/core/app';
import { signRequest } from '../../src/core/providers';
import { acquireServeLock, LOCK_FILE, type LockInfo } from '../../src/core/serve-lock';
import { openDatabase } from '../../src/core/store/db';
import { LATEST_VERSION } from '../../src/core/store/migrations';
import { createReplayRepo, toReplayView } from '../../src/core/store/replays';
import type { SecretSealer } from '../../src/core/store/secrets';
import { startDesktop } from '../../src/main/bootstrap';
import { osEncryptionAvailable, osProtectedSecretKey } from '../../src/main/secret-key';
import { createKeySealer } from '../../src/core/store/key-sealer';
import { connectPage } from '../main/support/fake-page';
import type { HeaderPair } from '../../src/shared/capture-types';
import { runCli } from '../helpers/cli';
import { runCliInProcess } from '../helpers/cli-in-process';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { tempDir } from '../helpers/temp-dir';
import { createFakeElectron } from '../main/support/fake-electron';
import { mountUnavailable, tmpfsDir } from '../reliability/support/faults';
import {
  assertInert,
  BIDI,
  C1_CSI,
  deadPid,
  ESC_CLEAR,
  expectOneLine,
  folderBytes,
  occupyPort,
  OSC52,
  OSC_TITLE,
  RAW_CONTROL,
  seedCapture,
  SEQUENCES,
  testSealer,
} from './support/hostile';

/** The desktop app's core process runs this, from source, in a real child process. */
const CORE_ENTRY = join(import.meta.dirname, '../../src/main/core-process/entry.ts');

describe('terminal output is inert', () => {
  let dir: { path: string; remove(): void };
  const data = () => ['--data', dir.path];
  let hostile: number;
  let plain: number;
  beforeAll(() => {
    dir = tempDir('hookscope-hostile-');
    hostile = seedCapture(dir.path, {
      path: `/default/a${ESC_CLEAR}b\nFAKE 200 OK`,
      headers: [
        ['X-Clear', ESC_CLEAR],
        ['X-Title', OSC_TITLE],
        ['X-Clip', OSC52],
        ['X-C1', C1_CSI],
        ['X-Del', 'a\x7fb'],
        ['X-Bidi', BIDI],
        ['X-Cr', 'one\rtwo'],
        [`X-Name${'\x1b[31m'}`, 'nul\x00bel\x07bs\x08'],
      ],
      body: Buffer.from(
        `{"a":"${'\\u001b'}"}\nline ${ESC_CLEAR}${OSC52}\r\n\tC1 ${C1_CSI} del \x7f bidi ${BIDI}\n`,
        'utf8',
      ),
      error: `client said ${OSC_TITLE}`,
    });
    plain = seedCapture(dir.path, {
      path: '/default/plain',
      headers: [['X-Clear', 'fine']],
      body: Buffer.from('line one\nline two\n'),
    });
  });
  afterAll(() => dir.remove());

  it('show prints headers with every control escaped visibly, byte for byte', async () => {
    const r = await runCli(['show', String(hostile), ...data()]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const headerLines = lines.filter((l) => l.startsWith('X-'));
    expect(headerLines).toEqual([
      'X-Clear: \\x1b[2J\\x1b[H',
      'X-Title: \\x1b]0;pwned\\x07',
      'X-Clip: \\x1b]52;c;cm0gLXJmIH4K\\x07',
      'X-C1: \\x9b31m',
      'X-Del: a\\x7fb',
      'X-Bidi: \\u202eevil\\u2066',
      'X-Cr: one\\x0dtwo',
      'X-Name\\x1b[31m: nul\\x00bel\\x07bs\\x08',
    ]);
    assertInert(r.stdout, 'show');
  });

  it('show prints the body with line feeds and tabs kept and every other control escaped, byte for byte', async () => {
    const r = await runCli(['show', String(hostile), ...data()]);
    const body = r.stdout.slice(r.stdout.indexOf('\n\n', r.stdout.indexOf('X-Name')) + 2);
    expect(body).toBe(
      '{"a":"\\u001b"}\nline \\x1b[2J\\x1b[H\\x1b]52;c;cm0gLXJmIH4K\\x07\\x0d\n\tC1 \\x9b31m del \\x7f bidi \\u202eevil\\u2066\n\n',
    );
  });

  it('show keeps the request line and the error on one line each', async () => {
    const r = await runCli(['show', String(hostile), ...data()]);
    const [first, second, third] = r.stdout.split('\n');
    expect(first).toBe(`#${hostile}  POST /default/a\\x1b[2J\\x1b[Hb\\x0aFAKE 200 OK`);
    expect(second).toMatch(/^endpoint default {2}received .* {2}from 127\.0\.0\.1 {2}HTTP\/1\.1$/);
    expect(third).toBe('response 200  (client said \\x1b]0;pwned\\x07)');
  });

  it('show leaves plain text exactly as it was', async () => {
    const r = await runCli(['show', String(plain), ...data()]);
    expect(r.stdout).toContain('X-Clear: fine\n\nline one\nline two\n');
  });

  it('show --json is exact JSON with DEL, C1 and bidi written as \\u escapes', async () => {
    const r = await runCli(['show', String(hostile), '--json', ...data()]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stdout).toContain('"\\u009b31m"');
    expect(r.stdout).toContain('"\\u202eevil\\u2066"');
    const detail = JSON.parse(r.stdout) as { headers: HeaderPair[]; path: string };
    expect(detail.headers[1]).toEqual(['X-Title', OSC_TITLE]);
    expect(detail.headers[3]).toEqual(['X-C1', C1_CSI]);
    expect(detail.headers[5]).toEqual(['X-Bidi', BIDI]);
    expect(detail.path).toBe(`/default/a${ESC_CLEAR}b\nFAKE 200 OK`);
  });

  it('list prints one line per capture, the hostile path escaped', async () => {
    const r = await runCli(['list', ...data()]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3); // header, two captures
    expect(lines.find((l) => l.startsWith(String(hostile)))).toContain('/default/a\\x1b[2J\\x1b[Hb\\x0aFAKE 200 OK');
    assertInert(r.stdout, 'list');
  });

  it('list --json stays exact and carries no raw C1 or bidi', async () => {
    const r = await runCli(['list', '--json', ...data()]);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    const rows = JSON.parse(r.stdout) as { id: number; path: string }[];
    expect(rows.find((c) => c.id === hostile)?.path).toBe(`/default/a${ESC_CLEAR}b\nFAKE 200 OK`);
  });

  it('search prints matches one line each, escaped', async () => {
    const r = await runCli(['search', 'FAKE', ...data()]);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(2);
    expect(r.stdout).toContain('\\x1b[2J');
    assertInert(r.stdout, 'search');
  });

  it('diff escapes headers, the request line and body lines', async () => {
    const r = await runCli(['diff', String(plain), String(hostile), ...data()]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('path: /default/plain -> /default/a\\x1b[2J\\x1b[Hb\\x0aFAKE 200 OK');
    expect(r.stdout).toContain('X-Title: \\x1b]0;pwned\\x07');
    expect(r.stdout).toContain('\\x1b]52;c;cm0gLXJmIH4K\\x07');
    assertInert(r.stdout, 'diff');
  });

  it('an error message that echoes hostile input stays on one inert line', async () => {
    const r = await runCli(['endpoint', 'set', `x${OSC52}\n\u202ey`, '--status', '200', ...data()]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('\\x1b]52;c;');
    assertInert(r.stderr, 'error');
  });
});

describe('replay output is inert', () => {
  let dir: { path: string; remove(): void };
  let id: number;
  beforeAll(() => {
    dir = tempDir('hookscope-hostile-');
    id = seedCapture(dir.path, { path: '/default/r', body: Buffer.from('x') });
    // A replay as an import or an old version could have recorded it: method, URL and failure hostile.
    const app = createApp({ dataDir: dir.path });
    createReplayRepo(app.db).add({
      captureId: id,
      kind: 'replay',
      sentAt: Date.parse('2026-12-04T11:00:00Z'),
      url: `http://127.0.0.1:9/${OSC52}\nx`,
      request: { method: `PO${OSC_TITLE}ST`, headers: [], body: new Uint8Array() },
      resigned: null,
      edited: false,
      warnings: [`w ${ESC_CLEAR}`],
      status: null,
      responseHeaders: [],
      responseBody: new Uint8Array(),
      responseSize: 0,
      durationMs: 3,
      ok: false,
      errorKind: 'connection-refused',
      errorMessage: `refused ${C1_CSI}\r\n${BIDI}`,
    });
    void app.close();
  });
  afterAll(() => dir.remove());

  it('replays prints one inert line per replay', async () => {
    const r = await runCli(['replays', String(id), '--data', dir.path]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('PO\\x1b]0;pwned\\x07ST');
    expect(lines[1]).toContain('http://127.0.0.1:9/\\x1b]52;c;cm0gLXJmIH4K\\x07\\x0ax');
    assertInert(r.stdout, 'replays');
  });

  it('replaying a capture whose method HTTP cannot carry is refused at once in one inert line (no stack, no process left waiting)', async () => {
    const bad = seedCapture(dir.path, { method: `PO${OSC_TITLE}ST`, path: '/default/bad', body: Buffer.from('x') });
    const one = await runCli(['replay', String(bad), '--url', 'http://127.0.0.1:9/hook', '--data', dir.path]);
    expect(expectOneLine(one, 2, 'BAD_INPUT')).toContain(
      'the method "PO\\u001b]0;pwned\\u0007ST" cannot be sent over HTTP',
    );
    assertInert(one.stderr, 'replay');
    // In a bulk replay it is one capture not sent, beside the others.
    const bulk = await runCli([
      'replay',
      String(bad),
      String(id),
      '--url',
      'http://127.0.0.1:9/hook',
      '--data',
      dir.path,
    ]);
    expect(bulk.stdout).toContain(`capture ${bad}: not-sent (the method`);
    assertInert(bulk.stdout + bulk.stderr, 'bulk replay');
  });

  it("replay's summary of one result is one inert line", () => {
    const app = createApp({ dataDir: dir.path });
    try {
      const [stored] = createReplayRepo(app.db).ofCapture(id);
      const lines = describeReplay(toReplayView(stored));
      expect(lines).toEqual([
        `replay ${stored.id} of capture ${id}: PO\\x1b]0;pwned\\x07ST http://127.0.0.1:9/\\x1b]52;c;cm0gLXJmIH4K\\x07\\x0ax -> connection-refused (refused \\x9b31m\\x0d\\x0a\\u202eevil\\u2066) in 3 ms`,
      ]);
    } finally {
      void app.close();
    }
  });
});

describe('the table printer', () => {
  it('never lets a cell hold a line break or a control', () => {
    const written: string[] = [];
    const original = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => {
      written.push(chunk);
      return true;
    }) as typeof process.stdout.write;
    try {
      printTable(
        [
          { a: 'one\ntwo', b: `${ESC_CLEAR}x` },
          { a: 'three\r', b: BIDI },
        ],
        ['a', 'b'],
      );
    } finally {
      process.stdout.write = original;
    }
    expect(written).toHaveLength(3);
    expect(written.every((l) => l.endsWith('\n') && l.indexOf('\n') === l.length - 1)).toBe(true);
    expect(written[1]).toBe('one\\x0atwo  \\x1b[2J\\x1b[Hx\n');
    expect(written[2]).toBe('three\\x0d   \\u202eevil\\u2066\n');
  });
});

describe('one serve per data folder', () => {
  const cleanups: (() => Promise<unknown> | void)[] = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });
  function folder(): string {
    const dir = tempDir('hookscope-lock-');
    cleanups.push(() => dir.remove());
    return dir.path;
  }
  async function serve(dataDir: string, extra: string[] = []): Promise<ServeProcess> {
    const s = await startServeProcess(dataDir, extra);
    cleanups.push(async () => {
      if (s.child.exitCode === null) s.child.kill('SIGTERM');
      await s.exited;
    });
    return s;
  }

  it("a second serve is refused in one line naming the first one's pid and ports; the first keeps capturing", async () => {
    const dataDir = folder();
    const first = await serve(dataDir);
    const capturePort = new URL(first.info.captureUrl).port;
    const uiPort = new URL(first.info.uiUrl).port;
    const second = await runCli(['serve', '--port', '0', '--ui-port', '0', '--data', dataDir]);
    const line = expectOneLine(second, 1, 'DATA_DIR_IN_USE');
    expect(line).toContain(`pid ${first.child.pid}`);
    expect(line).toContain(`capture port ${capturePort}`);
    expect(line).toContain(`UI port ${uiPort}`);
    expect(line).toContain(dataDir);
    const res = await fetch(`${first.info.captureUrl}default/still-here`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(200);
    expect(first.stderr()).toBe('');
  });

  it('the lock file is owner-only, names the running serve, and is removed on a clean exit', async () => {
    const dataDir = folder();
    const s = await serve(dataDir);
    const lockFile = join(dataDir, LOCK_FILE);
    expect(statSync(lockFile).mode & 0o777).toBe(0o600);
    const info = JSON.parse(readFileSync(lockFile, 'utf8')) as LockInfo;
    expect(info).toMatchObject({
      pid: s.child.pid,
      capturePort: Number(new URL(s.info.captureUrl).port),
      uiPort: Number(new URL(s.info.uiUrl).port),
    });
    s.child.kill('SIGTERM');
    expect((await s.exited).code).toBe(0);
    expect(existsSync(lockFile)).toBe(false);
    expect(readdirSync(dataDir).filter((f) => f.startsWith('serve.lock'))).toEqual([]);
  });

  it('a stale lock (its pid is gone) is taken over', async () => {
    const dataDir = folder();
    const pid = deadPid();
    writeFileSync(
      join(dataDir, LOCK_FILE),
      JSON.stringify({ pid, capturePort: 8787, uiPort: 8788, startedAt: new Date().toISOString() }),
    );
    const s = await serve(dataDir);
    expect((JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')) as LockInfo).pid).toBe(s.child.pid);
    expect(s.stderr()).toBe('');
  });

  it('a lock that is not JSON, or from before the machine booted (a reused pid), is stale too', () => {
    const dataDir = folder();
    const lockFile = join(dataDir, LOCK_FILE);
    const deps = {
      pid: 4242,
      now: () => Date.now(),
      isAlive: () => true,
      processStartedAt: Date.now() - 1000,
      bootedAt: Date.now() - 60_000,
    };
    writeFileSync(lockFile, '\x1b]0;garbage\x07');
    acquireServeLock(dataDir, deps).release();
    writeFileSync(
      lockFile,
      JSON.stringify({ pid: 1, capturePort: 1, uiPort: 2, startedAt: '2000-01-01T00:00:00.000Z' }),
    );
    const lock = acquireServeLock(dataDir, deps);
    expect((JSON.parse(readFileSync(lockFile, 'utf8')) as LockInfo).pid).toBe(4242);
    lock.release();
    expect(existsSync(lockFile)).toBe(false);
  });

  it('a lock planted as a link to a file outside is replaced, and that file is not written through', () => {
    const dataDir = folder();
    const outside = join(folder(), 'precious.txt');
    writeFileSync(outside, 'do not touch');
    symlinkSync(outside, join(dataDir, LOCK_FILE));
    const deps = {
      pid: 4242,
      now: () => Date.now(),
      isAlive: () => false,
      processStartedAt: Date.now() - 1000,
      bootedAt: Date.now() - 60_000,
    };
    symlinkSync(outside, join(dataDir, `${LOCK_FILE}.4242.tmp`));
    const lock = acquireServeLock(dataDir, deps);
    lock.update({ capturePort: 1, uiPort: 2 });
    expect(readFileSync(outside, 'utf8')).toBe('do not touch');
    expect(lstatSync(join(dataDir, LOCK_FILE)).isSymbolicLink()).toBe(false);
    expect(JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')) as LockInfo).toMatchObject({
      pid: 4242,
      capturePort: 1,
      uiPort: 2,
    });
    lock.release();
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('a lock naming a live process that started after the lock was written (a reused pid) is taken over; its true holder is not', async () => {
    const dataDir = folder();
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)']);
    cleanups.push(() => void other.kill());
    await new Promise((r) => other.once('spawn', r));
    const lockFile = join(dataDir, LOCK_FILE);
    // Written ten minutes ago by a serve that has since died; the pid now belongs to `other`.
    writeFileSync(
      lockFile,
      JSON.stringify({
        pid: other.pid,
        capturePort: 1,
        uiPort: 2,
        startedAt: new Date(Date.now() - 600_000).toISOString(),
      }),
    );
    acquireServeLock(dataDir).release();
    // The same live process named by a lock written after it started: it may be a serve, so it is refused.
    await new Promise((r) => setTimeout(r, 50));
    writeFileSync(
      lockFile,
      JSON.stringify({ pid: other.pid, capturePort: 1, uiPort: 2, startedAt: new Date().toISOString() }),
    );
    expect(() => acquireServeLock(dataDir)).toThrow(expect.objectContaining({ code: 'DATA_DIR_IN_USE' }));
  });

  it('a live holder is refused even within one process, and a release leaves a lock that is not ours alone', () => {
    const dataDir = folder();
    const deps = {
      pid: 4242,
      now: () => Date.now(),
      isAlive: (pid: number) => pid === 777,
      processStartedAt: Date.now() - 1000,
      bootedAt: Date.now() - 60_000,
    };
    const lock = acquireServeLock(dataDir, deps);
    expect(() => acquireServeLock(dataDir, deps)).toThrow(expect.objectContaining({ code: 'DATA_DIR_IN_USE' }));
    lock.release();
    writeFileSync(
      join(dataDir, LOCK_FILE),
      JSON.stringify({ pid: 777, capturePort: null, uiPort: null, startedAt: new Date().toISOString() }),
    );
    expect(() => acquireServeLock(dataDir, deps)).toThrow(/pid 777, still starting/);
    lock.release();
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(true);
  });
});

describe('start-up errors in one line', () => {
  const cleanups: (() => Promise<unknown> | void)[] = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });
  function folder(): string {
    const dir = tempDir('hookscope-start-');
    cleanups.push(() => dir.remove());
    return dir.path;
  }

  it('a capture port in use names the port and --port, exits 1, and leaves no lock', async () => {
    const busy = await occupyPort();
    cleanups.push(() => new Promise((r) => busy.close(r)));
    const port = (busy.address() as AddressInfo).port;
    const dataDir = folder();
    const result = await runCli(['serve', '--port', String(port), '--ui-port', '0', '--data', dataDir]);
    const line = expectOneLine(result, 1, 'PORT_IN_USE');
    expect(result.stdout).toBe('');
    expect(line).toContain(`port ${port}`);
    expect(line).toContain('--port');
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
  });

  it('a UI port in use names the port and --ui-port', async () => {
    const busy = await occupyPort();
    cleanups.push(() => new Promise((r) => busy.close(r)));
    const port = (busy.address() as AddressInfo).port;
    const line = expectOneLine(
      await runCli(['serve', '--port', '0', '--ui-port', String(port), '--data', folder()]),
      1,
      'PORT_IN_USE',
    );
    expect(line).toContain(`port ${port}`);
    expect(line).toContain('--ui-port');
  });

  it('a --host that is not an address of this machine is refused in one line', async () => {
    const line = expectOneLine(
      await runCli(['serve', '--port', '0', '--ui-port', '0', '--host', '192.0.2.1', '--data', folder()]),
      2,
      'BAD_INPUT',
    );
    expect(line).toContain('--host');
  });

  it('a data folder below a file names that file', async () => {
    const base = folder();
    writeFileSync(join(base, 'plain-file'), 'x');
    for (const args of [['serve', '--port', '0', '--ui-port', '0'], ['list']]) {
      const line = expectOneLine(await runCli([...args, '--data', join(base, 'plain-file', 'data')]), 2, 'BAD_INPUT');
      expect(line).toContain(`${join(base, 'plain-file')} is a file, not a folder`);
    }
  });

  it('a data folder where the system allows no folder (/proc) is refused in one line, without hanging', async () => {
    const line = expectOneLine(await runCli(['list', '--data', '/proc/hookscope-nowhere/data']), 1, 'DB_READ_ONLY');
    expect(line).toContain('/proc does not accept new folders');
  });

  const noMount = mountUnavailable();
  it.skipIf(noMount !== null)(
    `a missing parent on a read-only disk is named as read-only (DB_READ_ONLY), not ENOENT${noMount ? ` (skipped: ${noMount})` : ''}`,
    async () => {
      const fs = tmpfsDir(1024 * 1024);
      cleanups.push(() => fs.remove());
      fs.readOnly(true);
      cleanups.push(() => fs.readOnly(false));
      const line = expectOneLine(
        await runCli(['serve', '--port', '0', '--ui-port', '0', '--data', join(fs.path, 'missing', 'data')]),
        1,
        'DB_READ_ONLY',
      );
      expect(line).toContain(`${fs.path} is on a read-only disk (EROFS)`);
      expect(line).not.toContain('ENOENT');
    },
  );

  it('a bad --durability is refused with exit 2, naming the choices', async () => {
    const r = await runCli(['serve', '--durability', 'paranoid', '--data', folder()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--durability must be one of normal, full');
  });
});

describe('a busy database', () => {
  let dir: { path: string; remove(): void };
  beforeAll(() => {
    dir = tempDir('hookscope-busy-');
    void createApp({ dataDir: dir.path }).close();
  });
  afterAll(() => dir.remove());

  /** Another process's write transaction, held on its own connection. */
  function holdWriteLock(): Database.Database {
    const holder = new Database(join(dir.path, 'hookscope.db'));
    holder.exec('BEGIN IMMEDIATE');
    return holder;
  }

  it('a CLI write that waits past the busy timeout ends in DB_BUSY, one sentence, never "database is locked"', async () => {
    const holder = holdWriteLock();
    try {
      const line = expectOneLine(await runCli(['endpoint', 'create', 'waits', '--data', dir.path]), 1, 'DB_BUSY');
      expect(line).not.toContain('database is locked');
      expect(line).toContain('another Hookscope process');
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  });

  it('a CLI write beside a short write of another process waits for it and succeeds', async () => {
    const holder = holdWriteLock();
    const running = runCli(['endpoint', 'create', 'patient', '--data', dir.path]);
    setTimeout(() => {
      holder.exec('COMMIT');
      holder.close();
    }, 1000);
    const r = await running;
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('created endpoint patient');
  });

  it("serve's log turns a SQLite busy error into one DB_BUSY line", () => {
    const holder = holdWriteLock();
    const other = new Database(join(dir.path, 'hookscope.db'));
    try {
      other.pragma('busy_timeout = 0');
      let thrown: unknown;
      try {
        other.exec("INSERT INTO endpoints (slug, rule, created_at) VALUES ('x', '{}', 0)");
      } catch (error) {
        thrown = error;
      }
      expect((thrown as { code: string }).code).toBe('SQLITE_BUSY');
      const line = logLine(thrown, join(dir.path, 'hookscope.db'));
      expect(line).toMatch(/^hookscope: .+ \[DB_BUSY\]$/);
      expect(line).not.toContain('database is locked');
    } finally {
      other.close();
      holder.exec('ROLLBACK');
      holder.close();
    }
  });
});

describe('the data folder and database are owner-only', () => {
  const cleanups: (() => Promise<unknown> | void)[] = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });
  const mode = (path: string) => statSync(path).mode & 0o777;

  it('a new data folder (and the parents made for it) is 0700; the database, -wal and -shm are 0600', async () => {
    const base = tempDir('hookscope-modes-');
    cleanups.push(() => base.remove());
    const dataDir = join(base.path, 'made', 'for', 'it');
    const app = createApp({ dataDir });
    app.createEndpoint('shop');
    expect(mode(join(base.path, 'made'))).toBe(0o700);
    expect(mode(dataDir)).toBe(0o700);
    for (const file of ['hookscope.db', 'hookscope.db-wal', 'hookscope.db-shm'])
      expect(mode(join(dataDir, file)), file).toBe(0o600);
    await app.close();
  });

  it('an existing world-readable folder and database (and its -wal, -shm) are tightened on open', async () => {
    const dir = tempDir('hookscope-modes-');
    cleanups.push(() => dir.remove());
    const db = join(dir.path, 'hookscope.db');
    const first = createApp({ dataDir: dir.path });
    first.createEndpoint('old');
    // As an older Hookscope left them: 0644 files in a 0755 folder, the WAL still there (a killed process).
    for (const f of ['', '-wal', '-shm']) chmodSync(db + f, 0o644);
    chmodSync(dir.path, 0o755);
    const second = createApp({ dataDir: dir.path });
    expect(mode(dir.path)).toBe(0o700);
    for (const f of ['', '-wal', '-shm']) expect(mode(db + f), `hookscope.db${f}`).toBe(0o600);
    expect(second.endpoints.get('old').slug).toBe('old');
    await second.close();
    await first.close();
  });
});

describe('secrets at rest', () => {
  const cleanups: (() => Promise<unknown> | void)[] = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });
  function folder(): string {
    const dir = tempDir('hookscope-secrets-');
    cleanups.push(() => dir.remove());
    return dir.path;
  }
  const SECRET = `whsec_${Buffer.from('a hostile plain secret, 0123456789').toString('base64')}`;

  it('a sealed secret is not readable in the database file, and the app still verifies with it', async () => {
    const dataDir = folder();
    const app = createApp({ dataDir, secretSealer: testSealer() });
    app.createEndpoint('hooks', undefined, 'standard-webhooks');
    app.setEndpointSecrets('hooks', ['second_secret_for_rotation', SECRET]);
    expect(app.secrets.list(app.endpoints.get('hooks').id)).toEqual(['second_secret_for_rotation', SECRET]);
    const { port } = await app.startCapture(0, '127.0.0.1');
    const body = '{"type":"invoice.paid","data":{}}';
    const signed = signRequest(app.providers.require('standard-webhooks'), {
      secret: SECRET,
      body: Buffer.from(body),
      timestampSec: Math.floor(Date.now() / 1000),
      webhookId: 'msg_1',
    });
    const res = await fetch(`http://127.0.0.1:${port}/hooks/in`, { method: 'POST', headers: signed.headers, body });
    const id = Number(res.headers.get('x-hookscope-capture-id'));
    expect(app.captureAnalyzed(id).signature).toMatchObject({ status: 'valid', secretIndex: 1 });
    await app.close();
    const bytes = folderBytes(dataDir);
    expect(bytes.includes(Buffer.from(SECRET))).toBe(false);
    expect(bytes.includes(Buffer.from('second_secret_for_rotation'))).toBe(false);
    const raw = new Database(join(dataDir, 'hookscope.db'), { readonly: true });
    expect(raw.prepare('SELECT sealed_by FROM endpoint_secrets').all()).toEqual([
      { sealed_by: 'test-keychain' },
      { sealed_by: 'test-keychain' },
    ]);
    raw.close();
  });

  it('plain secrets left by an earlier run are sealed on first open with a sealer; plain and sealed rows coexist', async () => {
    const dataDir = folder();
    const plain = createApp({ dataDir });
    plain.createEndpoint('a');
    plain.createEndpoint('b');
    plain.setEndpointSecrets('a', [SECRET]);
    await plain.close();
    expect(folderBytes(dataDir).includes(Buffer.from(SECRET))).toBe(true);

    const sealer = testSealer();
    const sealed = createApp({ dataDir, secretSealer: sealer });
    const [a, b] = [sealed.endpoints.get('a').id, sealed.endpoints.get('b').id];
    expect(sealed.secrets.list(a)).toEqual([SECRET]);
    await sealed.close();
    const raw = new Database(join(dataDir, 'hookscope.db'));
    expect(raw.prepare('SELECT sealed_by FROM endpoint_secrets').all()).toEqual([{ sealed_by: 'test-keychain' }]);
    // A plain row written beside the sealed one (by a process without the sealer) is read as it is.
    raw
      .prepare('INSERT INTO endpoint_secrets (endpoint_id, secret, sealed_by, created_at) VALUES (?, ?, NULL, 0)')
      .run(b, 'plain_b');
    raw.close();
    const again = createApp({ dataDir, secretSealer: sealer });
    expect(again.secrets.list(a)).toEqual([SECRET]);
    expect(again.secrets.list(b)).toEqual(['plain_b']);
    await again.close();
    expect(folderBytes(dataDir).includes(Buffer.from('plain_b'))).toBe(false);
  });

  it('without the sealer, sealed secrets are left out and counted as unreadable; adding one twice keeps one', async () => {
    const dataDir = folder();
    const sealer = testSealer();
    const app = createApp({ dataDir, secretSealer: sealer });
    app.createEndpoint('a');
    app.setEndpointSecrets('a', [SECRET], 'add');
    app.setEndpointSecrets('a', [SECRET], 'add');
    const id = app.endpoints.get('a').id;
    expect(app.secrets.list(id)).toEqual([SECRET]);
    await app.close();
    const cli = createApp({ dataDir });
    expect(cli.secrets.list(id)).toEqual([]);
    expect(cli.secrets.unreadable(id)).toBe(1);
    await cli.close();
    const other = createApp({ dataDir, secretSealer: testSealer('another-keychain') });
    expect(other.secrets.unreadable(id)).toBe(1);
    await other.close();
  });

  it('a keychain that refuses to seal at open leaves the secrets plain and readable; the app still opens', async () => {
    const dataDir = folder();
    const plain = createApp({ dataDir });
    plain.createEndpoint('a');
    plain.setEndpointSecrets('a', [SECRET]);
    const id = plain.endpoints.get('a').id;
    await plain.close();
    const refusing: SecretSealer = {
      name: 'locked-keychain',
      seal: () => {
        throw new Error('the keychain is locked');
      },
      open: () => '',
    };
    const app = createApp({ dataDir, secretSealer: refusing });
    expect(app.secrets.list(id)).toEqual([SECRET]);
    await app.close();
  });

  it('endpoint list names the secrets only the desktop app can read, and --json counts them', async () => {
    const dataDir = folder();
    const app = createApp({ dataDir, secretSealer: testSealer() });
    app.createEndpoint('sealed');
    app.setEndpointSecrets('sealed', [SECRET]);
    await app.close();
    const plain = createApp({ dataDir });
    plain.setEndpointSecrets('sealed', ['added_from_the_cli'], 'add');
    await plain.close();
    const text = await runCli(['endpoint', 'list', '--data', dataDir]);
    expect(text.stdout).toMatch(/sealed\s+200\s+2 \(1 sealed by the desktop app\)/);
    const json = JSON.parse((await runCli(['endpoint', 'list', '--json', '--data', dataDir])).stdout) as {
      slug: string;
      secretCount: number;
    }[];
    expect(json.find((e) => e.slug === 'sealed')?.secretCount).toBe(2);
  });

  it('the desktop app seals secrets with safeStorage (fake electron), and leaves them plain where the OS has no encryption', async () => {
    for (const encryption of [true, false]) {
      const dataDir = folder();
      const fake = createFakeElectron({ userData: dataDir, encryption });
      const logged: string[] = [];
      const desktop = await startDesktop(fake.api, {
        rendererRoot: dataDir,
        preloadPath: '/app/out/preload/index.cjs',
        coreEntry: CORE_ENTRY,
        dataDir,
        capturePort: 0,
        log: (m) => logged.push(m),
      });
      expect(desktop).not.toBeNull();
      // The window's calls, over its port to the core's process.
      const page = connectPage(fake, fake.BrowserWindow.instances[0].webContents);
      expect(await page.call('endpoints.create', { slug: 'shop' })).toMatchObject({ ok: true });
      expect(await page.call('endpoints.bind', { slug: 'shop', provider: 'stripe', secrets: [SECRET] })).toMatchObject({
        ok: true,
        result: { secretCount: 1 },
      });
      await desktop!.host.stop();
      const raw = new Database(join(dataDir, 'hookscope.db'), { readonly: true });
      const rows = raw.prepare('SELECT sealed_by FROM endpoint_secrets').all();
      raw.close();
      if (encryption) {
        expect(rows).toEqual([{ sealed_by: 'os-key' }]);
        // safeStorage sealed the key once; the key sealed the secret, in the core's process.
        expect(fake.safeStorage.sealed).toBe(1);
        expect(statSync(join(dataDir, 'secrets.key')).mode & 0o777).toBe(0o600);
        expect(folderBytes(dataDir).includes(Buffer.from(SECRET))).toBe(false);
      } else {
        expect(rows).toEqual([{ sealed_by: null }]);
        expect(logged.join('\n')).toContain('signing secrets stay unencrypted in the owner-only database');
      }
    }
  });

  it("Linux's basic_text safeStorage (a constant key) is not counted as encryption", () => {
    const storage = {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'basic_text' as const,
      encryptString: () => Buffer.alloc(0),
      decryptString: () => '',
    };
    expect(osEncryptionAvailable(storage, 'linux')).toBe(false);
    expect(osEncryptionAvailable(storage, 'darwin')).toBe(true);
    expect(osEncryptionAvailable({ ...storage, isEncryptionAvailable: () => false }, 'win32')).toBe(false);
  });

  it('the key that seals secrets is kept encrypted by the OS, reused, and a key that cannot be opened seals nothing new', () => {
    const dir = folder();
    const file = join(dir, 'secrets.key');
    const fake = createFakeElectron({ userData: dir });
    const logged: string[] = [];
    const key = osProtectedSecretKey(file, fake.safeStorage, (l) => logged.push(l), 'linux')!;
    expect(key).toHaveLength(32);
    expect(readFileSync(file).includes(Buffer.from(key.toString('base64')))).toBe(false);
    expect(osProtectedSecretKey(file, fake.safeStorage, (l) => logged.push(l), 'linux')).toEqual(key);
    const sealer = createKeySealer(key);
    const sealed = sealer.seal(SECRET);
    expect(sealed.includes(Buffer.from(SECRET))).toBe(false);
    expect(sealer.open(sealed)).toBe(SECRET);
    expect(() => createKeySealer(Buffer.alloc(32, 7)).open(sealed)).toThrow();
    writeFileSync(file, 'not sealed by this keychain');
    expect(osProtectedSecretKey(file, fake.safeStorage, (l) => logged.push(l), 'linux')).toBeUndefined();
    expect(logged.at(-1)).toMatch(/cannot be opened/);
  });

  it('migration 13 keeps the secrets of an older database, as plain rows', () => {
    const file = join(folder(), 'old.db');
    const old = openDatabase({ file, targetVersion: 12 });
    old.prepare("INSERT INTO endpoint_secrets (endpoint_id, secret, created_at) VALUES (1, 'kept', 0)").run();
    old.close();
    const db = openDatabase({ file });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.prepare('SELECT secret, sealed_by FROM endpoint_secrets').all()).toEqual([
      { secret: 'kept', sealed_by: null },
    ]);
    db.close();
  });
});

describe('durability', () => {
  it("is WAL with synchronous=NORMAL by default, and FULL with durability 'full'", async () => {
    const dir = tempDir('hookscope-durability-');
    try {
      const normal = createApp({ dataDir: dir.path });
      expect(normal.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(normal.db.pragma('synchronous', { simple: true })).toBe(1);
      await normal.close();
      const full = createApp({ dataDir: dir.path, durability: 'full' });
      expect(full.db.pragma('synchronous', { simple: true })).toBe(2);
      await full.close();
    } finally {
      dir.remove();
    }
  });

  it('serve --durability full starts and captures', async () => {
    const dir = tempDir('hookscope-durability-');
    const s = await startServeProcess(dir.path, ['--durability', 'full']);
    try {
      const res = await fetch(`${s.info.captureUrl}default/full`, { method: 'POST', body: 'kept' });
      expect(res.status).toBe(200);
    } finally {
      s.child.kill('SIGTERM');
      await s.exited;
      dir.remove();
    }
    expect(s.stderr()).toBe('');
  });
});

describe('each hostile sequence stays inert in show, list and diff', () => {
  let dir: { path: string; remove(): void };
  const ids = new Map<string, number>();
  let baseline: number;
  beforeAll(() => {
    dir = tempDir('hookscope-sequences-');
    baseline = seedCapture(dir.path, {
      path: '/default/base',
      headers: [['X-Seq', 'plain']],
      body: Buffer.from('plain\n'),
    });
    for (const [name, seq] of SEQUENCES) {
      ids.set(
        name,
        seedCapture(dir.path, {
          path: `/default/${seq}`,
          headers: [['X-Seq', seq]],
          body: Buffer.from(`before ${seq} after\n`),
          error: seq,
        }),
      );
    }
  });
  afterAll(() => dir.remove());

  it.each(SEQUENCES)('%s', async (name, seq) => {
    const id = ids.get(name)!;
    const show = await runCliInProcess(['show', String(id), '--data', dir.path]);
    expect(show.code, show.stderr).toBe(0);
    assertInert(show.stdout + show.stderr, `show (${name})`);
    expect(show.stdout).toContain(`X-Seq: ${inertLine(seq)}\n`);
    // A body holding NUL is binary: shown as its size, never as text.
    expect(show.stdout).toContain(
      seq.includes('\x00') ? 'of binary data; use --json for the bytes' : `before ${inertLine(seq)} after\n`,
    );
    const json = await runCliInProcess(['show', String(id), '--json', '--data', dir.path]);
    expect(json.stdout + json.stderr).not.toMatch(RAW_CONTROL);
    expect((JSON.parse(json.stdout) as { headers: HeaderPair[] }).headers).toEqual([['X-Seq', seq]]);
    const diff = await runCliInProcess(['diff', String(baseline), String(id), '--data', dir.path]);
    assertInert(diff.stdout + diff.stderr, `diff (${name})`);
    const list = await runCliInProcess(['list', '--limit', '1', '--endpoint', 'default', '--data', dir.path]);
    assertInert(list.stdout + list.stderr, `list (${name})`);
  });
});
