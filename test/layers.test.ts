import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/**
 * Writes a file that crosses a layer boundary, type-checks it with that
 * layer's tsconfig, and expects the build to fail on the import. The probe and
 * its tsconfig are written under node_modules/.cache (ignored, outside src/
 * and renderer/), so nothing is ever written into the tree; the forbidden
 * packages are a property of the layer's config (its `types` and `paths`), not
 * of the folder a file sits in.
 */
function checkCrossing(layerConfig: string, source: string): { failed: boolean; output: string } {
  const dir = join(root, 'node_modules', '.cache', 'layer-probes', `${process.pid}-${++probes}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'probe.ts'), source);
  const config = join(dir, 'tsconfig.json');
  writeFileSync(config, JSON.stringify({ extends: join(root, layerConfig), include: ['probe.ts'] }));
  try {
    const run = spawnSync(process.execPath, [tsc, '-p', config, '--noEmit'], { cwd: root, encoding: 'utf8' });
    return { failed: run.status !== 0, output: run.stdout + run.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
let probes = 0;

describe('per-layer type-checking', () => {
  it('fails when src/shared imports Node', () => {
    const r = checkCrossing(
      'tsconfig.shared.json',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
    );
    expect(r.failed).toBe(true);
    expect(r.output).toMatch(/node:fs/);
  });

  it('fails when renderer/ imports Electron or the database', () => {
    const e = checkCrossing(
      'tsconfig.web.json',
      "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n",
    );
    expect(e.failed).toBe(true);
    expect(e.output).toMatch(/electron/);
    const d = checkCrossing(
      'tsconfig.web.json',
      "import Database from 'better-sqlite3';\nexport const x = Database;\n",
    );
    expect(d.failed).toBe(true);
  });

  it('fails when src/core imports Electron', () => {
    const r = checkCrossing('tsconfig.node.json', "import { app } from 'electron';\nexport const x = app;\n");
    expect(r.failed).toBe(true);
    expect(r.output).toMatch(/electron/);
  });

  it('passes for an allowed import (the probe itself is sound)', () => {
    const r = checkCrossing('tsconfig.shared.json', "import { z } from 'zod';\nexport const x = z.string();\n");
    expect(r.output).toBe('');
    expect(r.failed).toBe(false);
  });
});
