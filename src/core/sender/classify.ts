import type { ErrorKind, SuccessRule } from './types';

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME', 'ENODATA']);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET']);
const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'HOSTNAME_MISMATCH',
  'EPROTO',
]);

/** Whether a status counts as delivered under a provider's rule (FingerprintIQ: only 200). */
export function isSuccess(status: number, rule: SuccessRule): boolean {
  return rule === 'exactly-200' ? status === 200 : status >= 200 && status <= 299;
}

/** Maps a Node socket/TLS/DNS error to one of the failure kinds. */
export function classifyNetworkError(error: unknown): ErrorKind {
  const e = error as { code?: unknown; library?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  if (code === 'ECONNREFUSED') return 'connection-refused';
  if (DNS_CODES.has(code)) return 'dns';
  if (code === 'ETIMEDOUT') return 'timeout';
  if (TLS_CODES.has(code) || code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_') || code.startsWith('CERT_')) {
    return 'tls';
  }
  if (typeof e.library === 'string' && /ssl|tls/i.test(e.library)) return 'tls';
  if (RESET_CODES.has(code)) return 'connection-reset';
  return 'network';
}

export function describeError(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown };
  const message = typeof e.message === 'string' ? e.message : String(error);
  return typeof e.code === 'string' && !message.includes(e.code) ? `${e.code}: ${message}` : message;
}
