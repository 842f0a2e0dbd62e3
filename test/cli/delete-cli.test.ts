import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/core/app';
import { createAnalysisRepo } from '../../src/core/store/analysis';
import type { NewCapture } from '../../src/core/store/captures';
import { BIN, runCli } from '../helpers/cli';
import { cliJsonInProcess } from '../helpers/cli-in-process';
import { tempDir } from '../helpers/temp-dir';

const dirs: { remove(): void }[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove();
});

function row(endpointId: number, method = 'POST'): NewCapture {
  const bytes = Buffer.from('{}');
  return {
    endpointId,
    receivedAt: Date.now(),
    method,
    url: 'http://h/x',
    path: '/x',
    query: '',
    httpVersion: '1.1',
    remoteAddress: '127.0.0.1',
    remotePort: 1,
    headers: [],
    body: bytes,
    bodySize: 2,
    bodySha256: 'x',
    truncated: false,
    error: null,
    response: { kind: 'answered', status: 200, headers: [], body: '', delayMs: 0 },
  };
}

/** A data folder with endpoints a (6 captures) and b (2), with providers, event types and verdicts. */
async function seeded(): Promise<{ path: string; ids: number[] }> {
  const dir = tempDir();
  dirs.push(dir);
  const app = createApp({ dataDir: dir.path });
  const a = app.endpoints.create('a');
  const b = app.endpoints.create('b');
  const ids = app.captures.insertMany([
    row(a.id),
    row(a.id, 'PUT'),
    row(a.id),
    row(a.id),
    row(a.id),
    row(a.id),
    row(b.id),
    row(b.id),
  ]);
  const facts: [string, string, string][] = [
    ['prynt', 'verdict.created', 'valid'],
    ['prynt', 'verdict.updated', 'invalid'],
    ['prynt', 'session.closed', 'valid'],
    ['lmif', 'verdict.created', 'missing'],
    ['lmif', 'alert', 'valid'],
    ['lmif', 'alert', 'valid'],
    ['prynt', 'verdict.created', 'valid'],
    ['lmif', 'alert', 'valid'],
  ];
  createAnalysisRepo(app.db, (id) => app.captures.get(id)).save(
    ids.map((id, i) => ({
      id,
      provider: facts[i][0],
      eventType: facts[i][1],
      signatureStatus: facts[i][2],
      signature: null,
    })),
    ids.at(-1)!,
  );
  await app.close();
  return { path: dir.path, ids };
}

// The --json reads and deletions run through the CLI's own entry in this process; what a person reads (text on
// stdout, refusals on stderr with exit 2, the terminal prompt) runs as the real `hookscope` process.
const remaining = async (data: string) =>
  (await cliJsonInProcess<{ id: number }[]>(['list', '--data', data])).map((c) => c.id);

/** Runs the CLI on a pseudo-terminal (util-linux `script`), typing `answer`. */
function onTerminal(args: string[], answer: string): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const command = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    const child = spawn('script', ['-qec', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d.toString();
      if (output.includes('[y/N]') && !child.stdin.writableEnded) child.stdin.end(`${answer}\n`);
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, output }));
  });
}

