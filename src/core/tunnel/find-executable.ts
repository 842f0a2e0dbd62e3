import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/**
 * The path of an executable: `configured` when given (a path, checked), else
 * the first `name` on PATH (with Windows' PATHEXT endings). Undefined when none.
 */
export function findExecutable(
  name: string,
  configured?: string,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const runnable = (path: string) => {
    try {
      if (!statSync(path).isFile()) return false;
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (configured) return runnable(configured) ? configured : undefined;
  const endings = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir || !isAbsolute(dir)) continue;
    for (const ending of endings) {
      const path = join(dir, name + ending);
      if (runnable(path)) return path;
    }
  }
  return undefined;
}
