/**
 * Reads the shape of a TypeScript declaration's fields from a library's
 * .d.ts text, for the event-list scripts (slack-events.mjs,
 * zoom-events.mjs): per required field (or every field) its kind (`string`, `number`,
 * `boolean`, `array`, `object` for a type it does not follow), the first
 * value of a literal union (`'add' | 'remove'` → `=add`, `0 | 1 | 2` → 0),
 * or the fields of an inline object (in a one-element array for `{...}[]`),
 * recursively. Declarations are indented by 4 spaces a level, as tsc
 * writes them.
 */

/** How deep named types are followed (a message_changed event holds a message, which may hold...). */
const MAX_DEPTH = 4;

/**
 * @param {Map<string, string>} bodies interface or object-type bodies by name, followed for a field of that type
 * @param {Map<string, string | number>} aliases literal-union type aliases by name, as their first value's shape
 * @param {{ optional?: boolean }} options `optional`: the optional fields too (`name?: ...`), not only the required
 */
export function shapeReader(bodies, aliases, options = {}) {
  const keep = (optional) => !optional || options.optional === true;
  /** A field's shape from its type text; undefined for `undefined`. */
  function kindOf(typeText, depth) {
    const text = typeText.trim();
    const literal = /^(['"])(.*?)\1/.exec(text);
    if (literal) return `=${literal[2]}`;
    const number = /^-?\d+(\.\d+)?(?=\s*(\||$))/.exec(text);
    if (number) return Number(number[0]);
    if (text === 'undefined') return undefined;
    if (/^(string|number|boolean)\b/.test(text) && !text.includes('[]')) return text.split(/[\s|]/)[0];
    if (text.endsWith('[]') || text.startsWith('Array<') || text.startsWith('[')) return 'array';
    if (aliases.has(text)) return aliases.get(text);
    if (bodies.has(text) && depth < MAX_DEPTH) return fieldsOf(bodies.get(text).split('\n'), 4, depth + 1);
    return 'object';
  }

  /** The required fields of a declaration body whose fields are indented by `indent` spaces. */
  function fieldsOf(lines, indent, depth = 0) {
    const fields = {};
    const pad = ' '.repeat(indent);
    const field = new RegExp(`^${pad}([A-Za-z_][\\w]*|"[^"]+")(\\?)?: (.*)$`);
    for (let i = 0; i < lines.length; i++) {
      const m = field.exec(lines[i]);
      if (!m) continue;
      const [, rawName, optional, rest] = m;
      const name = rawName.replace(/^"|"$/g, '');
      if (rest === '{') {
        const end = lines.findIndex((line, j) => j > i && line.startsWith(`${pad}}`));
        const inner = fieldsOf(lines.slice(i + 1, end), indent + 4, depth);
        if (keep(optional)) fields[name] = lines[end].trim().startsWith('}[]') ? [inner] : inner;
        i = end;
        continue;
      }
      const kind = keep(optional) ? kindOf(rest.replace(/;$/, ''), depth) : undefined;
      if (kind !== undefined) fields[name] = kind;
    }
    return fields;
  }

  return { kindOf, fieldsOf };
}
