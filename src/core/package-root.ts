import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The folder holding Hookscope's package.json, found by walking up from
 * `start`: the same answer from the TypeScript sources, the bundled CLI in
 * out/cli/, or the Electron build in out/main/.
 */
export function packageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'hookscope') return dir;
      } catch {
        // not ours; keep walking
      }
    }
    if (dirname(dir) === dir) return start;
  }
}
