/**
 * Sample times, written in each provider's format. The time of an event is
 * never drawn from the seed: it is the instant the caller gives (a delivery's
 * creation on the injected clock), so a handler checking freshness from the
 * body sees the truth; the seed decides only the content.
 */
import type { TimeFormat } from '../../../shared/providers';

/**
 * The instant of a sample built with no time given (fixtures, property tests).
 * Every delivery and every preview passes its own clock's time instead.
 */
export const SAMPLE_REFERENCE_MS = Date.UTC(2026, 0, 1, 12);

export const DAY_MS = 86_400_000;

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
