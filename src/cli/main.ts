import { Command, CommanderError } from 'commander';
import { isHookscopeError, isInputError } from '../shared/errors';
import { VERSION } from '../core/version';
import { databasePath } from '../core/paths';
import { translateEscapedStoreError } from '../core/store-exports';
import { dataDirOf, type CommonOptions } from './context';
import { inertLine } from './terminal-safe';
import { registerCaptureCommands } from './commands/captures';
import { registerEndpointCommands } from './commands/endpoint';
import { registerServeCommand } from './commands/serve';
import { registerProviderCommands } from './commands/providers';
import { registerSenderCommands } from './commands/sender';
import { registerReplayCommands } from './commands/replay';
import { registerExportCommands } from './commands/export';
import { registerImportCommand } from './commands/import';
import { registerDiffCommand } from './commands/diff';
import { registerDeleteCommands } from './commands/delete';

export function buildProgram(): Command {
  const program = new Command('hookscope')
    .description('Capture, verify, replay and simulate webhooks.')
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride();
  registerServeCommand(program);
  registerCaptureCommands(program);
  registerEndpointCommands(program);
  registerProviderCommands(program);
  registerSenderCommands(program);
  registerReplayCommands(program);
  registerExportCommands(program);
  registerImportCommand(program);
  registerDiffCommand(program);
  registerDeleteCommands(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

let pipeWatched = false;

/** `hookscope list | head`: a reader that goes away early is not an error. Watched once per process, however often main runs. */
function exitQuietlyWhenThePipeCloses(): void {
  if (pipeWatched) return;
  pipeWatched = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

/** Runs the CLI; returns the exit code. 2: bad usage or input, 1: the command failed. */
export async function main(argv: string[]): Promise<number> {
  exitQuietlyWhenThePipeCloses();
  const program = buildProgram();
  // The data folder of the command that runs, so a store failure escaping it can name its database.
  let dataDir: string | undefined;
  program.hook('preAction', (_program, command) => {
    dataDir = dataDirOf(command.opts<CommonOptions>());
  });
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (thrown) {
    // A SQLite failure from any command (a damaged page met mid-read, a write refused) gets its code and one line.
    const error = translateEscapedStoreError(thrown, databasePath(dataDir ?? dataDirOf({})));
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2;
    }
    // One inert line, never a stack: the message may echo captured or typed text.
    if (isHookscopeError(error)) {
      process.stderr.write(`hookscope: ${inertLine(error.message)} [${error.code}]\n`);
      return isInputError(error.code) ? 2 : 1;
    }
    process.stderr.write(
      `hookscope: ${inertLine(error instanceof Error ? error.message : String(error))} [INTERNAL]\n`,
    );
    return 1;
  }
}
