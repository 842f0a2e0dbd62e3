import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Proves the layer table in eslint.config.mjs still rejects every forbidden
// crossing, so the rules cannot silently stop working. Each probe is written
// to a temporary folder outside the tree (removed afterwards), then linted
// with the project's own config as if it sat at `as` (a path inside the layer
// it probes): nothing is ever written under src/ or renderer/.

const root = resolve(import.meta.dirname, '..');

interface Probe {
  crossing: string;
  /** Where the probe is linted as if it were, from the repository root. */
  as: string;
  source: string;
}

const FORBIDDEN: Probe[] = [
  {
    crossing: 'renderer -> src/core',
    as: 'renderer/src/detail/probe.ts',
    source: "import { lineDiff } from '../../../src/core/replay/line-diff';\nexport const x = lineDiff;\n",
  },
  {
    crossing: 'renderer -> src/server',
    as: 'renderer/src/probe.ts',
    source:
      "import { createControlServer } from '../../src/server/control-server';\nexport const x = createControlServer;\n",
  },
  { crossing: 'renderer -> src/main', as: 'renderer/src/probe.ts', source: "export * from '../../src/main/menu';\n" },
  {
    crossing: 'renderer -> node:fs',
    as: 'renderer/src/probe.ts',
    source: "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
  },
  {
    crossing: 'renderer -> electron',
    as: 'renderer/src/probe.ts',
    source: "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n",
  },
  {
    crossing: 'renderer -> better-sqlite3',
    as: 'renderer/src/probe.ts',
    source: "import Database from 'better-sqlite3';\nexport const x = Database;\n",
  },
  {
    crossing: 'src/shared -> node:crypto',
    as: 'src/shared/probe.ts',
    source: "import { createHash } from 'node:crypto';\nexport const x = createHash;\n",
  },
  {
    crossing: 'src/shared -> fs (bare builtin)',
    as: 'src/shared/probe.ts',
    source: "import { readFileSync } from 'fs';\nexport const x = readFileSync;\n",
  },
  {
    crossing: 'src/shared -> electron',
    as: 'src/shared/probe.ts',
    source: "import type { IpcMain } from 'electron';\nexport type X = IpcMain;\n",
  },
  {
    crossing: 'src/shared -> better-sqlite3',
    as: 'src/shared/probe.ts',
    source: "import type { Database } from 'better-sqlite3';\nexport type X = Database;\n",
  },
  {
    crossing: 'src/shared -> the DOM (document)',
    as: 'src/shared/probe.ts',
    source: 'export const title = () => document.title;\n',
  },
  {
    crossing: 'src/shared -> Node globals (Buffer)',
    as: 'src/shared/probe.ts',
    source: 'export const bytes = (s: string) => Buffer.from(s);\n',
  },
  {
    crossing: 'src/shared -> src/core',
    as: 'src/shared/probe.ts',
    source: "import { systemClock } from '../core/clock';\nexport const x = systemClock;\n",
  },
  {
    crossing: 'src/core -> electron',
    as: 'src/core/probe.ts',
    source: "import { app } from 'electron';\nexport const x = app;\n",
  },
  {
    crossing: 'src/core -> src/server',
    as: 'src/core/replay/probe.ts',
    source:
      "import { createControlServer } from '../../server/control-server';\nexport const x = createControlServer;\n",
  },
  {
    crossing: 'src/core -> src/cli',
    as: 'src/core/probe.ts',
    source: "import { inertLine } from '../cli/terminal-safe';\nexport const x = inertLine;\n",
  },
  {
    crossing: 'src/core -> src/main',
    as: 'src/core/probe.ts',
    source: "export const load = () => import('../main/menu');\n",
  },
  {
    crossing: 'src/core (outside store) -> better-sqlite3',
    as: 'src/core/sender/probe.ts',
    source: "import type { Database } from 'better-sqlite3';\nexport type X = Database;\n",
  },
  {
    crossing: 'src/core/store -> sender types',
    as: 'src/core/store/probe.ts',
    source: "import type { SignedRequest } from '../sender/types';\nexport type X = SignedRequest;\n",
  },
  {
    crossing: 'src/cli -> a repository',
    as: 'src/cli/commands/probe.ts',
    source: "import { toDetail } from '../../core/store/captures';\nexport const x = toDetail;\n",
  },
  {
    crossing: 'src/cli -> a repository (dynamic import)',
    as: 'src/cli/probe.ts',
    source: "export const load = () => import('../core/store/db');\n",
  },
  {
    crossing: 'src/server -> a repository',
    as: 'src/server/probe.ts',
    source: "import { createCaptureRepo } from '../core/store/captures';\nexport const x = createCaptureRepo;\n",
  },
  {
    crossing: 'src/main -> a repository',
    as: 'src/main/core-process/probe.ts',
    source: "export { createKeySealer } from '../../core/store/key-sealer';\n",
  },
  {
    crossing: 'src/main -> better-sqlite3',
    as: 'src/main/probe.ts',
    source: "import Database from 'better-sqlite3';\nexport const x = Database;\n",
  },
];

