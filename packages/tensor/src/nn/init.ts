/** Weight initialisers, all seeded through an Rng. */
import type { Rng } from "../random.js";

/** Normal(0, std), truncated at two standard deviations, as BERT initialises its weights. */
export function truncatedNormal(rng: Rng, std: number): () => number {
  return () => {
    let value = rng.normal();
    while (Math.abs(value) > 2) value = rng.normal();
    return value * std;
  };
}

export const zeros = (): number => 0;
export const ones = (): number => 1;
