/**
 * The one registry of error codes. Every error that crosses a boundary (HTTP,
 * IPC, CLI, files the user gives us) carries one of these codes; callers match
 * on `code`, never on message text.
 */
export const ERROR_CODES = {
  BAD_INPUT: 'The input is not valid: a field is missing, of the wrong type or out of range.',
  NOT_FOUND: 'The thing asked for does not exist.',
  CONFLICT: 'The thing already exists or is in a state that forbids the change.',
  ENDPOINT_EXISTS: 'An endpoint with that slug already exists.',
  ENDPOINT_NOT_FOUND: 'No endpoint has that slug.',
  CAPTURE_NOT_FOUND: 'No capture has that id.',
  DB_NEWER_VERSION: 'The database was written by a newer version of Hookscope.',
  DB_CORRUPT: 'The database file is damaged or is not a Hookscope database.',
  DB_READ_ONLY: 'The data folder or database file cannot be written.',
  DB_DISK_FULL: 'The disk holding the data folder is full.',
  PROVIDER_UNKNOWN: 'No provider has that id.',
  PROVIDER_FILE_INVALID: 'A user-defined provider file does not match the schema.',
  EVENT_UNKNOWN: 'The provider has no event type of that name.',
  SIGNATURE_SCHEME_UNKNOWN: 'No signature scheme has that id.',
  DELIVERY_NOT_FOUND: 'No delivery has that id.',
  REPLAY_NOT_FOUND: 'No replay has that id.',
  IMPORT_INVALID:
    'The file to import is not a Hookscope NDJSON export or a HAR 1.2 file, or a record in it is damaged.',
  UNAUTHORIZED: 'The request lacks the control API token.',
  FORBIDDEN_ORIGIN: 'The request came from a foreign Host or Origin.',
  METHOD_UNKNOWN: 'The API has no method of that name.',
  TUNNEL_FAILED: 'The public tunnel could not be opened.',
  WEBHOOK_DISABLED: 'The webhook is disabled (a provider turned it off after consecutive failures); enable it first.',
  SENDER_STOPPED: 'The delivery engine has been stopped.',
  OUTPUT_FORBIDDEN:
    'Hookscope will not write there: inside its data folder, over its database, or over a file it did not create.',
  PAYLOAD_TOO_LARGE: 'The request or file is larger than Hookscope accepts.',
  INPUT_TOO_DEEP: 'The JSON nests deeper than Hookscope accepts.',
  DATA_DIR_IN_USE: 'Another Hookscope serve is already using this data folder.',
  PORT_IN_USE: 'The port is already in use by another program.',
  DB_BUSY: 'The database stayed busy (held by another Hookscope process) for longer than Hookscope waits.',
  INTERNAL: 'An unexpected failure inside Hookscope.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** What every transport answers an API call with: HTTP, the core's MessagePort, the preload's functions. */
export type ApiReply<T = unknown> = { ok: true; result: T } | { ok: false; error: ErrorPayload };

export class HookscopeError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'HookscopeError';
    this.code = code;
    this.details = details;
  }

  toJSON(): ErrorPayload {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** Codes that mean the caller asked for something wrong (exit 2, HTTP 4xx), not that Hookscope failed. */
export function isInputError(code: ErrorCode): boolean {
  return (
    code === 'BAD_INPUT' ||
    code === 'CONFLICT' ||
    code === 'ENDPOINT_EXISTS' ||
    code === 'WEBHOOK_DISABLED' ||
    code === 'METHOD_UNKNOWN' ||
    code.endsWith('_NOT_FOUND') ||
    code.endsWith('_UNKNOWN') ||
    code === 'PROVIDER_FILE_INVALID' ||
    code === 'IMPORT_INVALID' ||
    code === 'OUTPUT_FORBIDDEN' ||
    code === 'PAYLOAD_TOO_LARGE' ||
    code === 'INPUT_TOO_DEEP'
  );
}

export function isHookscopeError(value: unknown): value is HookscopeError {
  return value instanceof HookscopeError;
}

/** Turns anything thrown into a payload that is safe to send over a boundary. */
export function toErrorPayload(error: unknown): ErrorPayload {
  if (isHookscopeError(error)) return error.toJSON();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message };
}