const ALLOWED: Probe[] = [
  {
    crossing: 'renderer -> src/shared',
    as: 'renderer/src/detail/probe.ts',
    source: "import type { ApiMethod } from '../../../src/shared/api';\nexport type X = ApiMethod;\n",
  },
  {
    crossing: 'src/cli -> core public surface',
    as: 'src/cli/commands/probe.ts',
    source:
      "import { toReplayView } from '../../core/store-exports';\nimport type { AppSurface } from '../../core/app';\nexport const x = toReplayView;\nexport type Y = AppSurface;\n",
  },
  {
    crossing: 'src/core/store -> the delivery request shape',
    as: 'src/core/store/probe.ts',
    source: "import type { SignedRequest } from '../delivery-request';\nexport type X = SignedRequest;\n",
  },
  {
    crossing: 'src/core/store -> better-sqlite3',
    as: 'src/core/store/probe.ts',
    source: "import type { Database } from 'better-sqlite3';\nexport type X = Database;\n",
  },
];

let dir: string;
let eslint: ESLint;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hookscope-layer-probes-'));
  // The project's own flat config (eslint.config.mjs), no cache: every probe is linted afresh.
  eslint = new ESLint({ cwd: root, cache: false });
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Writes the probe to the temporary folder and lints its text as the file it pretends to be. */
async function lintProbe(probe: Probe, index: number): Promise<string[]> {
  const file = join(dir, `probe-${index}.ts`);
  writeFileSync(file, probe.source);
  const [result] = await eslint.lintText(readFileSync(file, 'utf8'), { filePath: join(root, probe.as) });
  expect(result.filePath).toBe(join(root, probe.as));
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('the layer table in eslint.config.mjs', () => {
  it.each(FORBIDDEN.map((p, i) => [p.crossing, p, i] as const))('rejects %s', async (_name, probe, index) => {
    const messages = await lintProbe(probe, index);
    const layerErrors = messages.filter(
      (m) => m.startsWith('hookscope/layers:') || m.startsWith('no-restricted-globals:'),
    );
    expect(layerErrors, messages.join('\n')).toHaveLength(1);
  });

  it.each(ALLOWED.map((p, i) => [p.crossing, p, FORBIDDEN.length + i] as const))(
    'allows %s (the probe itself is sound)',
    async (_name, probe, index) => {
      expect(await lintProbe(probe, index)).toEqual([]);
    },
  );

  it('finds no crossing in the tree as it is', async () => {
    // Only the layer rule, the one this looks at (`npm run lint` runs them all over the tree).
    const layersOnly = new ESLint({
      cwd: root,
      cache: false,
      ruleFilter: ({ ruleId }) => ruleId === 'hookscope/layers',
    });
    // The filtered linter still sees a crossing (a filter that dropped the rule would find none anywhere).
    const [probe] = await layersOnly.lintText(FORBIDDEN[0].source, { filePath: join(root, FORBIDDEN[0].as) });
    expect(probe.messages.map((m) => m.ruleId)).toEqual(['hookscope/layers']);
    const results = await layersOnly.lintFiles(['src', 'renderer/src']);
    const crossings = results.flatMap((r) =>
      r.messages.filter((m) => m.ruleId === 'hookscope/layers').map((m) => `${r.filePath}:${m.line} ${m.message}`),
    );
    expect(crossings).toEqual([]);
  });
});
