import type { NewReplay } from '../store/replays';
import type { ImportedCapture } from '../store/transfer';
import type { EndpointRecord } from './records';

/** One capture read from a file, not yet written. */
export interface ImportItem {
  /** Its id in the file (NDJSON), or its position from 1 (HAR). */
  sourceId: number;
  endpoint: string;
  capture: Omit<ImportedCapture, 'endpointId'>;
  replays: Omit<NewReplay, 'captureId'>[];
}

/** Everything a file holds, validated; writing it is all or nothing. */
export interface ImportPlan {
  format: 'ndjson' | 'har';
  /** Endpoints described in the file (NDJSON), created with their rule and provider when missing. */
  endpoints: Map<string, EndpointRecord>;
  items: ImportItem[];
}
