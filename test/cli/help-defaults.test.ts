/** Every option's help names its default once: commander appends "(default: X)", so the text must not say it too. */
import { describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { buildProgram } from '../../src/cli/main';

function allCommands(c: Command): Command[] {
  return [c, ...c.commands.flatMap(allCommands)];
}

describe('help text', () => {
  it('no option says its default twice (the doubled "(default 50) (default: 50)")', () => {
    const seen: string[] = [];
    for (const command of allCommands(buildProgram())) {
      const help = command.createHelp();
      for (const option of command.options) {
        const text = help.optionDescription(option);
        seen.push(`${command.name()} ${option.long}`);
        expect(
          text.match(/\bdefault\b/gi)?.length ?? 0,
          `${command.name()} ${option.long}: ${text}`,
        ).toBeLessThanOrEqual(1);
      }
    }
    expect(seen).toContain('list --limit');
    expect(seen).toContain('deliveries --limit');
  });

  it('list --limit shows its default the one way, and serve --body-limit in MiB', () => {
    const program = buildProgram();
    const find = (name: string) => program.commands.find((c) => c.name() === name)!;
    const describe = (name: string, flag: string) =>
      find(name)
        .createHelp()
        .optionDescription(find(name).options.find((o) => o.long === flag)!);
    expect(describe('list', '--limit')).toBe('how many (default: 50)');
    expect(describe('search', '--limit')).toBe('how many (default: 50)');
    expect(describe('serve', '--body-limit')).toBe('largest body stored whole; larger ones get 413 (default: 10 MiB)');
    expect(describe('replay', '--concurrency')).toBe('bulk: requests at once (default: 4)');
  });
});
