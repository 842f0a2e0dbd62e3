import { isIP } from 'node:net';
import { z } from 'zod';
import { responseRuleSchema, slugSchema } from '../../shared/capture-types';
import { REPLAY_ERROR_KINDS } from '../../shared/replay-types';
import {
  isCanonicalBase64,
  isHeaderValue,
  isHttpToken,
  isHttpVersion,
  isRequestPath,
  isTargetText,
} from './import-fields';

/**
 * The shapes of an import's records, validated before anything is written: a
 * bad file changes nothing. Every field is held to what the capture server
 * could have recorded (import-fields.ts); verdicts are read but never kept.
 * Shared by the NDJSON and HAR readers.
 */

/** Longest free text kept from a file (a reason, an error, a URL): far more than real ones need. */
const MAX_TEXT = 64 * 1024;
/** Most header pairs in one request or response (Node's own parser stops at 2,000). */
const MAX_HEADERS = 10_000;

const oneLine = z.string().max(MAX_TEXT).refine(isHeaderValue, 'holds a line break, NUL or another control character');
export const methodSchema = z
  .string()
  .refine(isHttpToken, "is not an HTTP method (a token: letters, digits and !#$%&'*+-.^_`|~, no space, CR, LF or NUL)");
export const targetSchema = z
  .string()
  .max(MAX_TEXT)
  .refine(isTargetText, 'holds a space, CR, LF, NUL or another control character');
const pathSchema = z
  .string()
  .max(MAX_TEXT)
  .refine(isRequestPath, 'is not a request path (starts with "/", no "?", space, CR, LF, NUL or control character)');
export const headerNameSchema = z
  .string()
  .refine(isHttpToken, 'is not a header name (a token, no space, colon, CR, LF or NUL)');
export const headerValueSchema = z
  .string()
  .max(MAX_TEXT)
  .refine(isHeaderValue, 'holds CR, LF, NUL or another control character');
export const safeHeaderPairs = z.array(z.tuple([headerNameSchema, headerValueSchema])).max(MAX_HEADERS);
export const base64Schema = z.string().refine(isCanonicalBase64, 'is not base64');
export const isoTimeSchema = z
  .string()
  .max(64)
  .refine((s) => Number.isFinite(Date.parse(s)), 'is not an ISO time');
const count = z.number().int().min(0);
const port = z.number().int().min(0).max(65_535);
const ipAddress = z
  .string()
  .max(64)
  .refine((s) => isIP(s) !== 0, 'is not an IP address');

export const captureResponseSchema = z.union([
  z.object({
    kind: z.literal('answered'),
    status: z.number().int().min(100).max(599),
    headers: safeHeaderPairs,
    body: z.string(),
    delayMs: z.number().int().min(0).max(600_000),
    reason: oneLine.optional(),
  }),
  z.object({ kind: z.literal('hang') }),
  z.object({ kind: z.literal('reset') }),
  z.object({ kind: z.literal('none'), reason: oneLine }),
]);

const errorKind = z.enum(REPLAY_ERROR_KINDS);

export const replayRecordSchema = z.object({
  id: z.number().int(),
  kind: z.enum(['replay', 'forward']),
  sentAt: isoTimeSchema,
  url: targetSchema.min(1),
  request: z.object({ method: methodSchema, headers: safeHeaderPairs, bodyBase64: base64Schema }),
  resigned: z
    .object({
      provider: oneLine,
      scheme: oneLine,
      timestamp: z.number().int(),
      secretIndex: z.number().int().nullable(),
    })
    .nullable(),
  edited: z.boolean(),
  warnings: z.array(oneLine).max(1000),
  response: z.object({
    status: z.number().int().min(0).max(999).nullable(),
    headers: safeHeaderPairs,
    bodyBase64: base64Schema,
    size: count,
  }),
  durationMs: count.nullable(),
  ok: z.boolean(),
  errorKind: errorKind.nullable(),
  errorMessage: oneLine.nullable(),
});

export const captureRecordSchema = z.object({
  type: z.literal('capture'),
  id: z.number().int().positive(),
  endpoint: slugSchema,
  receivedAt: isoTimeSchema,
  method: methodSchema,
  url: targetSchema.min(1),
  path: pathSchema,
  query: targetSchema,
  httpVersion: z.string().refine(isHttpVersion, 'is not an HTTP version (like 1.1)'),
  remoteAddress: ipAddress.nullable(),
  remotePort: port.nullable(),
  headers: safeHeaderPairs,
  bodyBase64: base64Schema,
  bodySize: count,
  bodySha256: z.string().regex(/^[0-9a-f]{64}$/, 'is not a SHA-256 in hex'),
  truncated: z.boolean(),
  error: oneLine.nullable(),
  response: captureResponseSchema.nullable(),
  // The verdict the file claims: checked for shape, never stored (this folder's analysis gives its own).
  provider: oneLine.nullable(),
  eventType: oneLine.nullable(),
  signatureStatus: oneLine.nullable(),
  signature: z.unknown(),
  replays: z.array(replayRecordSchema),
});

export const endpointRecordSchema = z.object({
  type: z.literal('endpoint'),
  slug: slugSchema,
  rule: responseRuleSchema.refine((rule) => safeHeaderPairs.safeParse(rule.headers).success, {
    message: 'has a header that is not a token name with a value free of CR, LF and NUL',
    path: ['headers'],
  }),
  provider: oneLine.max(128).nullable(),
  forwardUrl: z.string().nullable(),
  forwardMode: z.enum(['rule', 'proxy']),
});

export const headerRecordSchema = z.object({
  type: z.literal('hookscope-export'),
  version: z.literal(1),
  exportedAt: isoTimeSchema,
  hookscope: z.string().max(256),
});

export type CaptureRecord = z.infer<typeof captureRecordSchema>;
export type ReplayRecord = z.infer<typeof replayRecordSchema>;
export type EndpointRecord = z.infer<typeof endpointRecordSchema>;

/** Text from a file made safe to quote in a one-line message: controls escaped, length capped. */
export function quoted(text: string, max = 80): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return JSON.stringify(cut).replace(
    /[\u007f-\u009f\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** The first problem zod found, as "field.path: message" (no control character from the file gets through). */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue.path.length ? issue.path.map(String).join('.') : '(record)';
  const message = issue.message.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?').slice(0, 200);
  return `${where}: ${message}`;
}
