/**
 * Masked language model on the text encoder, for pretraining on unlabelled text. The
 * encoder's states at chosen positions go through a dense GELU layer and a layer norm.
 * A linear layer then scores every vocabulary token, as BERT's pretraining head does.
 *
 * Shape letters: B batch, T tokens, M masked positions, W model width, V vocabulary.
 */
import { LayerNorm, Linear, type OpSet, type ParameterStore, type Rng } from "@finfuse/tensor";
import { TextEncoderModule, type TextEncoderConfig } from "./text-encoder-module.js";

export class MaskedLanguageModelModule {
  readonly encoder: TextEncoderModule;
  readonly transform: Linear;
  readonly transformNorm: LayerNorm;
  readonly decoder: Linear;

  /** Creates the modules; the encoder is named "text", as in TextClassifierModule, so its weights carry over by name. */
  constructor(readonly config: TextEncoderConfig) {
    this.encoder = new TextEncoderModule("text", config);
    this.transform = new Linear("mlm.transform", config.width, config.width);
    this.transformNorm = new LayerNorm("mlm.transform_norm", config.width);
    this.decoder = new Linear("mlm.decoder", config.width, config.vocabSize);
  }

  initialize(parameters: ParameterStore, rng: Rng): void {
    this.encoder.initialize(parameters, rng);
    this.transform.initialize(parameters, rng);
    this.transformNorm.initialize(parameters);
    this.decoder.initialize(parameters, rng);
  }

  /** inputIds and attentionMask [B, T]; positions [M] index the flattened B x T tokens. Returns logits [M, V]. */
  forward<T>(ops: OpSet<T>, inputIds: T, attentionMask: T, positions: T): T {
    const { hidden } = this.encoder.forward(ops, inputIds, attentionMask);
    const picked = ops.gather(ops.reshape(hidden, [-1, this.config.width]), positions);
    const transformed = this.transformNorm.forward(ops, ops.gelu(this.transform.forward(ops, picked)));
    return this.decoder.forward(ops, transformed);
  }
}
