/**
 * ClickDefender's two documented handlers (seed 002) disagree on any payload
 * that is not compact canonical JSON. Oracles: both handlers' logic written
 * from the seed. The check warns exactly on the texts where they disagree
 * about what Hookscope's sender signs, and compacting makes them agree.
 */
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildOutgoingRequest, buildSample, createProviderRegistry } from '../../src/core/providers';
import { canonicalJsonWarning, checkCanonicalJson, type CanonicalProblemKind } from '../../src/shared/canonical-json';
import { canonicalPayloadWarning } from '../../renderer/src/sender/json-check';

const registry = createProviderRegistry();
const clickdefender = registry.require('clickdefender');
const SECRET = 'cd_whsec_canonical';

/** Seed 002, Node: `JSON.stringify(req.body)` after express.json() parsed the body, compared with timingSafeEqual. */
function nodeHandlerAccepts(raw: Buffer, signature: string): boolean {
  const payload = JSON.stringify(JSON.parse(raw.toString('utf8')));
  const expected = crypto.createHmac('sha256', SECRET).update(payload, 'utf8').digest('hex');
  try {
    return crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
  } catch {
    return false;
  }
}
/** Seed 002, Python: `request.get_data(as_text=True)` hashed as UTF-8, hmac.compare_digest. */
function pythonHandlerAccepts(raw: Buffer, signature: string): boolean {
  const expected = crypto
    .createHmac('sha256', Buffer.from(SECRET, 'utf8'))
    .update(Buffer.from(raw.toString('utf8'), 'utf8'))
    .digest('hex');
  return signature === expected;
}

/** What Hookscope's sender puts on the wire for these exact bytes, judged by both documented handlers. */
function handlersOn(text: string): { node: boolean; python: boolean } {
  const req = buildOutgoingRequest(clickdefender, {
    eventType: 'fraud_detected',
    payload: Buffer.from(text, 'utf8'),
    secret: SECRET,
    timestampSec: 1_796_391_462,
  });
  const signature = req.headers.find(([k]) => k.toLowerCase() === 'x-clickdefender-signature')![1];
  const body = Buffer.from(req.body);
  return { node: nodeHandlerAccepts(body, signature), python: pythonHandlerAccepts(body, signature) };
}

const sample = JSON.stringify(buildSample(clickdefender, 'fraud_detected', 4));

const NON_CANONICAL: { name: string; text: string; kind: CanonicalProblemKind }[] = [
  { name: 'pretty-printed', text: JSON.stringify(JSON.parse(sample), null, 2), kind: 'whitespace' },
  { name: 'a trailing newline', text: `${sample}\n`, kind: 'whitespace' },
  { name: 'a space after a colon', text: '{"event": "fraud_detected"}', kind: 'whitespace' },
  { name: 'a \\u escape of a letter', text: '{"event":"fraud\\u005fdetected"}', kind: 'escape' },
  { name: 'a \\u escape of a non-ASCII character', text: '{"property":{"name":"Caf\\u00e9"}}', kind: 'escape' },
  { name: 'an escaped slash', text: '{"url":"https:\\/\\/example.com"}', kind: 'escape' },
  { name: 'a duplicate key', text: '{"event":"high_risk_visitor","event":"fraud_detected"}', kind: 'duplicate-key' },
  { name: 'a nested duplicate key', text: '{"visitor":{"id":"vis_1","score":55,"score":56}}', kind: 'duplicate-key' },
  { name: 'a trailing zero', text: '{"score":85.0}', kind: 'number' },
  { name: 'an exponent', text: '{"score":8.5e1}', kind: 'number' },
  { name: 'an upper-case exponent', text: '{"count":1E3}', kind: 'number' },
  { name: 'a negative zero', text: '{"delta":-0}', kind: 'number' },
  { name: 'an integer beyond 2^53', text: '{"id":12345678901234567891}', kind: 'number' },
];

