/**
 * Stripe's event types, read from events.json (written by
 * scripts/providers/stripe-events.mjs from the `stripe` library's types; the
 * app never depends on that package): each with its description and the
 * object type `data.object` holds.
 */
import type { ProviderEvent } from '../../../shared/providers';
import data from './events.json';

interface EventsFile {
  source: string;
  apiVersion: string;
  /** [type, description, object type (`a|b` for a union)] */
  events: [string, string, string][];
}

const FILE = data as unknown as EventsFile;
const OBJECT_OF = new Map(FILE.events.map(([type, , object]) => [type, object]));

/** Where the list comes from, e.g. "stripe@23.2.0 (resources/Events.d.ts)". */
export const STRIPE_EVENTS_SOURCE = FILE.source;
/** The API version the library is pinned to: the samples' api_version. */
export const STRIPE_API_VERSION = FILE.apiVersion;

export function stripeEvents(): ProviderEvent[] {
  return FILE.events.map(([type, description]) => ({ type, description }));
}

/** The object type an event's data.object holds (`invoice`, `account|bank_account|card|source`), or undefined for an unknown type. */
export function stripeObjectOf(type: string): string | undefined {
  return OBJECT_OF.get(type);
}