describe('hookscope delete', () => {
  it(
    'deletes given ids, and what --endpoint, --provider, --event-type, --method, --signature select',
    { timeout: 120_000 },
    async () => {
      const { path, ids } = await seeded();
      const del = (args: string[]) =>
        cliJsonInProcess<{ deleted: number; matched: number; dryRun: boolean }>([
          'delete',
          ...args,
          '--yes',
          '--data',
          path,
        ]);
      expect(await del([String(ids[0]), String(ids[7])])).toEqual({ deleted: 2, matched: 2, dryRun: false });
      expect(await del(['--method', 'put'])).toMatchObject({ deleted: 1 });
      expect(await del(['--signature', 'missing'])).toMatchObject({ deleted: 1 });
      expect(await del(['--provider', 'PRYNT', '--event-type', 'Verdict'])).toMatchObject({ deleted: 1 }); // ids[6]
      expect(await remaining(path)).toEqual([ids[5], ids[4], ids[2]]);
      expect(await del(['--endpoint', 'a', '--event-type', 'alert'])).toMatchObject({ deleted: 2 });
      expect(await remaining(path)).toEqual([ids[2]]);
      const text = await runCli(['delete', '--provider', 'prynt', '--yes', '--data', path]);
      expect(text).toMatchObject({ code: 0, stdout: 'deleted 1 capture\n' });
      expect(await remaining(path)).toEqual([]);
    },
  );

  it(
    '--dry-run counts; --all takes everything; without --yes off a terminal it refuses and deletes nothing',
    { timeout: 120_000 },
    async () => {
      const { path } = await seeded();
      expect(await cliJsonInProcess(['delete', '--all', '--dry-run', '--data', path])).toEqual({
        deleted: 0,
        matched: 8,
        dryRun: true,
      });
      const dry = await runCli(['delete', '--endpoint', 'b', '--dry-run', '--data', path]);
      expect(dry.stdout).toBe('would delete 2 captures (captures of endpoint b)\n');
      const refused = await runCli(['delete', '--all', '--data', path]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toBe(
        'hookscope: this would delete 8 captures; not on a terminal, so nothing was deleted: add --yes [BAD_INPUT]\n',
      );
      expect(await remaining(path)).toHaveLength(8);
      const none = await runCli(['delete', '--data', path, '--yes']);
      expect(none.code).toBe(2);
      expect(none.stderr).toMatch(/say which captures to delete/);
      const mixed = await runCli(['delete', '1', '--all', '--data', path, '--yes']);
      expect(mixed.stderr).toMatch(/one of: capture ids, a filter, or all/);
      const bad = await runCli(['delete', 'x1', '--data', path, '--yes']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/an id is a positive whole number, got "x1"/);
      const ghost = await runCli(['delete', '--endpoint', 'ghost', '--data', path, '--yes']);
      expect(ghost.stderr).toMatch(/no endpoint named "ghost"/);
      expect(await remaining(path)).toHaveLength(8);
      expect(await cliJsonInProcess(['delete', '--all', '--yes', '--data', path])).toEqual({
        deleted: 8,
        matched: 8,
        dryRun: false,
      });
      expect(await remaining(path)).toEqual([]);
    },
  );

  it('asks on a terminal, naming the count: "n" keeps everything, "y" deletes', { timeout: 120_000 }, async () => {
    const { path } = await seeded();
    const no = await onTerminal(['delete', '--endpoint', 'a', '--data', path], 'n');
    expect(no.output).toMatch(/Delete 6 captures \(captures of endpoint a\)\? \[y\/N\]/);
    expect(no.output).toMatch(/nothing deleted/);
    expect(no.code).toBe(1);
    expect(await remaining(path)).toHaveLength(8);
    const yes = await onTerminal(['delete', '--endpoint', 'a', '--data', path], 'y');
    expect(yes.output).toMatch(/deleted 6 captures/);
    expect(yes.code).toBe(0);
    expect(await remaining(path)).toHaveLength(2);
  });

  it('endpoint delete removes the endpoint and its captures (--yes, --json)', { timeout: 120_000 }, async () => {
    const { path } = await seeded();
    const refused = await runCli(['endpoint', 'delete', 'a', '--data', path]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/this would delete endpoint a and its 6 captures; .* add --yes/);
    expect(await cliJsonInProcess(['endpoint', 'delete', 'a', '--yes', '--data', path])).toEqual({
      endpoint: 'a',
      deleted: 6,
    });
    const list = await cliJsonInProcess<{ slug: string }[]>(['endpoint', 'list', '--data', path]);
    expect(list.map((e) => e.slug)).not.toContain('a');
    expect(await remaining(path)).toHaveLength(2);
  });
});
