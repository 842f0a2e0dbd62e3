import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/**
 * Writes a file that crosses a layer boundary, type-checks it with that
 * layer's tsconfig, and expects the build to fail on the import.
 */
function checkCrossing(layerConfig: string, folder: string, source: string): { failed: boolean; output: string } {
  const dir = join(root, folder, '__layer_probe__');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'probe.ts');
  writeFileSync(file, source);
  const config = join(root, `tsconfig.__probe__.${process.pid}.json`);
  writeFileSync(
    config,
    JSON.stringify({ extends: `./${layerConfig}`, include: [`${folder}/__layer_probe__/probe.ts`] }),
  );
  try {
    const run = spawnSync(process.execPath, [tsc, '-p', config, '--noEmit'], { cwd: root, encoding: 'utf8' });
    return { failed: run.status !== 0, output: run.stdout + run.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(config, { force: true });
  }
}

describe('per-layer type-checking', () => {
  it('fails when src/shared imports Node', () => {
    const r = checkCrossing(
      'tsconfig.shared.json',
      'src/shared',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
    );
    expect(r.failed).toBe(true);
    expect(r.output).toMatch(/node:fs/);
  });

  it('fails when renderer/ imports Electron or the database', () => {
    const e = checkCrossing(
      'tsconfig.web.json',
      'renderer/src',
      "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n",
    );
    expect(e.failed).toBe(true);
    expect(e.output).toMatch(/electron/);
    const d = checkCrossing(
      'tsconfig.web.json',
      'renderer/src',
      "import Database from 'better-sqlite3';\nexport const x = Database;\n",
    );
    expect(d.failed).toBe(true);
  });

  it('fails when src/core imports Electron', () => {
    const r = checkCrossing(
      'tsconfig.node.json',
      'src/core',
      "import { app } from 'electron';\nexport const x = app;\n",
    );
    expect(r.failed).toBe(true);
    expect(r.output).toMatch(/electron/);
  });

  it('passes for an allowed import (the probe itself is sound)', () => {
    const r = checkCrossing(
      'tsconfig.shared.json',
      'src/shared',
      "import { z } from 'zod';\nexport const x = z.string();\n",
    );
    expect(r.output).toBe('');
    expect(r.failed).toBe(false);
  });
});
