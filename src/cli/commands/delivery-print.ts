import type { DeliveryDetail } from '../../core/sender';
import type { AttemptRecord } from '../../core/store-exports';
import { printTable } from '../output';
import { inertBlock, inertLine } from '../terminal-safe';

/** A kept response body as text: UTF-8 decoded (invalid bytes become U+FFFD); it is outside data, made inert when printed. */
function bodyText(body: Buffer | null): string {
  return body ? new TextDecoder('utf-8', { fatal: false }).decode(body) : '';
}

/** What the handler answered one attempt, for --json: status, headers, the kept body (text and base64) and the full size. */
export function responseJson(a: AttemptRecord) {
  if (a.sentAt === null) return null;
  const body = a.responseBody ?? Buffer.alloc(0);
  return {
    status: a.status,
    headers: a.responseHeaders,
    body: bodyText(body),
    bodyBase64: body.toString('base64'),
    keptSize: body.byteLength,
    size: a.responseSize ?? 0,
    truncated: (a.responseSize ?? 0) > body.byteLength,
    errorMessage: a.errorMessage,
  };
}

/** `hookscope delivery ID --json`: the delivery's result, each attempt with what the handler answered. */
export function deliveryJson(detail: DeliveryDetail) {
  const byN = new Map(detail.attempts.map((a) => [a.n, a]));
  return {
    ...detail.result,
    attempts: detail.result.attempts.map((s) => ({
      ...s,
      response: byN.has(s.n) ? responseJson(byN.get(s.n)!) : null,
    })),
  };
}

function overdue(a: { trigger: string; sentAt: string | null; dueAt: string }): string {
  if (!a.sentAt) return '';
  const lateMs = Date.parse(a.sentAt) - Date.parse(a.dueAt);
  return a.trigger !== 'manual' && lateMs >= 1000 ? `overdue ${Math.round(lateMs / 1000)} s` : '';
}

/** `hookscope delivery ID`: the attempts table, then each attempt's response (outside data: every line made inert). */
export function printDelivery(detail: DeliveryDetail): void {
  const r = detail.result;
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(
    inertLine(
      `delivery ${r.deliveryId}: ${r.provider} ${r.eventType} -> ${r.target}: ${r.status}${r.failureReason ? ` (${r.failureReason})` : ''}`,
    ),
  );
  out(`signature form: ${inertLine(r.signatureForm ?? 'provider default')}; timestamps: ${r.timestamps}`);
  printTable(
    r.attempts.map((a) => ({
      n: a.n,
      trigger: a.trigger === 'now' ? 'sent early' : a.trigger,
      scheduled: a.scheduledAt,
      sent: a.sentAt ?? '',
      signed: a.signedTimestamp ?? '',
      ms: a.durationMs ?? '',
      status: a.status ?? '',
      error: a.errorKind ?? '',
      note: overdue(a),
    })),
    ['n', 'trigger', 'scheduled', 'sent', 'signed', 'ms', 'status', 'error', 'note'],
  );
  for (const w of r.warnings) out(`warning: ${inertLine(w)}`);
  const byN = new Map(detail.attempts.map((a) => [a.n, a]));
  for (const s of r.attempts) {
    const a = byN.get(s.n);
    if (!a) continue;
    out('');
    if (a.status === null) {
      out(
        `attempt ${a.n}: no response (${a.errorKind ?? 'unknown'}${a.errorMessage ? `: ${inertLine(a.errorMessage)}` : ''})`,
      );
      continue;
    }
    const size = a.responseSize ?? 0;
    const kept = a.responseBody?.byteLength ?? 0;
    const sizeNote = size > kept ? `${size} bytes, the first ${kept} kept` : `${size} bytes`;
    out(`attempt ${a.n}: response ${a.status} (${sizeNote})`);
    if (a.errorKind === 'handshake' && a.errorMessage) out(`  wrong handshake answer: ${inertLine(a.errorMessage)}`);
    for (const [name, value] of a.responseHeaders) out(`  ${inertLine(name)}: ${inertLine(value)}`);
    if (kept > 0) {
      out('');
      out(inertBlock(bodyText(a.responseBody)));
    }
  }
}
