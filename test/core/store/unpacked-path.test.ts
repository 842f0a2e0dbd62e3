import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unpackedPath } from '../../../src/core/store/unpacked-path';

describe('files a worker thread loads from a packaged app', () => {
  it('come from app.asar.unpacked, and every other path is left alone', () => {
    const packed = join('/opt/Hookscope/resources', 'app.asar', 'out', 'main', 'checkpoint-worker.mjs');
    expect(unpackedPath(packed)).toBe(
      join('/opt/Hookscope/resources', 'app.asar.unpacked', 'out', 'main', 'checkpoint-worker.mjs'),
    );
    const dev = join('/home/me/hookscope', 'src', 'core', 'store', 'checkpoint-worker.mjs');
    expect(unpackedPath(dev)).toBe(dev);
    expect(unpackedPath(join('/x', 'app.asar.unpacked', 'y.mjs'))).toBe(join('/x', 'app.asar.unpacked', 'y.mjs'));
  });
});
