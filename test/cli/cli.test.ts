import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaptureSummary, Endpoint } from '../../src/shared/capture-types';
import { cliJson, runCli } from '../helpers/cli';
import { runCliInProcess } from '../helpers/cli-in-process';
import { tempDir } from '../helpers/temp-dir';

let dir: { path: string; remove(): void };
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => dir.remove());

describe('hookscope CLI', () => {
  it('prints --help for every command', async () => {
    const { buildProgram } = await import('../../src/cli/main');
    const names = (c: import('commander').Command, prefix: string[] = []): string[][] =>
      c.commands.flatMap((sub) => [[...prefix, sub.name()], ...names(sub, [...prefix, sub.name()])]);
    const commands = [[], ...names(buildProgram())];
    expect(commands.length).toBeGreaterThan(15);
    // Every command through the CLI's own entry in this process; the top level and a nested command also as the
    // real `hookscope` process (the exit code and stdout of the binary).
    for (const args of commands) {
      const result = await runCliInProcess([...args, '--help']);
      expect(result.code, args.join(' ')).toBe(0);
      expect(result.stdout, args.join(' ')).toMatch(/Usage: hookscope/);
      expect(result.stderr, args.join(' ')).toBe('');
    }
    for (const args of [[], ['endpoint', 'create']]) {
      const result = await runCli([...args, '--help']);
      expect(result.code, args.join(' ')).toBe(0);
      expect(result.stdout, args.join(' ')).toMatch(/Usage: hookscope/);
      expect(result.stdout, args.join(' ')).toBe((await runCliInProcess([...args, '--help'])).stdout);
    }
  }, 120_000);

  it('creates, lists and changes endpoints', async () => {
    const created = await cliJson<Endpoint>([
      'endpoint',
      'create',
      'stripe-test',
      '--status',
      '202',
      '--delay',
      '10',
      '--fail-first',
      '2',
      '--data',
      dir.path,
    ]);
    expect(created.rule).toMatchObject({ status: 202, delayMs: 10, failFirst: 2 });
    const changed = await cliJson<Endpoint>([
      'endpoint',
      'set',
      'stripe-test',
      '--fail-rate',
      '0.25',
      '--hang',
      '--data',
      dir.path,
    ]);
    expect(changed.rule).toMatchObject({ status: 202, failFirst: 2, failRate: 0.25, hang: true });
    const unhung = await cliJson<Endpoint>([
      'endpoint',
      'set',
      'stripe-test',
      '--no-hang',
      '--reset',
      '--data',
      dir.path,
    ]);
    expect(unhung.rule).toMatchObject({ hang: false, reset: true });
    const list = await cliJson<Endpoint[]>(['endpoint', 'list', '--data', dir.path]);
    expect(list.map((e) => e.slug)).toEqual(['default', 'stripe-test']);
    const text = await runCli(['endpoint', 'list', '--data', dir.path]);
    expect(text.stdout).toMatch(/stripe-test\s+reset/);
  });

  it('rejects bad input with a clear message and changes nothing', { timeout: 120_000 }, async () => {
    const cases: [string[], RegExp][] = [
      [['endpoint', 'create', 'Bad Slug!'], /slug "Bad Slug!"/],
      [['endpoint', 'create', 'ok', '--status', '99'], /--status must be between 100 and 599/],
      [['endpoint', 'create', 'ok', '--fail-rate', '1.5'], /--fail-rate must be between 0 and 1/],
      [['endpoint', 'create', 'ok', '--delay', 'soon'], /--delay must be a whole number/],
      [['endpoint', 'create', 'ok', '--header', 'no-colon'], /a header is "Name: value"/],
      [['endpoint', 'create', 'stripe-test'], /already exists/],
      [['endpoint', 'set', 'nope', '--status', '200'], /no endpoint named "nope"/],
      [['show', 'abc'], /an id is a positive whole number/],
      [['show', '12345'], /no capture with id 12345/],
      [['list', '--limit', '0'], /--limit must be between 1 and 10000/],
      [['list', '--endpoint', 'ghost'], /no endpoint named "ghost"/],
      [['frobnicate'], /unknown command/],
    ];
    // Each through the CLI's own entry in this process, then a refusal of the parser and one of a command as the
    // real `hookscope` process: exit code 2, the message on stderr, nothing on stdout.
    for (const [args, message] of cases) {
      const result = await runCliInProcess([...args, '--data', dir.path]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(message);
    }
    for (const [args, message] of [cases[0], cases[cases.length - 1]]) {
      const result = await runCli([...args, '--data', dir.path]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(message);
      expect(result.stdout, args.join(' ')).toBe('');
    }
    const list = await cliJson<Endpoint[]>(['endpoint', 'list', '--data', dir.path]);
    expect(list.map((e) => e.slug)).toEqual(['default', 'stripe-test']);
  });

  it('lists and searches with --json', async () => {
    expect(await cliJson<CaptureSummary[]>(['list', '--data', dir.path])).toEqual([]);
    expect(await cliJson<CaptureSummary[]>(['search', 'anything', '--data', dir.path])).toEqual([]);
  });
});
