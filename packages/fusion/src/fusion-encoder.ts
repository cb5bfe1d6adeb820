/**
 * A stack of cross-modal fusion layers followed by pooling: the first text token
 * ([CLS]) and the mean over image patches, concatenated.
 *
 * Shape letters: B batch, T text tokens, P image patches, H heads, M model width.
 */
import { LayerNorm, type OpSet, type ParameterStore, type Rng } from "@finfuse/tensor";
import { CrossModalFusionLayer, type FusionLayerConfig, type FusionOutput } from "./cross-modal-layer.js";

export interface FusionEncoderConfig extends FusionLayerConfig {
  layers: number;
}

export interface FusionEncoderOutput<T> {
  /** [B, 2M]: text [CLS] state then mean image state. */
  pooled: T;
  /** Last layer's text-to-image weights averaged over heads, [B, T, P]. */
  textToImage: T;
  /** Last layer's image-to-text weights averaged over heads, [B, P, T]. */
  imageToText: T;
}

export class FusionEncoder {
  readonly layers: CrossModalFusionLayer[];
  readonly textNorm: LayerNorm;
  readonly imageNorm: LayerNorm;

  constructor(readonly name: string, readonly config: FusionEncoderConfig) {
    this.layers = Array.from({ length: config.layers }, (_, i) => new CrossModalFusionLayer(`${name}.layers.${i}`, config));
    this.textNorm = new LayerNorm(`${name}.text_final_norm`, config.width);
    this.imageNorm = new LayerNorm(`${name}.image_final_norm`, config.width);
  }

  initialize(parameters: ParameterStore, rng: Rng): void {
    for (const layer of this.layers) layer.initialize(parameters, rng);
    this.textNorm.initialize(parameters);
    this.imageNorm.initialize(parameters);
  }

  forward<T>(ops: OpSet<T>, text: T, image: T, textKeyBias: T): FusionEncoderOutput<T> {
    if (this.layers.length === 0) throw new RangeError(`FusionEncoder ${this.name}: needs at least one layer`);
    let state: FusionOutput<T> | undefined;
    let textState = text;
    let imageState = image;
    for (const layer of this.layers) {
      state = layer.forward(ops, textState, imageState, textKeyBias);
      textState = state.text;
      imageState = state.image;
    }
    const last = state as FusionOutput<T>;
    const width = this.config.width;
    const textCls = ops.reshape(ops.slice(this.textNorm.forward(ops, textState), 1, 0, 1), [0, width]);
    const imageMean = ops.reshape(ops.meanAxis(this.imageNorm.forward(ops, imageState), 1), [0, width]);
    return {
      pooled: ops.concat([textCls, imageMean], 1),
      textToImage: ops.squeeze(ops.meanAxis(last.textToImage, 1), 1),
      imageToText: ops.squeeze(ops.meanAxis(last.imageToText, 1), 1),
    };
  }
}
