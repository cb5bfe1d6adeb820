/** Seeded random tensors for tests. */
import { Tensor } from "../core/tensor.js";
import { sizeOf } from "../core/shape.js";
import type { Rng } from "../random.js";

export function randomTensor(rng: Rng, shape: number[], scale = 1, requiresGrad = false): Tensor {
  const data = new Float32Array(sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = rng.normal() * scale;
  return new Tensor(data, shape, { requiresGrad });
}

export function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}
