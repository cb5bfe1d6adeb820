/**
 * Scaled dot-product attention: softmax(Q K^T / sqrt(E) + bias) V.
 *
 * Shape letters: S leading batch dims (for example [B, H]), Q query positions, K key
 * positions, E head size.
 */
import type { OpSet } from "../ops/op-set.js";

export interface ScaledAttentionResult<T> {
  /** [S.., Q, E] */
  output: T;
  /** [S.., Q, K]; each row sums to 1 over the unmasked keys. */
  weights: T;
}

/**
 * Attends `queries` [S.., Q, E] over `keysTransposed` [S.., E, K] and `values` [S.., K, E].
 * Keys come transposed so a caller that splits heads can produce that layout in one
 * transpose. `bias` broadcasts onto the scores [S.., Q, K]: 0 keeps a key, a large
 * negative value (see `OpSet.maskToBias`) hides it.
 */
export function scaledDotProductAttention<T>(
  ops: OpSet<T>, queries: T, keysTransposed: T, values: T, headSize: number, bias?: T, dropoutRate = 0,
): ScaledAttentionResult<T> {
  let scores = ops.matmul(ops.scale(queries, 1 / Math.sqrt(headSize)), keysTransposed);
  if (bias !== undefined) scores = ops.add(scores, bias);
  const weights = ops.softmax(scores);
  return { output: ops.matmul(ops.dropout(weights, dropoutRate), values), weights };
}
