import type { SignatureForm } from '../../shared/providers';

/**
 * How a signature form writes the timestamp it signs: unix seconds, unix milliseconds (Sanity, Knock, WorkOS),
 * an RFC 3339 time with milliseconds and `Z` (Twitch), or an ISO 8601 date with a `+00:00` offset (Box).
 */
export type TimestampStyle = 'seconds' | 'ms' | 'iso' | 'iso-offset';

type TimestampFields = Pick<SignatureForm, 'timestampUnit' | 'timestampFormat'>;

/** The one reading of `timestampUnit` and of the older `timestampFormat: 'iso8601'` (the same as `'iso-offset'`). */
export function timestampStyle(form: TimestampFields): TimestampStyle {
  if (form.timestampFormat === 'iso8601') return 'iso-offset';
  return form.timestampUnit ?? 'seconds';
}

/** The signed timestamp's text for a time in unix seconds. */
export function timestampText(form: TimestampFields, timestampSec: number): string {
  switch (timestampStyle(form)) {
    case 'iso-offset':
      return new Date(timestampSec * 1000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
    case 'iso':
      return new Date(timestampSec * 1000).toISOString();
    case 'ms':
      return String(timestampSec * 1000);
    case 'seconds':
      return String(timestampSec);
  }
}

/** Whether a received timestamp is written as the form writes one (a date that parses, or whole digits). */
export function isTimestampText(form: TimestampFields, text: string): boolean {
  const style = timestampStyle(form);
  return style === 'iso' || style === 'iso-offset' ? !Number.isNaN(Date.parse(text)) : /^\d+$/.test(text);
}

/** A received timestamp in whole unix seconds (isTimestampText first). */
export function timestampSeconds(form: TimestampFields, text: string): number {
  const style = timestampStyle(form);
  if (style === 'iso' || style === 'iso-offset') return Math.floor(Date.parse(text) / 1000);
  return style === 'ms' ? Math.floor(Number(text) / 1000) : Number(text);
}

/** What a timestamp of this form must be, for a verdict that says it is not. */
export function timestampNoun(form: TimestampFields): string {
  switch (timestampStyle(form)) {
    case 'iso-offset':
    case 'iso':
      return 'an ISO 8601 date';
    case 'ms':
      return 'a whole number of unix milliseconds';
    case 'seconds':
      return 'a whole number of unix seconds';
  }
}
