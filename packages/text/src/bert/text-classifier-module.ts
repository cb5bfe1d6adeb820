/**
 * Sequence classifier: the text encoder, the [CLS] token's state, a dense tanh pooler
 * and a linear head giving one logit per label (as BertForSequenceClassification does).
 *
 * Shape letters: B batch, T text tokens, M model width, L labels.
 */
import { Linear, type GraphBuilder, type OpSet, type ParameterStore, type Rng } from "@finfuse/tensor";
import { TextEncoderModule, type TextEncoderConfig } from "./text-encoder-module.js";

export class TextClassifierModule {
  readonly encoder: TextEncoderModule;
  readonly pooler: Linear;
  readonly head: Linear;

  constructor(readonly config: TextEncoderConfig, readonly labelCount: number) {
    this.encoder = new TextEncoderModule("text", config);
    this.pooler = new Linear("pooler", config.width, config.width);
    this.head = new Linear("classifier", config.width, labelCount);
  }

  initialize(parameters: ParameterStore, rng: Rng): void {
    this.encoder.initialize(parameters, rng);
    this.pooler.initialize(parameters, rng);
    this.head.initialize(parameters, rng);
  }

  /** Returns logits [B, L]. */
  forward<T>(ops: OpSet<T>, inputIds: T, attentionMask: T): T {
    const { hidden } = this.encoder.forward(ops, inputIds, attentionMask);
    const cls = ops.reshape(ops.slice(hidden, 1, 0, 1), [0, this.config.width]);
    const pooled = ops.dropout(ops.tanh(this.pooler.forward(ops, cls)), this.config.dropoutRate);
    return this.head.forward(ops, pooled);
  }

  /** Records the graph with Hugging Face's input and output names: input_ids, attention_mask -> logits. */
  buildGraph(graph: GraphBuilder): void {
    const inputIds = graph.input("input_ids", "int64", ["batch", "sequence"]);
    const attentionMask = graph.input("attention_mask", "int64", ["batch", "sequence"]);
    graph.output(this.forward(graph, inputIds, attentionMask), "logits", ["batch", this.labelCount]);
  }
}
