/**
 * What `retry` and `replay` say about how a request ended: the error kind
 * (and its message) beside the status, and with --show-body the body the
 * handler answered. Everything from the handler is outside data: inert.
 */
import type { DeliveryDetail } from '../../core/sender';
import type { AttemptRecord } from '../../core/store-exports';
import type { ReplayView } from '../../shared/replay-types';
import { isText } from '../../core/capture/decode';
import { formatBytes } from '../output';
import { inertBlock, inertLine } from '../terminal-safe';

/** `delivery 7: failed (exhausted); last attempt 3: timeout (no answer within 100 ms)`, or `delivery 7: delivered (attempt 2: 200)`. */
export function deliveryOutcomeLine(detail: DeliveryDetail): string {
  const r = detail.result;
  const head = `delivery ${r.deliveryId}: ${r.status}${r.failureReason ? ` (${r.failureReason})` : ''}`;
  const last = lastSent(detail);
  if (!last) return inertLine(head);
  const outcome =
    last.errorKind === null
      ? `${last.status}`
      : last.errorKind === 'status'
        ? `status ${last.status} is not a success`
        : last.errorKind === 'handshake'
          ? `wrong handshake answer: ${last.errorMessage ?? last.status}`
          : `${last.errorKind}${last.errorMessage ? ` (${last.errorMessage})` : ''}`;
  return inertLine(`${head}; ${r.status === 'delivered' ? 'attempt' : 'last attempt'} ${last.n}: ${outcome}`);
}

function lastSent(detail: DeliveryDetail): AttemptRecord | undefined {
  return [...detail.attempts].reverse().find((a) => a.sentAt !== null);
}

/** The response body lines under a heading naming its size: text as text, anything else by size. */
function bodyLines(what: string, body: Buffer, size: number): string[] {
  const kept = body.byteLength;
  const sizeNote = size > kept ? `${formatBytes(size)}, the first ${formatBytes(kept)} kept` : formatBytes(size);
  if (size === 0) return [`${what}: (empty body)`];
  if (!isText(body)) return [`${what} (${sizeNote}): binary data; use --json for the bytes`];
  return [`${what} (${sizeNote}):`, inertBlock(new TextDecoder('utf-8', { fatal: false }).decode(body))];
}

/** --show-body for a delivery: what the handler answered its last sent attempt. */
export function deliveryBodyLines(detail: DeliveryDetail): string[] {
  const last = lastSent(detail);
  if (!last) return [`delivery ${detail.result.deliveryId}: no attempt was sent`];
  if (last.status === null) return [`attempt ${last.n}: no response (${last.errorKind ?? 'unknown'})`];
  return bodyLines(`attempt ${last.n} response body`, last.responseBody ?? Buffer.alloc(0), last.responseSize ?? 0);
}

/** --show-body for a replay: the target's answer. */
export function replayBodyLines(view: ReplayView): string[] {
  if (view.response.status === null) return [inertLine(`no response (${view.errorKind ?? 'unknown'})`)];
  return bodyLines('response body', Buffer.from(view.response.bodyBase64, 'base64'), view.response.bodySize);
}
