/**
 * Pre-norm transformer encoder layer: x + Attn(LN(x)), then x + FFN(LN(x)).
 * Shape letters: B batch, S sequence, M model width, F feed-forward width.
 */
import type { OpSet } from "../ops/op-set.js";
import type { Rng } from "../random.js";
import { LayerNorm } from "./layer-norm.js";
import { Linear } from "./linear.js";
import { MultiHeadAttention } from "./multi-head-attention.js";
import type { ParameterStore } from "./parameter-store.js";

export interface EncoderLayerConfig {
  width: number;
  heads: number;
  feedForwardWidth: number;
  dropoutRate?: number;
}

export class TransformerEncoderLayer {
  readonly attentionNorm: LayerNorm;
  readonly attention: MultiHeadAttention;
  readonly feedForwardNorm: LayerNorm;
  readonly feedForwardIn: Linear;
  readonly feedForwardOut: Linear;
  readonly dropoutRate: number;

  constructor(readonly name: string, config: EncoderLayerConfig) {
    this.dropoutRate = config.dropoutRate ?? 0;
    this.attentionNorm = new LayerNorm(`${name}.attention_norm`, config.width);
    this.attention = new MultiHeadAttention(`${name}.attention`, config.width, config.heads, this.dropoutRate);
    this.feedForwardNorm = new LayerNorm(`${name}.ffn_norm`, config.width);
    this.feedForwardIn = new Linear(`${name}.ffn.in`, config.width, config.feedForwardWidth);
    this.feedForwardOut = new Linear(`${name}.ffn.out`, config.feedForwardWidth, config.width);
  }

  initialize(parameters: ParameterStore, rng: Rng): void {
    this.attentionNorm.initialize(parameters);
    this.attention.initialize(parameters, rng);
    this.feedForwardNorm.initialize(parameters);
    this.feedForwardIn.initialize(parameters, rng);
    this.feedForwardOut.initialize(parameters, rng);
  }

  /** x [B, S, M] with an optional key bias [B, 1, 1, S]; returns the new x and the attention weights [B, H, S, S]. */
  forward<T>(ops: OpSet<T>, x: T, keyBias?: T): { output: T; weights: T } {
    const normed = this.attentionNorm.forward(ops, x);
    const attended = this.attention.forward(ops, normed, normed, keyBias);
    const afterAttention = ops.add(x, ops.dropout(attended.output, this.dropoutRate));
    const hidden = ops.gelu(this.feedForwardIn.forward(ops, this.feedForwardNorm.forward(ops, afterAttention)));
    const output = ops.add(afterAttention, ops.dropout(this.feedForwardOut.forward(ops, hidden), this.dropoutRate));
    return { output, weights: attended.weights };
  }
}
