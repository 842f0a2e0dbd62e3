/**
 * The built-in Inngest provider against the official `inngest` SDK, through
 * its public serve handler (`inngest/node`) on a real HTTP server: the SDK
 * runs a function for what Hookscope signs and answers 401 after a one-byte
 * change; the SDK signs its own answer (X-Inngest-Signature over the response
 * body, the same scheme and key), and Hookscope says `valid` for that and
 * `invalid` with the cause after a one-byte change. The SDK's signature check
 * (RequestSignature) is not exported, so the serve handler is the smallest
 * public entry point that verifies a body.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildOutgoingRequest,
  buildSample,
  createProviderRegistry,
  detectProvider,
  verifyRequest,
} from '../../../../src/core/providers';
import { INNGEST_SIGNATURE_HEADER as SIG } from '../../../../src/core/providers/inngest/definition';
import { header } from '../helpers';
import { oracle } from './oracle-lib';

interface InngestFunction {
  readonly __fn?: true;
}
interface InngestClient {
  createFunction(
    options: { id: string; triggers: ({ event: string } | { cron: string })[]; retries?: number },
    handler: (ctx: { event: { name: string; data: Record<string, unknown> } }) => Promise<unknown>,
  ): InngestFunction;
}
type Logger = Record<'info' | 'warn' | 'error' | 'debug', () => void>;

const { Inngest } = oracle<{
  Inngest: new (options: { id: string; signingKey: string; isDev: boolean; logger?: Logger }) => InngestClient;
}>('inngest');
const { serve } = oracle<{
  serve(options: { client: InngestClient; functions: InngestFunction[] }): Parameters<typeof createServer>[1];
}>('inngest/node');
const canonicalize = oracle<(value: unknown) => string>('canonicalize');

const registry = createProviderRegistry();
const inngest = registry.require('inngest');
const KEY_HEX = 'f00f3005a3666b359a79c2bc3380ce2715e62727ac461ae1a2618f8766029c9f';
const SIGNING_KEY = `signkey-prod-${KEY_HEX}`;
const EVENTS = ['billing/invoice.created', 'inngest/function.failed', 'inngest/scheduled.timer'];
const codes = (v: { diagnostics: { code: string }[] }) => v.diagnostics.map((d) => d.code);
const silent: Logger = { info() {}, warn() {}, error() {}, debug() {} };

let server: Server;
let port: number;

/** One function per event: the SDK runs a function only for an event in its triggers (a cron function for the timer). */
const FUNCTIONS: Record<string, { id: string; trigger: { event: string } | { cron: string } }> = {
  'billing/invoice.created': { id: 'echo-invoice', trigger: { event: 'billing/invoice.created' } },
  'inngest/function.failed': { id: 'echo-failure', trigger: { event: 'inngest/function.failed' } },
  'inngest/scheduled.timer': { id: 'echo-cron', trigger: { cron: '0 * * * *' } },
};

