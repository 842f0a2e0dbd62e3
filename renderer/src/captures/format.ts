import { formatBytes } from '../../../src/shared/format-bytes';

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `14:03:07.120` for today, `Mar 14 14:03:07` for another day this year, `2025-03-14 14:03` for an earlier year (local time). */
export function shortTime(iso: string, now = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const clock = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  const today =
    d.getFullYear() === now.getFullYear() && d.getMonth() === now.getMonth() && d.getDate() === now.getDate();
  if (today) return `${clock}.${pad(d.getMilliseconds(), 3)}`;
  const day = `${MONTHS[d.getMonth()]} ${pad(d.getDate())} ${clock}`;
  return d.getFullYear() === now.getFullYear()
    ? day
    : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** `2025-03-14 14:03:07.120` in local time. */
export function longTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** Sizes as the CLI writes them (one format everywhere: src/shared/format-bytes.ts). */
export const byteSize = formatBytes;

/** A CSS class for an HTTP status: s2, s3, s4, s5, or none. */
export function statusClass(status: number | null): string {
  return status === null ? 'status-none' : `status-${Math.floor(status / 100)}xx`;
}
