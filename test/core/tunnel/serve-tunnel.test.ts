import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp-dir';
import { startLtServer } from './support/lt-server';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** `hookscope serve --json` in a child process, its stdout split into JSON lines as they come. */
function serveJson(args: string[]) {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--ui-port', '0', '--json', ...args]);
  const lines: Record<string, unknown>[] = [];
  let buffered = '';
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.stdout.on('data', (d) => {
    buffered += d;
    let end: number;
    while ((end = buffered.indexOf('\n')) >= 0) {
      lines.push(JSON.parse(buffered.slice(0, end)) as Record<string, unknown>);
      buffered = buffered.slice(end + 1);
    }
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const waitFor = async (what: string, test: (line: Record<string, unknown>) => boolean, timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = lines.find(test);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no ${what} line; stdout: ${JSON.stringify(lines)} stderr: ${stderr}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  return { child, lines, exited, waitFor };
}

describe('hookscope serve --tunnel', () => {
  it('opens the tunnel to the capture server, checks it end to end, reports each status, and closes it on SIGTERM', async () => {
    const lt = await startLtServer();
    cleanups.push(() => lt.close());
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const serve = serveJson([
      '--data',
      dir.path,
      '--tunnel',
      '--tunnel-host',
      lt.url,
      '--subdomain',
      'cli-hooks',
      '--tunnel-check',
    ]);
    cleanups.push(() => void serve.child.kill('SIGKILL'));

    const first = await serve.waitFor('startup', (l) => 'captureUrl' in l);
    expect(serve.lines.indexOf(first)).toBe(0);
    const open = (await serve.waitFor('open', (l) => (l.tunnel as { state?: string })?.state === 'open')).tunnel as {
      url: string;
      localPort: number;
    };
    expect(open.url).toBe(lt.publicUrl('cli-hooks'));
    expect(`http://127.0.0.1:${open.localPort}/`).toBe(first.captureUrl);
    const check = (await serve.waitFor('self-test', (l) => 'tunnelSelfTest' in l)).tunnelSelfTest as {
      ok: boolean;
      captureId: number;
    };
    expect(check.ok).toBe(true);

    const res = await fetch(`${open.url}/github/push`, { method: 'POST', body: 'through the tunnel' });
    expect(res.status).toBe(200);
    const { id } = (await res.json()) as { id: number };
    const shown = await runCli(['show', String(id), '--json', '--data', dir.path]);
    expect(JSON.parse(shown.stdout)).toMatchObject({
      path: '/github/push',
      bodyBase64: Buffer.from('through the tunnel').toString('base64'),
    });

    serve.child.kill('SIGTERM');
    expect(await serve.exited).toBe(0);
    expect(serve.lines.map((l) => (l.tunnel as { state?: string } | undefined)?.state).filter(Boolean)).toEqual([
      'connecting',
      'open',
      'closed',
    ]);
  });

  it('rejects a malformed subdomain or tunnel host before anything starts (exit 2, naming the flag)', async () => {
    const bad = await runCli(['serve', '--tunnel', '--subdomain', 'Bad_Name']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--subdomain/);
    const host = await runCli(['serve', '--tunnel', '--tunnel-host', 'ftp://example.test']);
    expect(host.code).toBe(2);
    expect(host.stderr).toMatch(/--tunnel-host/);
  });
});
