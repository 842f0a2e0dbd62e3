/**
 * Samples from a library's declared shape (written by the event-list
 * scripts, scripts/providers/dts-shape.mjs): every required field, each
 * inline object's own fields, a literal's value; the value of each
 * remaining leaf (a string, a number...) is the provider's choice, by the
 * field's name and the object that holds it.
 */
import type { JsonObject, JsonValue } from '../../../shared/providers';

/** A field's shape: `=literal`, a number literal, a kind (`string`, `number`, `boolean`, `array`, `object`), an object's fields, or `[item]`. */
export type Shape = string | number | { [field: string]: Shape } | Shape[];

export type LeafKind = 'string' | 'number' | 'boolean' | 'array' | 'object';

/** The value of a leaf of `kind` named `name` inside the object named `parent` ('' at the top). */
export type LeafValue = (kind: LeafKind, name: string, parent: string) => JsonValue;

/** The value of `shape` for the field `name` inside `parent`. */
export function fillShape(shape: Shape, name: string, parent: string, leaf: LeafValue): JsonValue {
  if (Array.isArray(shape)) return shape.map((item) => fillShape(item, name, name, leaf));
  if (typeof shape === 'number') return shape;
  if (typeof shape === 'object') {
    const out: JsonObject = {};
    for (const [field, inner] of Object.entries(shape)) out[field] = fillShape(inner, field, name, leaf);
    return out;
  }
  if (shape.startsWith('=')) return shape.slice(1);
  const kind = (['string', 'number', 'boolean', 'array'] as const).find((k) => k === shape) ?? 'object';
  return leaf(kind, name, parent);
}
