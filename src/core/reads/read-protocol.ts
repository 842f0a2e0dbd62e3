/** Messages between the main thread (read-pool.ts) and the read thread (read-thread.ts). */
import { HookscopeError, isHookscopeError } from '../../shared/errors';
import type { ThreadRead } from './read-methods';

/** What the read thread is started with (workerData). */
export interface ReadThreadData {
  file: string;
  /** The schema version the main connection migrated to: the thread reads only that one. */
  schemaVersion: number;
  nativeBinding?: string;
}

export interface ReadRequest {
  id: number;
  method: ThreadRead;
  args: unknown;
}

/** An error as it crosses the thread boundary: a HookscopeError keeps its code and details, a SQLite error its code. */
export interface ThreadError {
  hookscope: boolean;
  code: string | null;
  message: string;
  details?: unknown;
}

export type FromReadThread =
  | { kind: 'ready' }
  /** The connection could not be opened (file gone, another schema): the main thread answers every read. */
  | { kind: 'failed'; message: string }
  | { kind: 'stopped' }
  | { kind: 'result'; id: number; result: unknown }
  | { kind: 'error'; id: number; error: ThreadError }
  /** This read needs the main thread (a verdict not stored yet, a changed schema): it runs there. */
  | { kind: 'main'; id: number; reason: string };

export type ToReadThread = ReadRequest | 'stop';

export function toThreadError(error: unknown): ThreadError {
  if (isHookscopeError(error))
    return { hookscope: true, code: error.code, message: error.message, details: error.details };
  const code = (error as { code?: unknown } | null)?.code;
  return {
    hookscope: false,
    code: typeof code === 'string' ? code : null,
    message: error instanceof Error ? error.message : String(error),
  };
}

/** The error as the main thread rethrows it: the same HookscopeError, or an Error carrying SQLite's code. */
export function fromThreadError(e: ThreadError): Error {
  if (e.hookscope) return new HookscopeError(e.code as HookscopeError['code'], e.message, e.details);
  return Object.assign(new Error(e.message), e.code === null ? {} : { code: e.code });
}
