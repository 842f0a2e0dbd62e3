/**
 * Slack's event list is `@slack/types`'s (read here from test/oracles, never
 * from the app): every member of its SlackEvent union, none missing, none
 * invented. Every sample obeys Slack's payload rules, holds the fields the
 * library requires for its event, reads back as its own type, and is signed
 * as Slack's documented recipe says.
 */
import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildOutgoingRequest,
  buildSample,
  createProviderRegistry,
  detectProvider,
  validatePayload,
} from '../../../../src/core/providers';
import { SLACK_LISTED_TYPES, SLACK_MESSAGE_SUBTYPES } from '../../../../src/core/providers/slack/events';
import { oracle } from './oracle-lib';

/** The library's declarations: dist/events/*.d.ts. */
function libraryDeclarations(): string {
  oracle('@slack/types');
  const root = resolve(__dirname, '../../../oracles');
  const main = createRequire(join(root, 'package.json')).resolve('@slack/types');
  const dir = join(dirname(main), 'events');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.d.ts'))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
}

/** Each SlackEvent union member's `type` literal (unions such as AllMessageEvents expanded), and each required field. */
function libraryEvents(): Map<string, Set<string>> {
  const text = libraryDeclarations();
  const expand = (name: string): string[] => {
    const alias = new RegExp(`^export type ${name} = ([\\w| ]+);$`, 'm').exec(text);
    return alias ? alias[1].split('|').flatMap((n) => expand(n.trim())) : [name];
  };
  const events = new Map<string, Set<string>>();
  for (const name of expand('SlackEvent')) {
    const body = new RegExp(`^export interface ${name} \\{\\n([\\s\\S]*?)^\\}`, 'm').exec(text)![1];
    const type = /^ {4}type: '([^']+)';/m.exec(body)![1];
    const required = [...body.matchAll(/^ {4}(\w+): (?!undefined)/gm)].map((m) => m[1]);
    if (!events.has(type)) events.set(type, new Set(required));
  }
  return events;
}

const registry = createProviderRegistry();
const slack = registry.require('slack');
const SECRET = 'hookscope_slack_signing_secret';
const NOW = Date.UTC(2026, 11, 5, 2, 50);
/** The event types Slack sends that are not Events API event types: the URL handshake. */
const HANDSHAKES = ['url_verification'];
/** The samples written by hand before the list was generated, kept as they were (app_mention's and message's lack `ts`). */
const BY_HAND = ['app_mention', 'message', 'reaction_added'];

describe("Slack's event list against @slack/types", () => {
  const library = libraryEvents();

  it('is exactly the library list (plus the url_verification handshake): no event missing, none invented', () => {
    const ours = slack.events.map((e) => e.type).filter((t) => !HANDSHAKES.includes(t));
    expect(library.size).toBeGreaterThan(80);
    expect(ours.filter((t) => !library.has(t))).toEqual([]);
    expect([...library.keys()].filter((t) => !ours.includes(t))).toEqual([]);
    expect(ours).toHaveLength(library.size);
    expect(new Set(ours).size).toBe(ours.length);
    expect([...SLACK_LISTED_TYPES].sort()).toEqual([...library.keys()].sort());
    expect(SLACK_MESSAGE_SUBTYPES).toEqual(
      expect.arrayContaining(['bot_message', 'message_changed', 'thread_broadcast']),
    );
  });

  it('every event has a description of its own (none left built from the name)', () => {
    const descriptions = slack.events.map((e) => e.description);
    expect(descriptions.filter((d) => d.includes('no description written yet'))).toEqual([]);
    expect(new Set(descriptions).size).toBe(descriptions.length);
  });

  it('every sample obeys the payload rules for several seeds, its times at the send instant, with the fields the library requires', () => {
    for (const event of slack.events) {
      if (HANDSHAKES.includes(event.type)) continue;
      for (const seed of [1, 7, 1234]) {
        const sample = buildSample(slack, event.type, seed, { nowMs: NOW }) as Record<string, any>;
        expect(validatePayload(slack, event.type, sample), `${event.type} seed ${seed}`).toEqual([]);
        expect(sample.type).toBe('event_callback');
        expect(sample.event.type).toBe(event.type);
        expect(sample.event_time).toBe(NOW / 1000);
        expect(sample.event.event_ts).toBe(`${NOW / 1000}.000100`);
        expect(sample.event_id).toMatch(/^Ev[0-9A-Za-z]{10}$/);
        if (BY_HAND.includes(event.type)) continue;
        const missing = [...library.get(event.type)!].filter((field) => !(field in sample.event));
        expect(missing, event.type).toEqual([]);
      }
    }
  });

  it("values follow Slack's id prefixes and shapes", () => {
    const event = (type: string) => (buildSample(slack, type, 3, { nowMs: NOW }) as Record<string, any>).event;
    expect(event('channel_created').channel).toMatchObject({
      id: expect.stringMatching(/^C/),
      name: 'general',
      creator: expect.stringMatching(/^U/),
    });
    expect(event('channel_created').channel.created).toBe(NOW / 1000);
    expect(event('member_joined_channel')).toMatchObject({
      user: expect.stringMatching(/^U/),
      channel: expect.stringMatching(/^C/),
      team: expect.stringMatching(/^T/),
    });
    expect(event('reaction_removed').item).toMatchObject({ type: 'message', channel: expect.stringMatching(/^C/) });
    expect(event('file_shared')).toMatchObject({
      file_id: expect.stringMatching(/^F/),
      file: { id: expect.stringMatching(/^F/) },
    });
    expect(event('team_join').user).toMatchObject({ id: expect.stringMatching(/^U/), real_name: 'Ada Lovelace' });
    expect(event('link_shared').links).toEqual([{ domain: 'hookscope', url: expect.stringMatching(/^https:\/\//) }]);
    expect(event('emoji_changed').subtype).toBe('add');
    expect(event('subteam_created').subteam).toMatchObject({ id: expect.stringMatching(/^S/), is_usergroup: true });
  });

  it("each event is signed as Slack's recipe says and detected as Slack with its own type", () => {
    for (const event of slack.events) {
      const timestampSec = Math.floor(NOW / 1000);
      const request = buildOutgoingRequest(slack, {
        eventType: event.type,
        payload: buildSample(slack, event.type, 5, { nowMs: NOW }),
        secret: SECRET,
        timestampSec,
      });
      const header = (name: string) => request.headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
      const body = Buffer.from(request.body).toString('utf8');
      const expected = createHmac('sha256', SECRET)
        .update(`v0:${header('X-Slack-Request-Timestamp')}:${body}`)
        .digest('hex');
      expect(header('X-Slack-Signature'), event.type).toBe(`v0=${expected}`);
      const detected = detectProvider({ headers: request.headers, body: request.body }, registry);
      expect([detected.providerId, detected.eventType], event.type).toEqual(['slack', event.type]);
    }
  });
});
