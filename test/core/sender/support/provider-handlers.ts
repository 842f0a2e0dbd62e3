import { createHash } from 'node:crypto';
import { getPath } from '../../../../src/core/providers/json-path';
import { verifyRequest } from '../../../../src/core/providers';
import type { ProviderDefinition } from '../../../../src/shared/providers';
import { startServer } from './servers';

/**
 * Small webhook handlers for a real provider, as users write them: one done
 * right, and each with one flaw the handler check must catch. All answer
 * GET (any path) with the sorted list of events they have processed, the
 * effects probe of the check.
 */
export type Flaw =
  /** Verifies the signature only when the header is there: an unsigned forged POST gets in. */
  | 'lenient'
  /** Remembers signatures instead of events: a retry, signed anew, is processed again. */
  | 'dedupe-by-signature'
  /** Answers 500 to an event type it does not know (providers add types; Prynt says to ignore them). */
  | 'unknown-500'
  /** Does its work before answering, and the work takes longer than the provider waits. */
  | 'slow';

export interface HandlerOptions {
  secret: string;
  flaw?: Flaw;
  /** How long the slow handler works before it answers. */
  slowMs?: number;
  /** The slow handler is slow only for its first N requests (a cold start). */
  slowFirst?: number;
  /** Processes every request it accepts, with no deduplication at all. */
  noDedupe?: boolean;
}

function headerList(headers: Record<string, string | string[] | undefined>): [string, string][] {
  return Object.entries(headers).flatMap(([name, value]) =>
    value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value] as [string, string]],
  );
}

function eventTypeOf(provider: ProviderDefinition, headers: [string, string][], event: unknown): unknown {
  for (const location of provider.eventTypeLocations) {
    if (location.in === 'header') {
      const found = headers.find(([name]) => name.toLowerCase() === location.name.toLowerCase());
      if (found) return found[1];
    } else {
      // A batch in an object (GoCardless `events`): its first event; a type in two fields: `<path>.<actionPath>`.
      const batch = provider.envelope.batchPath ? getPath(event, provider.envelope.batchPath) : undefined;
      const first = Array.isArray(batch) ? batch[0] : event;
      const value = getPath(first, location.path);
      if (value !== undefined)
        return location.actionPath ? `${String(value)}.${String(getPath(first, location.actionPath))}` : value;
    }
  }
  return undefined;
}

/** The event's own id where the provider gives one (Prynt eventId, LMIF id), else the body's hash: a redelivery repeats the bytes. */
function eventKey(provider: ProviderDefinition, event: unknown, body: Buffer): string {
  const field = provider.ids.delivery.fromPayload;
  const id = field ? getPath(event, field) : undefined;
  return typeof id === 'string' ? id : createHash('sha256').update(body).digest('hex');
}

export function providerHandler(provider: ProviderDefinition, options: HandlerOptions) {
  const processed: string[] = [];
  let accepted = 0;
  const known = new Set(provider.events.map((e) => e.type));
  const signatureHeaders = new Set(provider.signature.forms.map((f) => f.header.toLowerCase()));
  return startServer((req, res, body) => {
    if (req.method === 'GET') return void res.writeHead(200).end(JSON.stringify([...processed].sort()));
    const headers = headerList(req.headers);
    const signature = headers.find(([name]) => signatureHeaders.has(name.toLowerCase()))?.[1];
    const skipVerify = options.flaw === 'lenient' && signature === undefined;
    if (!skipVerify) {
      // The URL as received, for the schemes that sign it (Square, HubSpot...): what a handler rebuilds from Host and the path.
      const url = `http://${req.headers.host ?? ''}${req.url ?? '/'}`;
      const verdict = verifyRequest(provider, { headers, body, secrets: [options.secret], nowMs: Date.now(), url });
      if (verdict.status !== 'valid') return void res.writeHead(401).end(verdict.status);
    }
    let event: unknown;
    try {
      event = JSON.parse(body.toString('utf8'));
    } catch {
      return void res.writeHead(400).end('not JSON');
    }
    const type = eventTypeOf(provider, headers, event);
    if (typeof type !== 'string' || !known.has(type)) {
      return void res.writeHead(options.flaw === 'unknown-500' ? 500 : 200).end('ignored');
    }
    accepted++;
    const key = options.noDedupe
      ? `request ${accepted}`
      : options.flaw === 'dedupe-by-signature'
        ? (signature ?? '')
        : eventKey(provider, event, body);
    const slow = options.flaw === 'slow' && (options.slowFirst === undefined || accepted <= options.slowFirst);
    const work = () => {
      if (!processed.includes(key)) processed.push(key);
      res.writeHead(200).end('ok');
    };
    if (slow) setTimeout(work, options.slowMs ?? 1000);
    else work();
  });
}
