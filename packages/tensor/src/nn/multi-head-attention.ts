/**
 * Multi-head scaled dot-product attention, used as self-attention (keys from the same
 * sequence) and as cross-attention (keys and values from another modality).
 *
 * Shape letters: B batch, Q query positions, K key positions, H heads, E head size,
 * M model width (= H * E).
 */
import { InvalidInputError } from "../errors.js";
import type { OpSet } from "../ops/op-set.js";
import type { Rng } from "../random.js";
import { Linear } from "./linear.js";
import { scaledDotProductAttention } from "./scaled-dot-product-attention.js";
import type { ParameterStore } from "./parameter-store.js";

export interface AttentionResult<T> {
  /** [B, Q, M] */
  output: T;
  /** Softmax weights [B, H, Q, K]; each row sums to 1 over K. */
  weights: T;
}

export class MultiHeadAttention {
  readonly headSize: number;
  readonly query: Linear;
  readonly key: Linear;
  readonly value: Linear;
  readonly outputProjection: Linear;

  constructor(readonly name: string, readonly width: number, readonly heads: number, readonly dropoutRate = 0) {
    if (!Number.isInteger(width / heads)) {
      throw new InvalidInputError(`MultiHeadAttention ${name}: width ${width} is not divisible by ${heads} heads`);
    }
    this.headSize = width / heads;
    this.query = new Linear(`${name}.query`, width, width);
    this.key = new Linear(`${name}.key`, width, width);
    this.value = new Linear(`${name}.value`, width, width);
    this.outputProjection = new Linear(`${name}.output`, width, width);
  }

  initialize(parameters: ParameterStore, rng: Rng): void {
    for (const layer of [this.query, this.key, this.value, this.outputProjection]) layer.initialize(parameters, rng);
  }

  /** Splits [B, S, M] into heads: [B, H, S, E]. */
  private splitHeads<T>(ops: OpSet<T>, x: T): T {
    return ops.transpose(ops.reshape(x, [0, 0, this.heads, this.headSize]), [0, 2, 1, 3]);
  }

  /**
   * Attends from `queries` [B, Q, M] over `keysValues` [B, K, M]. `keyBias` [B, 1, 1, K]
   * (from `ops.maskToBias`) hides padded keys.
   */
  forward<T>(ops: OpSet<T>, queries: T, keysValues: T, keyBias?: T): AttentionResult<T> {
    const q = this.splitHeads(ops, this.query.forward(ops, queries));
    const kTransposed = ops.transpose(ops.reshape(this.key.forward(ops, keysValues), [0, 0, this.heads, this.headSize]), [0, 2, 3, 1]);
    const v = this.splitHeads(ops, this.value.forward(ops, keysValues));
    const attended = scaledDotProductAttention(ops, q, kTransposed, v, this.headSize, keyBias, this.dropoutRate);

    const merged = ops.reshape(ops.transpose(attended.output, [0, 2, 1, 3]), [0, 0, this.width]);
    return { output: this.outputProjection.forward(ops, merged), weights: attended.weights };
  }
}
