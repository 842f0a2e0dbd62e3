/** A duration as people say it. Pure; the UI and the CLI share it. */

function trim(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/** `250 ms`, `1.5 s`, `42 s`, `5 min`, `4 min 30 s`, `2 h`, `2 h 30 min`, `24 h`, `3 d`. */
export function duration(ms: number): string {
  const abs = Math.abs(ms);
  const sign = ms < 0 ? '-' : '';
  if (abs < 1000) return `${sign}${Math.round(abs)} ms`;
  if (abs < 60_000) return `${sign}${abs < 10_000 ? trim(abs / 1000) : Math.round(abs / 1000)} s`;
  if (abs < 3_600_000) {
    const min = Math.floor(abs / 60_000);
    const s = Math.round((abs % 60_000) / 1000);
    return s === 0 ? `${sign}${min} min` : s === 60 ? `${sign}${min + 1} min` : `${sign}${min} min ${s} s`;
  }
  if (abs <= 48 * 3_600_000) {
    const h = Math.floor(abs / 3_600_000);
    const min = Math.round((abs % 3_600_000) / 60_000);
    return min === 0 ? `${sign}${h} h` : min === 60 ? `${sign}${h + 1} h` : `${sign}${h} h ${min} min`;
  }
  return `${sign}${trim(abs / 86_400_000)} d`;
}
