/**
 * GitHub's events are every event and action of @octokit/webhooks-examples
 * (read here from test/oracles, never from the app), and every sample is the
 * published example: equal byte for byte once its time placeholders are
 * rendered at the example's own instant, and at the send instant otherwise.
 */
import { describe, expect, it } from 'vitest';
import {
  buildOutgoingRequest,
  buildSample,
  createProviderRegistry,
  detectProvider,
  validatePayload,
} from '../../../../src/core/providers';
import { oracle } from './oracle-lib';

interface Definition {
  name: string;
  actions: string[];
  examples: Record<string, unknown>[];
}

const PUBLISHED = oracle<Definition[]>('@octokit/webhooks-examples');
const registry = createProviderRegistry();
const github = registry.require('github');

/** Each published event.action and the example GitHub shows for it (the event's first example, its action set, when it has none of its own). */
function publishedSamples(): { type: string; example: Record<string, unknown>; own: boolean }[] {
  const out: { type: string; example: Record<string, unknown>; own: boolean }[] = [];
  for (const d of PUBLISHED) {
    for (const action of d.actions.length > 0 ? d.actions : [undefined]) {
      const own = d.examples.find((x) => x.action === action);
      const example = own ?? { ...structuredClone(d.examples[0]), action };
      out.push({ type: action ? `${d.name}.${action}` : d.name, example, own: own !== undefined });
    }
  }
  return out;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Every [key, value] pair, walked without recursion. */
function pairs(root: unknown): [string, unknown][] {
  const out: [string, unknown][] = [];
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    for (const [k, v] of Object.entries(node)) {
      out.push([k, v]);
      stack.push(v);
    }
  }
  return out;
}

/** The example's latest instant (ms, to the second): the moment its event happened. */
function latestInstant(example: unknown): number | undefined {
  let latest: number | undefined;
  for (const [key, value] of pairs(example)) {
    const ms =
      typeof value === 'string' && ISO.test(value)
        ? Date.parse(value)
        : typeof value === 'number' &&
            Number.isInteger(value) &&
            value > 1e9 &&
            value < 1e11 &&
            /(_at|^timestamp)$/.test(key)
          ? value * 1000
          : undefined;
    if (ms !== undefined && (latest === undefined || ms > latest)) latest = ms;
  }
  return latest === undefined ? undefined : Math.floor(latest / 1000) * 1000;
}

const SEND_INSTANT = Date.UTC(2026, 11, 5, 0, 30, 15);
const samples = publishedSamples();

describe('GitHub events from @octokit/webhooks-examples', () => {
  it('lists every published event.action, in the package order, and nothing else', () => {
    expect(github.events.map((e) => e.type)).toEqual(samples.map((s) => s.type));
    expect(samples.length).toBeGreaterThan(200);
    expect(github.events.every((e) => e.description.length > 10)).toBe(true);
  });

  it.each(samples.map((s) => [s.type, s] as const))(
    '%s: the sample is the published example, its event time at the send instant',
    (type, { example }) => {
      const at = latestInstant(example) ?? SEND_INSTANT;
      // Rendered at the example's own instant, the sample is the published example byte for byte (key order included).
      expect(JSON.stringify(buildSample(github, type, 1, { nowMs: at }))).toBe(JSON.stringify(example));
      // At the send instant only the times equal to the event's moment move; the rest is the example as published.
      const sent = buildSample(github, type, 2, { nowMs: SEND_INSTANT });
      const iso = new Date(SEND_INSTANT).toISOString();
      const moved = pairs(sent).filter(
        ([, v]) => v === iso || v === iso.replace('.000Z', 'Z') || v === SEND_INSTANT / 1000,
      );
      const published = pairs(example);
      const atEvent = published.filter(
        ([, v]) =>
          (typeof v === 'string' && /Z$/.test(v) && ISO.test(v) && Math.floor(Date.parse(v) / 1000) * 1000 === at) ||
          (typeof v === 'number' && v * 1000 === at),
      );
      expect(moved.length).toBe(atEvent.length);
      expect(validatePayload(github, type, sent)).toEqual([]);
      expect(validatePayload(github, type, example)).toEqual([]);
    },
  );

  it('most events carry their moment: 160 or more samples have a time at the send instant', () => {
    const withTime = samples.filter((s) =>
      JSON.stringify(buildSample(github, s.type, 1, { nowMs: SEND_INSTANT })).includes(
        new Date(SEND_INSTANT).toISOString().replace('.000Z', 'Z'),
      ),
    );
    expect(withTime.length).toBeGreaterThanOrEqual(160);
  });

  it('sends X-GitHub-Event as the event name and the action in the body; detection reads back event.action', () => {
    for (const type of ['issues.opened', 'pull_request.closed', 'push', 'ping', 'issues.closed']) {
      const request = buildOutgoingRequest(github, {
        eventType: type,
        payload: buildSample(github, type, 1),
        secret: 'github-secret',
        timestampSec: 1_780_000_000,
      });
      expect(request.headers).toEqual(expect.arrayContaining([['X-GitHub-Event', type.split('.')[0]]]));
      const detected = detectProvider({ headers: request.headers, body: request.body }, registry);
      expect(detected).toMatchObject({ providerId: 'github', eventType: type });
    }
  });

  it('an action of the wrong event is a payload problem', () => {
    const payload = buildSample(github, 'issues.opened', 1) as Record<string, unknown>;
    expect(validatePayload(github, 'issues.closed', payload).join('\n')).toMatch(/^action: expected one of closed/);
    expect(validatePayload(github, 'issues.closed', { ...payload, action: 'closed' })).toEqual([]);
  });

  it('@octokit/webhooks-methods verifies what Hookscope signs, and refuses a one-byte change', async () => {
    const { verify } = (await import('@octokit/webhooks-methods')) as {
      verify(secret: string, payload: string, signature: string): Promise<boolean>;
    };
    for (const type of ['issues.opened', 'push', 'workflow_run.completed']) {
      const request = buildOutgoingRequest(github, {
        eventType: type,
        payload: buildSample(github, type, 1, { nowMs: SEND_INSTANT }),
        secret: "It's a Secret to Everybody",
        timestampSec: SEND_INSTANT / 1000,
      });
      const signature = request.headers.find(([k]) => k === 'X-Hub-Signature-256')![1];
      const body = Buffer.from(request.body).toString('utf8');
      expect(await verify("It's a Secret to Everybody", body, signature)).toBe(true);
      expect(await verify("It's a Secret to Everybody", body.replace('"', "'"), signature)).toBe(false);
    }
  });
});
