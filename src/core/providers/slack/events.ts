/**
 * Slack's Events API event types beyond the ones listed by hand in
 * definition.ts, read from events.json (written by
 * scripts/providers/slack-events.mjs from `@slack/types`, whose SlackEvent
 * union declares every event). Each gets a description in Hookscope's
 * words, built from its name, and the inner `event` of its sample from its
 * resource's template (samples.ts).
 */
import type { ProviderEvent } from '../../../shared/providers';
import { SLACK_DESCRIPTIONS } from './descriptions';
import data from './events.json';
import { callback, innerEvent } from './samples';

interface EventsFile {
  source: string;
  /** [type, the `subtype`s the library declares for it, the shape of its required fields] */
  events: [string, string[], Record<string, unknown>][];
}

const FILE = data as unknown as EventsFile;

/** Where the list comes from, e.g. "@slack/types@3.2.0 (dist/events, the SlackEvent union)". */
export const SLACK_EVENTS_SOURCE = FILE.source;

/** Every event type of events.json, in its order. */
export const SLACK_LISTED_TYPES: readonly string[] = FILE.events.map(([type]) => type);

/** The subtypes the library declares for `message` (bot_message, message_changed...). */
export const SLACK_MESSAGE_SUBTYPES: readonly string[] = FILE.events.find(([type]) => type === 'message')?.[1] ?? [];

/** Hookscope's own description, or one built from the name for an event added to the library later. */
export function describeSlackEvent(type: string): string {
  const text = type.replace(/_/g, ' ');
  return SLACK_DESCRIPTIONS[type] ?? `The ${text} event (from its name; no description written yet).`;
}

/** The listed events not already declared by hand (`known`), each with its description and sample. */
export function slackListedEvents(known: ReadonlySet<string>): ProviderEvent[] {
  return FILE.events
    .filter(([type]) => !known.has(type))
    .map(([type, , fields]) => ({
      type,
      description: describeSlackEvent(type),
      sample: callback(innerEvent(type, fields as Parameters<typeof innerEvent>[1])),
    }));
}
