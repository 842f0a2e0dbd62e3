/**
 * Sample payload templates (for user-defined and common-scheme providers):
 * any JSON, where a string may hold placeholders. A string that is exactly
 * one placeholder takes its value's type (a number stays a number).
 *
 *   {{eventType}}            the event type
 *   {{id:PREFIX:LENGTH}}     PREFIX + LENGTH base-62 characters (LENGTH defaults to 24)
 *   {{uuid}}  {{hex:N}}  {{HEX:N}} (upper case: GoCardless's EV..., a ULID's digits)
 *   {{int:MIN:MAX}}  {{float:MIN:MAX}} (2 decimals)  {{pick:a|b|c}}
 *   {{time:iso-ms|iso-s|iso|unix-ms|unix-s|date}}   the event's moment: the delivery's creation time
 */
import type { JsonObject, JsonValue, TimeFormat } from '../../../shared/providers';
import type { Rng } from './prng';
import { formatTime, isoDate } from './time';

type Placeholder =
  | { kind: 'eventType' }
  | { kind: 'id'; prefix: string; length: number }
  | { kind: 'uuid' }
  | { kind: 'hex'; length: number; upper: boolean }
  | { kind: 'int'; min: number; max: number }
  | { kind: 'float'; min: number; max: number }
  | { kind: 'pick'; options: string[] }
  | { kind: 'time'; format: TimeFormat | 'date' };

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
const TIME_FORMATS = ['iso-ms', 'iso-s', 'iso', 'unix-ms', 'unix-s', 'date'];

function count(text: string | undefined): number | undefined {
  return text !== undefined && /^\d{1,3}$/.test(text) ? Number(text) : undefined;
}

function range(parts: string[]): { min: number; max: number } | undefined {
  const [min, max] = parts.map(Number);
  return parts.length === 2 && Number.isFinite(min) && Number.isFinite(max) && min <= max ? { min, max } : undefined;
}

export function parsePlaceholder(body: string): Placeholder | { error: string } {
  const [name, ...args] = body.split(':');
  switch (name) {
    case 'eventType':
      return { kind: 'eventType' };
    case 'uuid':
      return { kind: 'uuid' };
    case 'id': {
      const length = args[1] === undefined ? 24 : count(args[1]);
      return length === undefined || args.length > 2
        ? { error: `{{${body}}} must be {{id:PREFIX:LENGTH}}` }
        : { kind: 'id', prefix: args[0] ?? '', length };
    }
    case 'hex':
    case 'HEX': {
      const length = count(args[0]);
      return length === undefined
        ? { error: `{{${body}}} must be {{${name}:N}}` }
        : { kind: 'hex', length, upper: name === 'HEX' };
    }
    case 'int':
    case 'float': {
      const r = range(args);
      if (!r || (name === 'int' && (!Number.isInteger(r.min) || !Number.isInteger(r.max))))
        return { error: `{{${body}}} must be {{${name}:MIN:MAX}} with MIN <= MAX` };
      return { kind: name, ...r };
    }
    case 'pick': {
      const options = args
        .join(':')
        .split('|')
        .filter((o) => o.length > 0);
      return options.length === 0
        ? { error: `{{${body}}} must list options: {{pick:a|b}}` }
        : { kind: 'pick', options };
    }
    case 'time':
      return TIME_FORMATS.includes(args[0] ?? '')
        ? { kind: 'time', format: args[0] as TimeFormat | 'date' }
        : { error: `{{${body}}} must be {{time:FORMAT}} with FORMAT one of ${TIME_FORMATS.join(', ')}` };
    default:
      return {
        error: `{{${body}}} is not a known placeholder (eventType, id, uuid, hex, HEX, int, float, pick, time)`,
      };
  }
}

/** Problems in a template, each with the path of the offending value, in document order (walked without recursion). */
export function templateProblems(template: JsonValue, path = ''): { path: string; problem: string }[] {
  const out: { path: string; problem: string }[] = [];
  const stack: Array<[JsonValue, string]> = [[template, path]];
  while (stack.length > 0) {
    const [node, at] = stack.pop()!;
    if (typeof node === 'string') {
      for (const m of node.matchAll(PLACEHOLDER)) {
        const parsed = parsePlaceholder(m[1]);
        if ('error' in parsed) out.push({ path: at, problem: parsed.error });
      }
    } else if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push([node[i], `${at}[${i}]`]);
    } else if (node !== null && typeof node === 'object') {
      const entries = Object.entries(node);
      for (let i = entries.length - 1; i >= 0; i--)
        stack.push([entries[i][1], at ? `${at}.${entries[i][0]}` : entries[i][0]]);
    }
  }
  return out;
}

export interface TemplateContext {
  rng: Rng;
  eventType: string;
  timeMs: number;
}

function produce(p: Placeholder, ctx: TemplateContext): string | number {
  switch (p.kind) {
    case 'eventType':
      return ctx.eventType;
    case 'id':
      return p.prefix + ctx.rng.base62(p.length);
    case 'uuid':
      return ctx.rng.uuid();
    case 'hex':
      return p.upper ? ctx.rng.hex(p.length).toUpperCase() : ctx.rng.hex(p.length);
    case 'int':
      return ctx.rng.int(p.min, p.max);
    case 'float':
      return ctx.rng.float(p.min, p.max, 2);
    case 'pick':
      return ctx.rng.pick(p.options);
    case 'time':
      return p.format === 'date' ? isoDate(ctx.timeMs) : formatTime(ctx.timeMs, p.format);
  }
}

function renderString(template: string, ctx: TemplateContext): JsonValue {
  const whole = /^\{\{([^{}]*)\}\}$/.exec(template);
  if (whole) {
    const parsed = parsePlaceholder(whole[1]);
    return 'error' in parsed ? template : produce(parsed, ctx);
  }
  return template.replace(PLACEHOLDER, (match, body: string) => {
    const parsed = parsePlaceholder(body);
    return 'error' in parsed ? match : String(produce(parsed, ctx));
  });
}

/** An own, enumerable property, even for a key such as `__proto__` (which plain assignment would treat as the prototype). */
function put(target: { [key: string]: JsonValue }, key: string, value: JsonValue): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

/**
 * The template with its placeholders filled. Walked without recursion, in
 * document order (the random values come out in the same order as ever, so
 * seeded samples reproduce).
 */
export function renderTemplate(template: JsonObject, ctx: TemplateContext): JsonObject;
export function renderTemplate(template: JsonValue, ctx: TemplateContext): JsonValue;
export function renderTemplate(template: JsonValue, ctx: TemplateContext): JsonValue {
  let result: JsonValue = null;
  const stack: Array<{ value: JsonValue; set: (rendered: JsonValue) => void }> = [
    { value: template, set: (v) => (result = v) },
  ];
  while (stack.length > 0) {
    const { value, set } = stack.pop()!;
    if (typeof value === 'string') set(renderString(value, ctx));
    else if (Array.isArray(value)) {
      const out: JsonValue[] = new Array<JsonValue>(value.length);
      set(out);
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], set: (v) => (out[i] = v) });
    } else if (value !== null && typeof value === 'object') {
      const out: { [key: string]: JsonValue } = {};
      set(out);
      const entries = Object.entries(value);
      for (const [key] of entries) put(out, key, null); // keys in their order now, values as they are rendered
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i];
        stack.push({ value: child, set: (v) => (out[key] = v) });
      }
    } else set(value);
  }
  return result;
}
