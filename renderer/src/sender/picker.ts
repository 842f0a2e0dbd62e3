/**
 * Pickers that scale to fifty providers and hundreds of events: providers
 * searched by name or id, event types grouped by resource (`customer.*`, `orders/*`).
 * Pure, so it is tested without a browser.
 */
import type { ProviderDefinition } from '../../../src/shared/providers';

/** Providers whose name or id contains every word of the query (any case); `keepId` (the current choice) always stays. */
export function matchProviders(
  providers: readonly ProviderDefinition[],
  query: string,
  keepId?: string,
): ProviderDefinition[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...providers];
  return providers.filter(
    (p) => p.id === keepId || words.every((w) => p.name.toLowerCase().includes(w) || p.id.includes(w)),
  );
}

/**
 * The resource an event type belongs to: before the first dot or slash (`customer.subscription.created` →
 * `customer`, Shopify's `orders/create` → `orders`), or the first word of a camelCase name (`commentCreated` →
 * `comment`), or, when `snakeWords` (a catalogue named only in snake_case, such as Slack's), the first word of a
 * snake_case name (`channel_created` → `channel`).
 */
export function resourceOf(type: string, snakeWords = false): string | undefined {
  const separator = /[./]/.exec(type);
  if (separator && separator.index > 0) return type.slice(0, separator.index);
  const camel = /^([a-z]+)[A-Z]/.exec(type);
  if (camel) return camel[1];
  const snake = snakeWords ? /^([a-z0-9]+)(?:_|$)/.exec(type) : null;
  return snake ? snake[1] : undefined;
}

/** The label of a resource's group: `customer.*`, `orders/*`, `channel_*`, or `comment*` when its members differ. */
function groupLabel(resource: string, members: readonly string[]): string {
  for (const separator of ['.', '/', '_'])
    if (members.every((t) => t.startsWith(`${resource}${separator}`))) return `${resource}${separator}*`;
  return `${resource}*`;
}

export interface EventGroup {
  /** `customer.*` (or `comment*` for camelCase names); undefined for the ungrouped. */
  label: string | undefined;
  types: string[];
}

/**
 * Event types in groups of the same resource, in the provider's order: a
 * group stands where its resource first appears, and a type whose resource
 * has no other event stays in place ungrouped (consecutive ones share one
 * unlabelled run), so a catalogue whose resources are contiguous keeps its
 * exact order.
 */
export function groupEventTypes(types: readonly string[]): EventGroup[] {
  // Snake_case words stand for resources only in a catalogue with no dotted or slashed names (Slack's): in a
  // dotted one, a lone `deployment_status` must not join `deployment.created`'s group.
  const snakeWords = types.length > 0 && types.every((t) => !/[./]/.test(t));
  const resourceOfType = (type: string) => resourceOf(type, snakeWords);
  const byResource = new Map<string, string[]>();
  for (const type of types) {
    const resource = resourceOfType(type);
    if (resource === undefined) continue;
    byResource.set(resource, [...(byResource.get(resource) ?? []), type]);
  }
  const out: EventGroup[] = [];
  const placed = new Set<string>();
  for (const type of types) {
    const resource = resourceOfType(type);
    const members = resource === undefined ? undefined : byResource.get(resource);
    if (resource !== undefined && members && members.length >= 2) {
      if (placed.has(resource)) continue;
      placed.add(resource);
      out.push({ label: groupLabel(resource, members), types: members });
      continue;
    }
    const last = out[out.length - 1];
    if (last && last.label === undefined) last.types.push(type);
    else out.push({ label: undefined, types: [type] });
  }
  return out;
}
