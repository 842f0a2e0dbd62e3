import type { NewReplay } from '../store/replays';
import type { ImportedCapture } from '../store/export-import';
import type { EndpointRecord } from './import-records';

/** One capture read from a file, validated, not yet written. */
export interface ImportItem {
  /** Its id in the file (NDJSON), or its position from 1 (HAR). */
  sourceId: number;
  endpoint: string;
  capture: Omit<ImportedCapture, 'endpointId'>;
  replays: Omit<NewReplay, 'captureId'>[];
}

/**
 * A file read through once and found valid in every record: what it holds,
 * and a way to read its captures again, one at a time, for writing.
 */
export interface ValidatedImport {
  format: 'ndjson' | 'har';
  /** Endpoints described in the file (NDJSON), created with their rule and provider when missing. */
  endpoints: Map<string, EndpointRecord>;
  /** How many captures the file holds. */
  count: number;
  /** The captures again, in file order (re-validated as they are read: the file may have changed since). */
  items(): AsyncIterable<ImportItem>;
}
