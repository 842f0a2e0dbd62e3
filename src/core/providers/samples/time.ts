/** Sample times: derived from the seed (never from the clock), written in each provider's format. */
import type { TimeFormat } from '../../../shared/providers';
import type { Rng } from './prng';

const BASE_MS = Date.UTC(2026, 0, 1);
const SPAN_SECONDS = 180 * 24 * 3600;

/** A moment in the first half of 2026, with milliseconds. */
export function sampleTimeMs(rng: Rng): number {
  return BASE_MS + rng.int(0, SPAN_SECONDS) * 1000 + rng.int(0, 999);
}

export function formatTime(ms: number, format: TimeFormat): string | number {
  switch (format) {
    case 'iso-ms':
      return new Date(ms).toISOString();
    case 'iso-s':
    case 'iso':
      return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    case 'unix-ms':
      return ms;
    case 'unix-s':
      return Math.floor(ms / 1000);
  }
}

export const isoMs = (ms: number) => new Date(ms).toISOString();
export const isoS = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
export const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
