/**
 * Zoom's event types beyond the ones listed by hand in definition.ts, read
 * from events.json (written by scripts/providers/zoom-events.mjs from
 * ZoomNet's list of Zoom webhook events). Each gets a description in
 * Hookscope's words, built from its name, and a sample from its resource's
 * template (samples.ts).
 */
import type { ProviderEvent } from '../../../shared/providers';
import data from './events.json';
import { zoomSample } from './samples';

interface EventsFile {
  source: string;
  events: string[];
}

const FILE = data as unknown as EventsFile;

/** Where the list comes from, e.g. "ZoomNet 0.107.0 (...), Source/ZoomNet/Models/Webhooks/EventType.cs". */
export const ZOOM_EVENTS_SOURCE = FILE.source;

/** Every event type of events.json, in its order. */
export const ZOOM_LISTED_TYPES: readonly string[] = FILE.events;

/** What each product's events are about, as the description's first words. */
const RESOURCE_LABELS: Record<string, string> = {
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
  const resource = type.slice(0, dot);
  const action = type.slice(dot + 1).replace(/[._]/g, ' ');
  return `${RESOURCE_LABELS[resource] ?? resource.replace(/_/g, ' ')}: ${action}.`;
}

/** The listed events not already declared by hand (`known`), each with its description and sample. */
export function zoomListedEvents(known: ReadonlySet<string>): ProviderEvent[] {
  return FILE.events
    .filter((type) => !known.has(type))
    .map((type) => ({ type, description: describeZoomEvent(type), sample: zoomSample(type) }));
}
