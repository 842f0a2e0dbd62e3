import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli';
import { runCliInProcess } from '../helpers/cli-in-process';

/** `hookscope providers --json | head -c 10`: a reader that goes away early is not an error. */
describe('a reader that closes the pipe early', () => {
  it('the real command exits 0 without a word on stderr when its stdout is closed mid-output', async () => {
    // providers --json prints about 2 MB: far more than a pipe holds, so the write after the close fails with EPIPE.
    const child = spawn(process.execPath, [BIN, 'providers', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const err: Buffer[] = [];
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(Buffer.concat(err).toString('utf8')).toBe('');
    expect(code).toBe(0);
  });

  it('running the CLI many times in one process watches the pipe once', async () => {
    const before = process.stdout.listenerCount('error');
    // Node warns of a leak at the 11th listener.
    for (let i = 0; i < 11; i++) expect((await runCliInProcess(['providers', 'stripe'])).code).toBe(0);
    expect(process.stdout.listenerCount('error') - before).toBeLessThanOrEqual(1);
  });
});
