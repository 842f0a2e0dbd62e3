/**
 * The UI's interactive reads that may be answered off the main thread (by the
 * read thread, read-pool.ts), each as one call on the CaptureService: the
 * thread runs the same service over its own read-only connection, the main
 * thread the one over the writer's connection. One mapping for both.
 */
import type { ApiHandlers, ApiResults } from '../../shared/api';
import type { CaptureService } from '../services/captures';

export const THREAD_READS = ['captures.list', 'captures.get', 'captures.body', 'captures.search'] as const;
export type ThreadRead = (typeof THREAD_READS)[number];

/** A read's arguments as validated by the contract (src/shared/api.ts). */
export type ReadArgs<M extends ThreadRead> = Parameters<ApiHandlers[M]>[0];

export function isThreadRead(method: string): method is ThreadRead {
  return (THREAD_READS as readonly string[]).includes(method);
}

type ReadTable = { [M in ThreadRead]: (service: CaptureService, args: ReadArgs<M>) => ApiResults[M] };

const READS: ReadTable = {
  'captures.list': (s, args) => s.list(args),
  'captures.get': (s, { id }) => s.detail(id),
  'captures.body': (s, { id }) => s.body(id),
  'captures.search': (s, { text, limit }) => s.search(text, limit ?? 50),
};

export function runRead<M extends ThreadRead>(service: CaptureService, method: M, args: ReadArgs<M>): ApiResults[M] {
  return (READS[method] as (s: CaptureService, a: ReadArgs<M>) => ApiResults[M])(service, args);
}

/**
 * Thrown on the read thread when a read needs the main thread: a capture
 * whose verdict is not yet stored (analysis needs the signing secrets, sealed
 * with a key only the main thread holds, and writes the verdict).
 */
export class NeedsMainThread extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'NeedsMainThread';
  }
}
