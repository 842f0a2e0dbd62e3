import type { HeaderPair } from '../../shared/capture-types';
import { bytes, json } from './sqlite-values';

/**
 * A target's answer to one sent request, as both delivery_attempts and
 * replays keep it: status (null when no answer came), headers, the first
 * 64 KiB of body and the total size, how long it took and how it failed.
 * `Kind` is the table's failure vocabulary; `Body` is Uint8Array on the way
 * in, Buffer on the way out.
 */
export interface RecordedResponse<Kind extends string, Body extends Uint8Array = Uint8Array> {
  status: number | null;
  responseHeaders: HeaderPair[];
  responseBody: Body;
  responseSize: number;
  durationMs: number | null;
  ok: boolean;
  errorKind: Kind | null;
  errorMessage: string | null;
}

/**
 * The same, read from a row that may hold no answer yet (an attempt still
 * scheduled or in flight): every field null until recorded, except the
 * headers, read as [].
 */
export type MaybeRecordedResponse<Kind extends string> = {
  [K in Exclude<keyof RecordedResponse<Kind, Buffer>, 'responseHeaders'>]: RecordedResponse<Kind, Buffer>[K] | null;
} & { responseHeaders: HeaderPair[] };

/** The recorded-response columns, in the order recordedResponseParams gives their values. */
export const RECORDED_RESPONSE_COLUMNS = [
  'response_status',
  'response_headers',
  'response_body',
  'response_size',
  'duration_ms',
  'ok',
  'error_kind',
  'error_message',
] as const;

/** The values to bind to RECORDED_RESPONSE_COLUMNS, in that order. */
export function recordedResponseParams(r: RecordedResponse<string>): unknown[] {
  return [
    r.status,
    json(r.responseHeaders),
    bytes(r.responseBody),
    r.responseSize,
    r.durationMs,
    r.ok ? 1 : 0,
    r.errorKind,
    r.errorMessage,
  ];
}
