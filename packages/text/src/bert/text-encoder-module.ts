/**
 * BERT-style text encoder, written once against OpSet so it runs eagerly (training,
 * tests) and exports to ONNX: token and learned position embeddings, pre-norm
 * transformer layers, and a final layer norm.
 *
 * Shape letters: B batch, T text tokens, M model width.
 */
import { Embedding, LayerNorm, TransformerEncoderLayer, type OpSet, type ParameterStore, type Rng } from "@finfuse/tensor";

export interface TextEncoderConfig {
  vocabSize: number;
  maxPositions: number;
  width: number;
  layers: number;
  heads: number;
  feedForwardWidth: number;
  dropoutRate: number;
}

export interface TextEncoding<T> {
  /** [B, T, M] */
  hidden: T;
  /** Additive key bias [B, 1, 1, T] for attention over these tokens. */
  keyBias: T;
}

export class TextEncoderModule {
  readonly tokens: Embedding;
  readonly positions: Embedding;
  readonly embeddingNorm: LayerNorm;
  readonly layers: TransformerEncoderLayer[];
  readonly finalNorm: LayerNorm;

  constructor(readonly name: string, readonly config: TextEncoderConfig) {
    this.tokens = new Embedding(`${name}.embeddings.tokens`, config.vocabSize, config.width);
    this.positions = new Embedding(`${name}.embeddings.positions`, config.maxPositions, config.width);
    this.embeddingNorm = new LayerNorm(`${name}.embeddings.norm`, config.width);
    this.layers = Array.from({ length: config.layers }, (_, i) => new TransformerEncoderLayer(`${name}.layers.${i}`, {
      width: config.width, heads: config.heads, feedForwardWidth: config.feedForwardWidth, dropoutRate: config.dropoutRate,
    }));
    this.finalNorm = new LayerNorm(`${name}.final_norm`, config.width);
  }

  initialize(parameters: ParameterStore, rng: Rng): void {
    this.tokens.initialize(parameters, rng);
    this.positions.initialize(parameters, rng);
    this.embeddingNorm.initialize(parameters);
    for (const layer of this.layers) layer.initialize(parameters, rng);
    this.finalNorm.initialize(parameters);
  }

  /** inputIds and attentionMask are [B, T]. */
  forward<T>(ops: OpSet<T>, inputIds: T, attentionMask: T): TextEncoding<T> {
    const embedded = ops.add(this.tokens.forward(ops, inputIds), this.positions.positions(ops, inputIds, 1));
    let hidden = ops.dropout(this.embeddingNorm.forward(ops, embedded), this.config.dropoutRate);
    const keyBias = ops.maskToBias(attentionMask);
    for (const layer of this.layers) hidden = layer.forward(ops, hidden, keyBias).output;
    return { hidden: this.finalNorm.forward(ops, hidden), keyBias };
  }
}
