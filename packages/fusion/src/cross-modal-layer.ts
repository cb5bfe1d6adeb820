/**
 * One cross-modal fusion layer. Each modality first attends to itself, then each
 * attends to the other, and the results are added back:
 *   text'  = SelfAttentionLayer(text),   image' = SelfAttentionLayer(image)
 *   fused_text  = text'  + Attn(q = text',  k = v = image')
 *   fused_image = image' + Attn(q = image', k = v = text')
 * Queries, keys and values are layer-normalised inside Attn (pre-norm, as in the
 * self-attention layers), which keeps deep stacks stable.
 *
 * Shape letters: B batch, T text tokens, P image patches (one per day for charts),
 * H heads, M model width.
 */
import { LayerNorm, MultiHeadAttention, TransformerEncoderLayer, type OpSet, type ParameterStore, type Rng } from "@finfuse/tensor";

export interface FusionLayerConfig {
  width: number;
  heads: number;
  feedForwardWidth: number;
  dropoutRate: number;
}

export interface FusionOutput<T> {
  /** [B, T, M] */
  text: T;
  /** [B, P, M] */
  image: T;
  /** Text queries over image keys, [B, H, T, P]. */
  textToImage: T;
  /** Image queries over text keys, [B, H, P, T]. */
  imageToText: T;
}

export class CrossModalFusionLayer {
  readonly textSelf: TransformerEncoderLayer;
  readonly imageSelf: TransformerEncoderLayer;
  readonly textNorm: LayerNorm;
  readonly imageNorm: LayerNorm;
  readonly textToImage: MultiHeadAttention;
  readonly imageToText: MultiHeadAttention;

  constructor(readonly name: string, readonly config: FusionLayerConfig) {
    this.textSelf = new TransformerEncoderLayer(`${name}.text_self`, config);
    this.imageSelf = new TransformerEncoderLayer(`${name}.image_self`, config);
    this.textNorm = new LayerNorm(`${name}.text_norm`, config.width);
    this.imageNorm = new LayerNorm(`${name}.image_norm`, config.width);
    this.textToImage = new MultiHeadAttention(`${name}.text_to_image`, config.width, config.heads, config.dropoutRate);
    this.imageToText = new MultiHeadAttention(`${name}.image_to_text`, config.width, config.heads, config.dropoutRate);
  }

  initialize(parameters: ParameterStore, rng: Rng): void {
    this.textSelf.initialize(parameters, rng);
    this.imageSelf.initialize(parameters, rng);
    this.textNorm.initialize(parameters);
    this.imageNorm.initialize(parameters);
    this.textToImage.initialize(parameters, rng);
    this.imageToText.initialize(parameters, rng);
  }

  /** `textKeyBias` [B, 1, 1, T] hides padded text tokens from both text and image queries. */
  forward<T>(ops: OpSet<T>, text: T, image: T, textKeyBias: T): FusionOutput<T> {
    const textPrime = this.textSelf.forward(ops, text, textKeyBias).output;
    const imagePrime = this.imageSelf.forward(ops, image).output;
    const textNormed = this.textNorm.forward(ops, textPrime);
    const imageNormed = this.imageNorm.forward(ops, imagePrime);
    const textAttended = this.textToImage.forward(ops, textNormed, imageNormed);
    const imageAttended = this.imageToText.forward(ops, imageNormed, textNormed, textKeyBias);
    return {
      text: ops.add(textPrime, ops.dropout(textAttended.output, this.config.dropoutRate)),
      image: ops.add(imagePrime, ops.dropout(imageAttended.output, this.config.dropoutRate)),
      textToImage: textAttended.weights,
      imageToText: imageAttended.weights,
    };
  }
}
