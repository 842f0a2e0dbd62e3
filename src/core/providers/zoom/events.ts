/**
 * Zoom's event types beyond the ones listed by hand in definition.ts, read
 * from events.json (written by scripts/providers/zoom-events.mjs from Zoom's
 * SDK @zoom/rivet, and ZoomNet for the events Rivet lacks). Each gets a
 * description in Hookscope's words, built from its name, and a sample from
 * its declared shape or its resource's template (samples.ts).
 */
import type { ProviderEvent } from '../../../shared/providers';
import data from './events.json';
import type { Shape } from '../samples/shape';
import { zoomSample, zoomSampleFromShape } from './samples';

interface EventsFile {
  source: string;
  /** [event, the shape @zoom/rivet declares for its body, or null where only ZoomNet names it] */
  events: [string, { [field: string]: Shape } | null][];
}

const FILE = data as unknown as EventsFile;

/** Where the list comes from, e.g. "@zoom/rivet@0.4.0 (...); ZoomNet 0.107.0 (...)". */
export const ZOOM_EVENTS_SOURCE = FILE.source;

/** Every event type of events.json, in its order. */
export const ZOOM_LISTED_TYPES: readonly string[] = FILE.events.map(([type]) => type);

/** What each product's events are about, as the description's first words. */
const RESOURCE_LABELS: Record<string, string> = {
  account: 'Account',
  group: 'Group',
  team_chat: 'Team Chat',
  chat_channel: 'Team Chat channel',
  chat_message: 'Team Chat message',
  session: 'Video SDK session',
  information_barriers: 'Information barriers',
  app: 'App',
  meeting: 'Meeting',
  webinar: 'Webinar',
  recording: 'Cloud recording',
  user: 'User',
  phone: 'Zoom Phone',
  contact_center: 'Contact Center',
  number_management: 'Number management',
};

/** "meeting.participant_joined_breakout_room" → "Meeting: participant joined breakout room." */
export function describeZoomEvent(type: string): string {
  if (type === 'app_deauthorized') return 'A user uninstalled the app or removed its authorization.';
  const dot = type.indexOf('.');
  // Chatbot events have no resource prefix: bot_installed, interactive_message_actions.
  if (dot < 0) return `Chatbot: ${type.replace(/_/g, ' ')}.`;
  const resource = type.slice(0, dot);
  const action = type.slice(dot + 1).replace(/[._]/g, ' ');
  return `${RESOURCE_LABELS[resource] ?? resource.replace(/_/g, ' ')}: ${action}.`;
}

/** The listed events not already declared by hand (`known`), each with its description and sample. */
export function zoomListedEvents(known: ReadonlySet<string>): ProviderEvent[] {
  return FILE.events
    .filter(([type]) => !known.has(type))
    .map(([type, shape]) => ({
      type,
      description: describeZoomEvent(type),
      // A declared body with a payload is filled; otherwise (ZoomNet's names, Rivet's bare app_deauthorized) the resource's template.
      sample: shape && 'payload' in shape ? zoomSampleFromShape(shape) : zoomSample(type),
    }));
}
