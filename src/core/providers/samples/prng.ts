/** A small seeded PRNG (mulberry32) with the helpers sample builders need. No Math.random anywhere. */
import { mulberry32 } from '../../random';

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Whole number in [min, max]. */
  int(min: number, max: number): number;
  /** Number in [min, max] rounded to `decimals`. */
  float(min: number, max: number, decimals: number): number;
  pick<T>(items: readonly T[]): T;
  /** `count` distinct items, in pick order. */
  pickSome<T>(items: readonly T[], count: number): T[];
  chance(probability: number): boolean;
  chars(alphabet: string, length: number): string;
  hex(length: number): string;
  base62(length: number): string;
  uuid(): string;
}

export { mulberry32 };

const HEX = '0123456789abcdef';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const chars = (alphabet: string, length: number) => {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
    return out;
  };
  return {
    next,
    int,
    float: (min, max, decimals) => {
      const f = 10 ** decimals;
      return Math.round((min + next() * (max - min)) * f) / f;
    },
    pick: (items) => items[Math.floor(next() * items.length)],
    pickSome: (items, count) => {
      const pool = [...items];
      const out: (typeof pool)[number][] = [];
      while (out.length < count && pool.length > 0) out.push(pool.splice(Math.floor(next() * pool.length), 1)[0]);
      return out;
    },
    chance: (p) => next() < p,
    chars,
    hex: (length) => chars(HEX, length),
    base62: (length) => chars(BASE62, length),
    uuid: () => {
      const h = chars(HEX, 32);
      const variant = '89ab'[Math.floor(next() * 4)];
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
  };
}
