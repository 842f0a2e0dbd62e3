import { FIELD_PATH_PATTERN } from '../../shared/provider-schema';

type Step = string | number;

/** Splits `a.b[0].c` into steps; null when the path is not valid. */
export function parseFieldPath(path: string): Step[] | null {
  if (!FIELD_PATH_PATTERN.test(path)) return null;
  const steps: Step[] = [];
  for (const segment of path.split('.')) {
    const match = /^([^[]+)((?:\[\d+\])*)$/.exec(segment);
    if (!match) return null;
    steps.push(match[1]);
    for (const index of match[2].matchAll(/\[(\d+)\]/g)) steps.push(Number(index[1]));
  }
  return steps;
}

/** The value at `path` in `value`, or undefined; a digit segment (`0.event`) indexes an array. Never throws. */
export function getPath(value: unknown, path: string): unknown {
  const steps = parseFieldPath(path);
  if (!steps) return undefined;
  let current: unknown = value;
  for (const step of steps) {
    if (current === null || typeof current !== 'object') return undefined;
    if (typeof step === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[step];
    } else if (Array.isArray(current)) {
      // `0.event`: a digit segment indexes a top-level array (SendGrid posts one).
      if (!/^\d+$/.test(step)) return undefined;
      current = current[Number(step)];
    } else {
      if (!Object.prototype.hasOwnProperty.call(current, step)) return undefined;
      current = (current as Record<string, unknown>)[step];
    }
  }
  return current;
}

/** Sets `path` in a plain object tree, creating objects (or arrays for index steps) on the way. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const steps = parseFieldPath(path);
  if (!steps) return;
  let current: Record<string | number, unknown> = target;
  steps.forEach((step, i) => {
    if (i === steps.length - 1) {
      current[step] = value;
      return;
    }
    const existing = current[step];
    if (existing === null || typeof existing !== 'object') current[step] = typeof steps[i + 1] === 'number' ? [] : {};
    current = current[step] as Record<string | number, unknown>;
  });
}
