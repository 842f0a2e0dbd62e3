/**
 * Pickers that scale to fifty providers and hundreds of events: providers
 * searched by name or id, event types grouped by resource (`customer.*`).
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

/** The resource an event type belongs to: before the first dot (`customer.subscription.created` → `customer`), or the first word of a camelCase name (`commentCreated` → `comment`). */
export function resourceOf(type: string): string | undefined {
  const dot = type.indexOf('.');
  if (dot > 0) return type.slice(0, dot);
  const camel = /^([a-z]+)[A-Z]/.exec(type);
  return camel ? camel[1] : undefined;
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
  const byResource = new Map<string, string[]>();
  for (const type of types) {
    const resource = resourceOf(type);
    if (resource === undefined) continue;
    byResource.set(resource, [...(byResource.get(resource) ?? []), type]);
  }
  const out: EventGroup[] = [];
  const placed = new Set<string>();
  for (const type of types) {
    const resource = resourceOf(type);
    const members = resource === undefined ? undefined : byResource.get(resource);
    if (resource !== undefined && members && members.length >= 2) {
      if (placed.has(resource)) continue;
      placed.add(resource);
      out.push({
        label: members.every((t) => t.startsWith(`${resource}.`)) ? `${resource}.*` : `${resource}*`,
        types: members,
      });
      continue;
    }
    const last = out[out.length - 1];
    if (last && last.label === undefined) last.types.push(type);
    else out.push({ label: undefined, types: [type] });
  }
  return out;
}
