/** Durations and speeds as people say them. Pure. */

import { duration } from '../../../src/shared/duration';

export { duration };

function trim(n: number): string {
  return String(Math.round(n * 10) / 10);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A countdown: `4.2 s` under ten seconds, then `4:59`, then `1:02:03`. */
export function countdown(ms: number): string {
  const left = Math.max(0, ms);
  if (left < 10_000) return `${(left / 1000).toFixed(1)} s`;
  const total = Math.ceil(left / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** What a speed-up means: `real time`, `1 min of provider time per second`, `1 h of provider time per second`. */
export function speedMeaning(speed: number): string {
  if (speed === 1) return 'waits run in real time';
  return `${duration(speed * 1000)} of provider time per real second`;
}

/** `3600×`, `0.5×`. */
export function speedLabel(speed: number): string {
  return `${Number.isInteger(speed) ? speed : trim(speed)}×`;
}

/** A provider-time offset from a delivery's first attempt: `T+0`, `T+6 s`, `T+1 h 5 min`. */
export function providerTime(offsetMs: number): string {
  return offsetMs <= 0 ? 'T+0' : `T+${duration(offsetMs)}`;
}
