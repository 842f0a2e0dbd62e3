/**
 * `hookscope providers ID` as text: one provider's events, headers,
 * signature forms, ladder, timeout, success rule and notes. A user's
 * provider file is outside text, so every string of a definition goes
 * through inertLine / inertBlock before it reaches the terminal.
 */
import type { HeaderValueSource, ProviderDefinition, SignatureForm } from '../../shared/providers';
import { isAsymmetric } from '../../core/providers/keys';
import { ladderRunsText } from '../../shared/ladder-runs';
import { withDefaultLabel } from '../../shared/undocumented';
import { inertBlock, inertLine } from '../terminal-safe';

export function formatDelay(ms: number): string {
  if (ms === 0) return '0';
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  return `${ms / 1000}s`;
}

/** The retry ladder in one line; `maxRuns` shortens a long one (the providers table). */
export function ladderText(p: ProviderDefinition, maxRuns = Infinity): string {
  const delays = p.delivery.retryDelaysMs;
  const ladder = delays.length ? ladderRunsText(delays, formatDelay, maxRuns) : 'no retries';
  return inertLine(withDefaultLabel(p, 'retries', ladder));
}

/** The timeout, named as Hookscope's default where the provider documents none. */
export function timeoutText(p: ProviderDefinition): string {
  return inertLine(withDefaultLabel(p, 'timeout', formatDelay(p.delivery.timeoutMs)));
}

function headerSource(v: HeaderValueSource): string {
  switch (v.kind) {
    case 'static':
      return `always "${inertLine(v.value)}"`;
    case 'event-type':
      return 'the event type';
    case 'event-name':
      return 'the event name (the event type before its first ".")';
    case 'delivery-id':
      return 'the delivery id';
    case 'retry-number':
      return 'on retries: the retry number (1 for the first)';
    case 'retry-reason':
      return `on retries: why the previous attempt failed (${Object.values(v.words).map(inertLine).join(', ')})`;
    case 'signature':
      return 'the signature';
    case 'timestamp':
      return 'the signing time (unix seconds)';
  }
}

/** Each algorithm as the line of a form names it. */
const ALGORITHM_NAMES: Record<SignatureForm['algorithm'], string> = {
  'hmac-sha256': 'HMAC-SHA256',
  'hmac-sha1': 'HMAC-SHA1',
  'hmac-sha512': 'HMAC-SHA512',
  ed25519: 'Ed25519',
  'ecdsa-p256-sha256': 'ECDSA P-256 with SHA-256',
  token: 'a shared token, compared as it is',
  'jwt-hs256': 'an HS256 JWT',
  'jwt-es256': 'an ES256 JWT',
};

/** What the form's secret is: the HMAC key's text, or for a key pair's scheme a key. */
function secretText(f: SignatureForm): string {
  if (isAsymmetric(f.algorithm))
    return 'a key: the private key to sign with, the public key to verify with (any other text stands for a derived pair)';
  if (f.secretEncoding === 'hex') return 'hex-decoded';
  return f.secretEncoding === 'utf8' ? 'the whole string as UTF-8' : 'base64 after whsec_';
}

function formText(f: SignatureForm): string[] {
  const value =
    f.format.kind === 'plain'
      ? '<digest>'
      : f.format.kind === 'prefixed'
        ? `${f.format.prefix}<digest>`
        : f.format.kind === 'kv'
          ? `${f.format.timestampKey}=<unix>${f.format.separator ?? ','}${f.format.signatureKey}=<digest>`
          : `${f.format.version},<digest>`;
  const lines = [
    `  ${inertLine(f.name)}: ${inertLine(f.label)}`,
    `    ${inertLine(f.header)}: ${inertLine(value)} (${ALGORITHM_NAMES[f.algorithm]}, ${f.digest})`,
    `    signs: ${inertLine(f.signedContent.template)} with the body ${f.signedContent.bodyForms.join(' or ')}`,
    `    secret: ${secretText(f)}`,
  ];
  if (f.secretPrefixPattern !== undefined)
    lines[3] += `, after removing what /^${inertLine(f.secretPrefixPattern)}/ matches at its start`;
  if (f.timestamp?.in === 'header') lines.push(`    timestamp: header ${inertLine(f.timestamp.header)}`);
  if (f.idHeader) lines.push(`    message id: header ${inertLine(f.idHeader)}`);
  lines.push(`    replay window: ${f.toleranceSeconds === undefined ? 'none' : `${f.toleranceSeconds} s`}`);
  return lines;
}

/** The whole description, one string per line, each already inert. */
export function describeProvider(p: ProviderDefinition): string[] {
  const d = p.delivery;
  const lines = [`${inertLine(p.name)} (${inertLine(p.id)}, ${p.kind})`, ...inertBlock(p.description).split('\n')];
  if (p.source) lines.push(`source: ${inertLine(p.source)}`);
  lines.push('', `events (${p.events.length}):`);
  const width = Math.max(...p.events.map((e) => inertLine(e.type).length), 0);
  for (const e of p.events) {
    const mark = e.handshake ? '[handshake] ' : '';
    lines.push(`  ${inertLine(e.type).padEnd(width)}  ${mark}${inertLine(e.description)}`.trimEnd());
    // What the handler must answer: the sender and `check` judge the answer by it.
    if (e.handshake) {
      const request = e.handshake.request;
      const sent = `${request.method}${Object.keys(request.query).length ? ' with a query' : ''}, ${request.signed ? 'signed' : 'unsigned'}, not retried`;
      lines.push(`  ${''.padEnd(width)}  answer: ${inertLine(e.handshake.answer.summary)} (${sent})`);
    }
  }
  if (p.subscriptionWildcard) lines.push(`  (subscribe to "${inertLine(p.subscriptionWildcard)}" for all)`);
  lines.push('', 'headers:');
  for (const h of p.headers)
    lines.push(
      `  ${inertLine(h.name)}: ${headerSource(h.value)}${h.description ? ` - ${inertLine(h.description)}` : ''}`,
    );
  lines.push('', `signature (default form: ${inertLine(p.signature.defaultForm)}):`);
  for (const f of p.signature.forms) lines.push(...formText(f));
  lines.push('', `payload: ${inertLine(p.envelope.description)}`);
  lines.push(
    '',
    'delivery:',
    `  timeout: ${timeoutText(p)}`,
    `  success: ${d.success === 'exactly-200' ? 'exactly 200' : 'any 2xx'}`,
    `  attempts: ${d.retryDelaysMs.length + 1} (retries after ${ladderText(p)})`,
    `  after the last failure: ${inertLine(d.afterFailure)}`,
  );
  if (d.disableAfterFailingMs !== undefined)
    lines.push(`  disabled after ${formatDelay(d.disableAfterFailingMs)} of consecutive failures`);
  const limits = [
    p.limits.httpsRequired ? 'HTTPS endpoints only' : '',
    p.limits.maxPayloadBytes ? `payloads up to ${p.limits.maxPayloadBytes} bytes` : '',
    p.limits.webhooksPerProperty ? `${p.limits.webhooksPerProperty} webhooks per property` : '',
  ].filter(Boolean);
  if (limits.length) lines.push(`  limits: ${limits.join('; ')}`);
  if (p.notes.length) {
    lines.push('', 'notes:');
    for (const n of p.notes) lines.push(`  - ${inertLine(n)}`);
  }
  return lines;
}
