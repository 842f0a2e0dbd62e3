/**
 * GitHub's published example payloads, one per event.action, read from
 * examples.json (written by scripts/providers/github-examples.mjs from
 * @octokit/webhooks-examples; the app never depends on that package). The
 * file stores repeated objects once (`{"$ref": n}` into `shared`); expanding
 * gives the published example with its event time as a `{{time:...}}`
 * placeholder.
 */
import type { JsonObject, JsonValue, ProviderEvent } from '../../../shared/providers';
import data from './examples.json';

interface ExampleEvent {
  type: string;
  description: string;
  /** Index into `examples`: this event.action's own published example. */
  template?: number;
  /** The event.action whose example this one takes (with its own `action`): GitHub lists the action without an example. */
  sameAs?: string;
}

interface ExamplesFile {
  source: string;
  shared: JsonValue[];
  examples: JsonValue[];
  events: ExampleEvent[];
}

const FILE = data as unknown as ExamplesFile;
const BY_TYPE = new Map(FILE.events.map((e) => [e.type, e]));

/** Where the examples come from, e.g. "@octokit/webhooks-examples@7.6.1 (api.github.com)". */
export const GITHUB_EXAMPLES_SOURCE = FILE.source;

function isRef(value: JsonValue): value is { $ref: number } {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.keys(value).length === 1 &&
    typeof value.$ref === 'number'
  );
}

/** A deep copy of `value` with every `{"$ref": n}` replaced by `shared[n]`, walked without recursion. */
function expand(value: JsonValue): JsonValue {
  let result: JsonValue = null;
  const stack: Array<{ value: JsonValue; set: (v: JsonValue) => void }> = [{ value, set: (v) => (result = v) }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    const node = isRef(item.value) ? FILE.shared[item.value.$ref] : item.value;
    if (Array.isArray(node)) {
      const out: JsonValue[] = new Array<JsonValue>(node.length);
      item.set(out);
      node.forEach((child, i) => stack.push({ value: child, set: (v) => (out[i] = v) }));
    } else if (node !== null && typeof node === 'object') {
      const out: { [key: string]: JsonValue } = {};
      for (const key of Object.keys(node))
        Object.defineProperty(out, key, { value: null, writable: true, enumerable: true, configurable: true });
      item.set(out);
      for (const [key, child] of Object.entries(node)) stack.push({ value: child, set: (v) => (out[key] = v) });
    } else item.set(node);
  }
  return result;
}

/** The event list: every event.action GitHub documents (X-GitHub-Event plus `action`), or the bare event name. */
export function githubEvents(): ProviderEvent[] {
  return FILE.events.map((e) => ({ type: e.type, description: e.description }));
}

/** The action part of an event type (`issues.opened` → `opened`), or undefined for an event without actions. */
export function actionOf(type: string): string | undefined {
  const dot = type.indexOf('.');
  return dot < 0 ? undefined : type.slice(dot + 1);
}

/**
 * The sample template of an event.action: its published example, expanded
 * (a fresh copy on every call), with `action` set when the example is
 * borrowed from another action of the same event. Undefined for a type
 * GitHub does not list.
 */
export function githubTemplate(type: string): JsonObject | undefined {
  const event = BY_TYPE.get(type);
  if (!event) return undefined;
  if (event.template !== undefined) return expand(FILE.examples[event.template]) as JsonObject;
  const donor = event.sameAs === undefined ? undefined : BY_TYPE.get(event.sameAs);
  if (donor?.template === undefined) return undefined;
  const template = expand(FILE.examples[donor.template]) as JsonObject;
  const action = actionOf(type);
  if (action !== undefined) template.action = action;
  return template;
}

/** The event.action whose published example an action without one borrows (undefined when it has its own). */
export function githubSampleDonor(type: string): string | undefined {
  return BY_TYPE.get(type)?.sameAs;
}
