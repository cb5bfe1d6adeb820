/**
 * Batched matrix product with its gradient. Supported forms, with shape letters
 * S (leading batch dims), M, K, N:
 *   [S.., M, K] x [K, N]      -> [S.., M, N]   (a weight shared by every batch)
 *   [S.., M, K] x [S.., K, N] -> [S.., M, N]   (the same batch dims on both sides)
 */
import { InvalidInputError, UnsupportedOperationError } from "../errors.js";
import { Tensor } from "../core/tensor.js";
import { formatShape, sizeOf } from "../core/shape.js";
import { gemmNN, gemmNT, gemmTN } from "./gemm.js";

export function matmul(a: Tensor, b: Tensor): Tensor {
  if (a.rank < 2 || b.rank < 2) {
    throw new InvalidInputError(`matmul: both inputs need rank >= 2, received ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  }
  const m = a.shape[a.rank - 2];
  const k = a.shape[a.rank - 1];
  const n = b.shape[b.rank - 1];
  if (b.shape[b.rank - 2] !== k) {
    throw new InvalidInputError(`matmul: inner dimensions differ, ${formatShape(a.shape)} x ${formatShape(b.shape)} (K ${k} vs ${b.shape[b.rank - 2]})`);
  }
  const batchShape = a.shape.slice(0, -2);
  const sharedWeight = b.rank === 2;
  if (!sharedWeight && formatShape(b.shape.slice(0, -2)) !== formatShape(batchShape)) {
    throw new UnsupportedOperationError(`matmul: batch dims ${formatShape(a.shape)} x ${formatShape(b.shape)} must match, or the right side must be 2-D`);
  }
  const batches = sizeOf(batchShape);
  const out = new Float32Array(batches * m * n);
  if (sharedWeight) {
    gemmNN(a.data, 0, b.data, 0, out, 0, batches * m, k, n, false);
  } else {
    for (let s = 0; s < batches; s++) gemmNN(a.data, s * m * k, b.data, s * k * n, out, s * m * n, m, k, n, false);
  }

  const backwardFn = (grad: Float32Array): void => {
    if (a.requiresGrad) {
      const gradA = new Float32Array(a.size);
      if (sharedWeight) gemmNT(grad, 0, b.data, 0, gradA, 0, batches * m, n, k, false);
      else for (let s = 0; s < batches; s++) gemmNT(grad, s * m * n, b.data, s * k * n, gradA, s * m * k, m, n, k, false);
      a.accumulateGrad(gradA);
    }
    if (b.requiresGrad) {
      const gradB = new Float32Array(b.size);
      if (sharedWeight) gemmTN(a.data, 0, grad, 0, gradB, 0, k, batches * m, n, false);
      else for (let s = 0; s < batches; s++) gemmTN(a.data, s * m * k, grad, s * m * n, gradB, s * k * n, k, m, n, false);
      b.accumulateGrad(gradB);
    }
  };
  return new Tensor(out, [...batchShape, m, n], { parents: [a, b], backwardFn });
}