beforeAll(async () => {
  const client = new Inngest({ id: 'hookscope-oracle', signingKey: SIGNING_KEY, isDev: false, logger: silent });
  const functions = Object.values(FUNCTIONS).map(({ id, trigger }) =>
    client.createFunction({ id, triggers: [trigger], retries: 0 }, async ({ event }) => ({
      name: event.name,
      dataKeys: Object.keys(event.data).sort(),
    })),
  );
  server = createServer(serve({ client, functions }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function post(headers: [string, string][], body: Uint8Array | string, eventType = 'billing/invoice.created') {
  const url = `http://127.0.0.1:${port}/api/inngest?fnId=hookscope-oracle-${FUNCTIONS[eventType].id}&stepId=step`;
  const res = await fetch(url, { method: 'POST', headers, body: typeof body === 'string' ? body : Buffer.from(body) });
  return { status: res.status, signature: res.headers.get(SIG) ?? '', body: Buffer.from(await res.arrayBuffer()) };
}

function signed(eventType: string, nowSec: number, seed = 3) {
  return buildOutgoingRequest(inngest, {
    eventType,
    payload: buildSample(inngest, eventType, seed, { nowMs: nowSec * 1000 }),
    secret: SIGNING_KEY,
    timestampSec: nowSec,
  });
}

/** The same bytes with the first occurrence of `from` replaced by `to` (same length: a one-byte change inside a value). */
function replaceOnce(bytes: Uint8Array, from: string, to: string): Buffer {
  const text = Buffer.from(bytes).toString();
  const at = text.indexOf(from);
  expect(at).toBeGreaterThan(0);
  return Buffer.from(text.slice(0, at) + to + text.slice(at + from.length));
}

describe('Inngest (built-in) against the inngest SDK 4.24.0 serve handler', () => {
  it.each(EVENTS)(
    'the SDK runs the function for what Hookscope signs (%s), and answers 401 after a one-byte change',
    async (eventType) => {
      const nowSec = Math.floor(Date.now() / 1000);
      const req = signed(eventType, nowSec);
      const signature = header(req.headers, SIG) ?? '';
      expect(signature).toMatch(new RegExp(`^t=${nowSec}&s=[0-9a-f]{64}$`));
      // The body is in RFC 8785 canonical form, the form the SDK signs again to compare.
      const text = Buffer.from(req.body).toString();
      expect(canonicalize(JSON.parse(text))).toBe(text);
      const ok = await post(req.headers, req.body, eventType);
      // 206: the SDK's answer with the run's opcodes (execution version 2), here the function's return value.
      expect(ok.status).toBe(206);
      const [op] = JSON.parse(ok.body.toString()) as { op: string; data: { name: string } }[];
      expect(op).toMatchObject({ op: 'RunComplete', data: { name: eventType } });
      const tampered = await post(req.headers, replaceOnce(req.body, '"production"', '"productioN"'), eventType);
      expect(tampered.status).toBe(401);
      expect(detectProvider(req, registry)).toMatchObject({ providerId: 'inngest', eventType });
    },
  );

  it('the SDK refuses a body that is signed raw but not canonical (why Hookscope posts the canonical form)', async () => {
    const nowSec = Math.floor(Date.now() / 1000);
    const canonicalBody = Buffer.from(signed('billing/invoice.created', nowSec).body).toString();
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(canonicalBody)).reverse()));
    const { createHmac } = await import('node:crypto');
    const raw = createHmac('sha256', KEY_HEX).update(`${reordered}${nowSec}`).digest('hex');
    const headers: [string, string][] = [
      ['Content-Type', 'application/json'],
      [SIG, `t=${nowSec}&s=${raw}`],
    ];
    expect((await post(headers, reordered)).status).toBe(401);
    // Hookscope checks the bytes as received, as Inngest's server signs them.
    expect(
      verifyRequest(inngest, { headers, body: Buffer.from(reordered), secrets: [SIGNING_KEY], nowMs: nowSec * 1000 })
        .status,
    ).toBe('valid');
  });

  it.each(EVENTS)(
    'Hookscope says valid for the signature the SDK puts on its answer (%s), invalid with the cause after a one-byte change',
    async (eventType) => {
      const nowSec = Math.floor(Date.now() / 1000);
      const req = signed(eventType, nowSec, 9);
      const answer = await post(req.headers, req.body, eventType);
      expect(answer.status).toBe(206);
      expect(answer.signature).toMatch(/^t=\d+&s=[0-9a-f]{64}$/);
      const at = Number(/^t=(\d+)/.exec(answer.signature)?.[1]) * 1000;
      const verify = (body: Uint8Array, secret = SIGNING_KEY, sig = answer.signature, nowMs = at) =>
        verifyRequest(inngest, { headers: [[SIG, sig]], body, secrets: [secret], nowMs });
      expect(verify(answer.body)).toMatchObject({ status: 'valid', toleranceSeconds: 300 });
      // The key is the text after signkey-<env>-: the bare hex, or another environment's prefix, is the same key.
      expect(verify(answer.body, KEY_HEX).status).toBe('valid');
      expect(verify(answer.body, `signkey-branch-${KEY_HEX}`).status).toBe('valid');
      const tampered = verify(replaceOnce(answer.body, eventType, eventType.replace(/.$/, '_')));
      expect(tampered.status).toBe('invalid');
      expect(codes(tampered)).toEqual(['no-secret-matched']);
      const t = /^t=(\d+)/.exec(answer.signature)?.[1] ?? '';
      expect(
        codes(verify(answer.body, SIGNING_KEY, answer.signature.replace(`t=${t}`, `t=${Number(t) - 7}`))),
      ).toContain('timestamp-mismatch');
      // Past the SDK's 5-minute window both say no: the SDK "Signature has expired", Hookscope stale.
      expect(verify(answer.body, SIGNING_KEY, answer.signature, at + 301_000).status).toBe('stale');
    },
  );
});
