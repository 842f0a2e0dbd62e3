/**
 * A network failure's code ("ENOTFOUND", "ECONNREFUSED", "timed out"...) in
 * words a user can act on, with the code kept at the end for a search.
 */
const NOT_FOUND = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME', 'ENODATA']);
const TIMED_OUT = new Set(['ETIMEDOUT', 'timed out', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT']);
const UNREACHABLE = new Set(['ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'EHOSTDOWN']);
const CUT = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ECONNABORTED']);
const TLS = /^(CERT_|ERR_TLS_|UNABLE_TO_|SELF_SIGNED|DEPTH_ZERO_SELF_SIGNED)/;

/** `subject` names what could not be reached ("the tunnel server https://localtunnel.me"); `cause` is networkCause's answer. */
export function networkWords(subject: string, cause: string): string {
  const said = (words: string) => `${subject} ${words} (${cause})`;
  if (NOT_FOUND.has(cause)) return said('could not be found: is this machine offline?');
  if (cause === 'ECONNREFUSED')
    return said('refused the connection: it is not running there, or a firewall turns connections away');
  if (TIMED_OUT.has(cause))
    return said('did not answer in time: is this machine offline, or must it go through a proxy?');
  if (UNREACHABLE.has(cause)) return said('cannot be reached from this machine: is it offline?');
  if (CUT.has(cause)) return said('cut the connection before answering');
  if (TLS.test(cause))
    return said('presented a certificate this machine does not trust: a proxy may be intercepting HTTPS');
  return `could not reach ${subject}: ${cause}`;
}
