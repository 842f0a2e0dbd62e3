import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../src/shared/format-bytes';
import { formatBytes as cliFormatBytes } from '../../src/cli/output';
import { byteSize } from '../../renderer/src/captures/format';

describe('one size format for the CLI and the UI', () => {
  it('bytes, then KiB / MiB / GiB with one decimal', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1024)).toBe('1.0 KiB');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(256 * 1024)).toBe('256.0 KiB');
    expect(formatBytes(10 * 1024 * 1024)).toBe('10.0 MiB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3.0 GiB');
  });

  it('a value that rounds up to the next unit is written in that unit', () => {
    expect(formatBytes(1024 * 1024 - 1)).toBe('1.0 MiB');
    expect(formatBytes(1024 ** 3 - 1)).toBe('1.0 GiB');
  });

  it('the CLI and the UI print the same text for the same size (the UI said "KB"/"MB")', () => {
    for (const n of [0, 500, 2048, 15 * 1024, 700 * 1024, 5 * 1024 * 1024 + 12345]) {
      expect(cliFormatBytes(n)).toBe(formatBytes(n));
      expect(byteSize(n)).toBe(formatBytes(n));
    }
    expect(byteSize(15 * 1024)).toBe('15.0 KiB');
  });
});
