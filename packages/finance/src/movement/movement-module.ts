/**
 * The stock movement model: a text encoder over the window's texts, a chart ViT over
 * the window's candlestick chart (one patch per day), cross-modal fusion layers, and a
 * classification head giving logits for [down, up].
 *
 * Shape letters: B batch, T text tokens, D days (= image patches), M model width.
 */
import { Linear, type GraphBuilder, type OpSet, type ParameterStore, type Rng } from "@finfuse/tensor";
import { TextEncoderModule, type TextEncoderConfig } from "@finfuse/text";
import { ChartVitModule, type ChartVitConfig } from "@finfuse/vision";
import { FusionEncoder, type FusionEncoderConfig } from "@finfuse/fusion";

export interface MovementModelConfig {
  text: TextEncoderConfig;
  vision: ChartVitConfig;
  fusion: FusionEncoderConfig;
}

/** Label order of the movement head's logits. */
export const MOVEMENT_LABELS = ["down", "up"] as const;
export type MovementLabel = (typeof MOVEMENT_LABELS)[number];

export interface MovementOutputs<T> {
  /** [B, 2], in MOVEMENT_LABELS order. */
  logits: T;
  /** [B, T, D]: how much each text token attends to each day. */
  textToDay: T;
  /** [B, D, T] */
  dayToText: T;
}

export class MovementModule {
  readonly text: TextEncoderModule;
  readonly vision: ChartVitModule;
  readonly fusion: FusionEncoder;
  readonly hidden: Linear;
  readonly head: Linear;

  constructor(readonly config: MovementModelConfig) {
    if (config.text.width !== config.fusion.width || config.vision.width !== config.fusion.width) {
      throw new RangeError(`MovementModule: text (${config.text.width}), vision (${config.vision.width}) and fusion (${config.fusion.width}) widths must be equal`);
    }
    this.text = new TextEncoderModule("text", config.text);
    this.vision = new ChartVitModule("vision", config.vision);
    this.fusion = new FusionEncoder("fusion", config.fusion);
    this.hidden = new Linear("head.hidden", 2 * config.fusion.width, config.fusion.width);
    this.head = new Linear("head.output", config.fusion.width, MOVEMENT_LABELS.length);
  }

  initialize(parameters: ParameterStore, rng: Rng): void {
    this.text.initialize(parameters, rng);
    this.vision.initialize(parameters, rng);
    this.fusion.initialize(parameters, rng);
    this.hidden.initialize(parameters, rng);
    this.head.initialize(parameters, rng);
  }

  forward<T>(ops: OpSet<T>, inputIds: T, attentionMask: T, pixelValues: T): MovementOutputs<T> {
    const text = this.text.forward(ops, inputIds, attentionMask);
    const days = this.vision.forward(ops, pixelValues);
    const fused = this.fusion.forward(ops, text.hidden, days, text.keyBias);
    const hidden = ops.dropout(ops.tanh(this.hidden.forward(ops, fused.pooled)), this.config.fusion.dropoutRate);
    return { logits: this.head.forward(ops, hidden), textToDay: fused.textToImage, dayToText: fused.imageToText };
  }

  /** Records the exported graph: input_ids, attention_mask, pixel_values -> logits and both attention maps. */
  buildGraph(graph: GraphBuilder): void {
    const { imageHeight, dayWidth, maxDays } = this.config.vision;
    const inputIds = graph.input("input_ids", "int64", ["batch", "sequence"]);
    const attentionMask = graph.input("attention_mask", "int64", ["batch", "sequence"]);
    const pixelValues = graph.input("pixel_values", "float", ["batch", 3, imageHeight, maxDays * dayWidth]);
    const out = this.forward(graph, inputIds, attentionMask, pixelValues);
    graph.output(out.logits, "logits", ["batch", MOVEMENT_LABELS.length]);
    graph.output(out.textToDay, "text_to_day_attention", ["batch", "sequence", maxDays]);
    graph.output(out.dayToText, "day_to_text_attention", ["batch", maxDays, "sequence"]);
  }
}
