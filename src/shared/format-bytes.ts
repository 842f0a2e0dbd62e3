/**
 * The one size format, in the CLI and the UI alike: bytes below 1 KiB, then
 * KiB, MiB, GiB with one decimal (1024-based, and named so).
 */
const UNITS = ['KiB', 'MiB', 'GiB', 'TiB'] as const;

export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 1024) return `${n} B`;
  let value = n / 1024;
  let unit = 0;
  // 1023.96 KiB would print as "1024.0 KiB": move up when the rounded value reaches the next unit.
  while (Number(value.toFixed(1)) >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${UNITS[unit]}`;
}
