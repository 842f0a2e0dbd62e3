import { HookscopeError } from '../../shared/errors';

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `--since` (or another time flag, named in the error): an ISO time, or a duration back from now (`90s`, `30m`, `24h`, `7d`, `2w`); epoch ms. */
export function parseSince(value: string, nowMs: number, flag = '--since'): number {
  const relative = /^(\d+)\s*([smhdw])$/i.exec(value.trim());
  if (relative) return nowMs - Number(relative[1]) * UNITS[relative[2].toLowerCase()];
  const at = Date.parse(value);
  if (Number.isNaN(at)) {
    throw new HookscopeError(
      'BAD_INPUT',
      `${flag} must be an ISO time (2026-02-14T10:00:00Z) or a duration back from now (30m, 24h, 7d), got "${value}"`,
    );
  }
  return at;
}
