/** Batch order of an epoch. */
import type { Rng } from "@finfuse/tensor";

/**
 * Shuffles sample indices. With `lengthOf`, it also sorts each run of 50 batches by length
 * and shuffles the resulting batches, so a batch pads little but epochs still vary.
 */
export function epochOrder(count: number, batchSize: number, rng: Rng, lengthOf?: (index: number) => number): number[] {
  const order = rng.shuffle(Array.from({ length: count }, (_, i) => i));
  if (lengthOf === undefined) return order;
  const chunk = batchSize * 50;
  const batches: number[][] = [];
  for (let start = 0; start < order.length; start += chunk) {
    const run = order.slice(start, start + chunk).sort((a, b) => lengthOf(a) - lengthOf(b));
    for (let b = 0; b < run.length; b += batchSize) batches.push(run.slice(b, b + batchSize));
  }
  return rng.shuffle(batches).flat();
}