const CANONICAL = [
  sample,
  JSON.stringify(buildSample(clickdefender, 'daily_summary', 9)),
  JSON.stringify(buildSample(clickdefender, 'high_risk_visitor', 2)),
  '{"name":"Café ☕ \\"quoted\\" back\\\\slash","ctl":"\\u001f\\n\\t","n":-1.5,"e":1e+21,"a":[[],{}],"t":true,"f":false,"z":null}',
  '[]',
  '"text"',
  '0',
];

describe('canonical JSON for ClickDefender', () => {
  it.each(NON_CANONICAL)(
    '$name: warned as $kind; the two documented handlers disagree, and agree once compacted',
    ({ text, kind }) => {
      const check = checkCanonicalJson(text);
      expect(check.json).toBe(true);
      if (!check.json || check.canonical) throw new Error('expected a non-canonical text');
      expect(check.problems.map((p) => p.kind)).toEqual([kind]);
      expect(canonicalJsonWarning(check.problems)).toMatch(
        /Node example verifies JSON\.stringify\(req\.body\), the Python one the raw text/,
      );
      // The oracle: the handlers disagree on what the sender sends as is...
      const asIs = handlersOn(text);
      expect(asIs.node).not.toBe(asIs.python);
      // ...and both accept the compact form, which is canonical.
      expect(checkCanonicalJson(check.compact)).toEqual({ json: true, canonical: true, problems: [] });
      expect(handlersOn(check.compact)).toEqual({ node: true, python: true });
      // The same event, as JSON.parse and JSON.stringify see it (-0 is written 0 either way).
      expect(check.compact).toBe(JSON.stringify(JSON.parse(text)));
    },
  );

  it.each(CANONICAL.map((text) => ({ text })))(
    'canonical text is not warned about, and both handlers accept it: $text',
    ({ text }) => {
      expect(checkCanonicalJson(text)).toEqual({ json: true, canonical: true, problems: [] });
      expect(handlersOn(text)).toEqual({ node: true, python: true });
    },
  );

  it('names every kind a text has, each once, with where', () => {
    const check = checkCanonicalJson('{ "a": 1.0, "a": "\\u0041", "b": 2.0 }');
    if (!check.json || check.canonical) throw new Error('expected a non-canonical text');
    expect(check.problems.map((p) => p.kind).sort()).toEqual(['duplicate-key', 'escape', 'number', 'whitespace']);
    expect(check.problems.find((p) => p.kind === 'number')!.message).toContain('1.0 becomes 1');
    expect(check.problems.find((p) => p.kind === 'duplicate-key')!.message).toContain('"a"');
  });

  it('leaves what is not JSON, or is nested deeper than allowed, to other checks, without recursing', () => {
    expect(checkCanonicalJson('{"a":')).toEqual({ json: false });
    expect(checkCanonicalJson('')).toEqual({ json: false });
    expect(checkCanonicalJson(`${'['.repeat(200_000)}${']'.repeat(200_000)}`)).toEqual({ json: false });
    expect(checkCanonicalJson(`${'['.repeat(100)}${']'.repeat(100)}`)).toEqual({
      json: true,
      canonical: true,
      problems: [],
    });
  });

  it('the Sender warns only for a provider whose handlers disagree, and only when the text goes out exactly as typed', () => {
    const pretty = JSON.stringify(JSON.parse(sample), null, 2);
    expect(canonicalPayloadWarning(clickdefender, pretty, true)).toMatchObject({
      message: expect.stringContaining('pretty-printed'),
      compact: sample,
    });
    expect(canonicalPayloadWarning(clickdefender, pretty, false)).toBeNull();
    expect(canonicalPayloadWarning(clickdefender, sample, true)).toBeNull();
    expect(canonicalPayloadWarning(clickdefender, '{"a":', true)).toBeNull();
    for (const id of ['fingerprintiq', 'prynt', 'lmif', 'lrdefender', 'stripe'])
      expect(canonicalPayloadWarning(registry.require(id), pretty, true)).toBeNull();
  });
});
