/**
 * Seeded pseudo-random numbers, so that weight initialisation, shuffling, dropout and
 * data splits repeat exactly for the same seed on every platform.
 */

/** A seeded generator of uniform and normal numbers. */
export interface Rng {
  /** Returns a uniform float in [0, 1). */
  next(): number;
  /** Returns a standard normal sample (Box-Muller). */
  normal(): number;
  /** Returns a uniform integer in [0, n). */
  int(n: number): number;
  /** Shuffles `items` in place (Fisher-Yates) and returns it. */
  shuffle<T>(items: T[]): T[];
}

/**
 * Creates a generator from a 32-bit seed, using mulberry32: fast, with a period of 2^32,
 * which is plenty for initialisation and shuffling but not for cryptography.
 *
 * @example
 * const rng = createRng(42);
 * const order = rng.shuffle([0, 1, 2, 3]);
 */
export function createRng(seed: number): Rng {
  if (!Number.isInteger(seed)) {
    throw new RangeError(`createRng: seed must be an integer, received ${seed}`);
  }
  let state = seed >>> 0;
  let spareNormal: number | undefined;

  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  const normal = (): number => {
    if (spareNormal !== undefined) {
      const value = spareNormal;
      spareNormal = undefined;
      return value;
    }
    let u = next();
    while (u === 0) u = next();
    const v = next();
    const radius = Math.sqrt(-2 * Math.log(u));
    spareNormal = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  };

  const int = (n: number): number => Math.floor(next() * n);

  const shuffle = <T>(items: T[]): T[] => {
    for (let i = items.length - 1; i > 0; i--) {
      const j = int(i + 1);
      const held = items[i]!;
      items[i] = items[j]!;
      items[j] = held;
    }
    return items;
  };

  return { next, normal, int, shuffle };
}
