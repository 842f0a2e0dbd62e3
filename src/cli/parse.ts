import { InvalidArgumentError } from 'commander';

/** Option parsers that reject bad values with a clear message before anything runs. */

export function intArg(name: string, min: number, max: number) {
  return (value: string): number => {
    if (!/^-?\d+$/.test(value.trim())) throw new InvalidArgumentError(`${name} must be a whole number, got "${value}"`);
    const n = Number(value);
    if (n < min || n > max) throw new InvalidArgumentError(`${name} must be between ${min} and ${max}, got ${n}`);
    return n;
  };
}

export function floatArg(name: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n))
      throw new InvalidArgumentError(`${name} must be a number, got "${value}"`);
    if (n < min || n > max) throw new InvalidArgumentError(`${name} must be between ${min} and ${max}, got ${n}`);
    return n;
  };
}

export function idArg(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError(`an id is a positive whole number, got "${value}"`);
  return Number(value);
}

/** Repeatable option: collects every value. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function headerArg(value: string, previous: [string, string][] = []): [string, string][] {
  const colon = value.indexOf(':');
  if (colon <= 0) throw new InvalidArgumentError(`a header is "Name: value", got "${value}"`);
  return [...previous, [value.slice(0, colon).trim(), value.slice(colon + 1).trim()]];
}
