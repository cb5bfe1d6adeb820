/**
 * ViT-style encoder for chart images, written once against OpSet. Each patch is one
 * day's full-height column strip (height x dayWidth), so patch p is day p and attention
 * over patches is attention over days. Patches are flattened, projected, given learned
 * position embeddings, and passed through pre-norm transformer layers.
 *
 * Shape letters: B batch, C channels (3), Hp image height, Wd day width, D days (= patches),
 * M model width.
 */
import { Embedding, LayerNorm, Linear, TransformerEncoderLayer, type OpSet, type ParameterStore, type Rng } from "@finfuse/tensor";

export interface ChartVitConfig {
  imageHeight: number;
  dayWidth: number;
  maxDays: number;
  width: number;
  layers: number;
  heads: number;
  feedForwardWidth: number;
  dropoutRate: number;
}

export class ChartVitModule {
  readonly patchProjection: Linear;
  readonly positions: Embedding;
  readonly layers: TransformerEncoderLayer[];
  readonly finalNorm: LayerNorm;
  readonly patchSize: number;

  constructor(readonly name: string, readonly config: ChartVitConfig) {
    this.patchSize = 3 * config.imageHeight * config.dayWidth;
    this.patchProjection = new Linear(`${name}.patch_embedding`, this.patchSize, config.width);
    this.positions = new Embedding(`${name}.positions`, config.maxDays, config.width);
    this.layers = Array.from({ length: config.layers }, (_, i) => new TransformerEncoderLayer(`${name}.layers.${i}`, {
      width: config.width, heads: config.heads, feedForwardWidth: config.feedForwardWidth, dropoutRate: config.dropoutRate,
    }));
    this.finalNorm = new LayerNorm(`${name}.final_norm`, config.width);
  }

  initialize(parameters: ParameterStore, rng: Rng): void {
    this.patchProjection.initialize(parameters, rng);
    this.positions.initialize(parameters, rng);
    for (const layer of this.layers) layer.initialize(parameters, rng);
    this.finalNorm.initialize(parameters);
  }

  /** pixelValues [B, C, Hp, D * Wd] in [0, 1]; returns day states [B, D, M]. */
  forward<T>(ops: OpSet<T>, pixelValues: T): T {
    const { imageHeight, dayWidth } = this.config;
    // [B, C, Hp, D * Wd] -> [B, C, Hp, D, Wd] -> [B, D, C, Hp, Wd] -> [B, D, C * Hp * Wd]
    const split = ops.reshape(pixelValues, [0, 3, imageHeight, -1, dayWidth]);
    const patches = ops.reshape(ops.transpose(split, [0, 3, 1, 2, 4]), [0, 0, this.patchSize]);
    const embedded = ops.add(this.patchProjection.forward(ops, patches), this.positions.positions(ops, patches, 1));
    let hidden = ops.dropout(embedded, this.config.dropoutRate);
    for (const layer of this.layers) hidden = layer.forward(ops, hidden).output;
    return this.finalNorm.forward(ops, hidden);
  }
}
