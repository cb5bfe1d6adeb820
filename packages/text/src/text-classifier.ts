/**
 * Runs a sequence-classification model folder in Hugging Face layout (config.json with
 * id2label, tokenizer.json, onnx/model.onnx with a `logits` output): FinFuse's own
 * sentiment model, or an ONNX export of FinBERT or any BERT classifier.
 */
import {
  InvalidInputError, ModelLoadError, createSession, labelsFromConfig, openModelSource, readModelJson,
  type ModelSource, type OnnxSession, type SessionOptions,
} from "@finfuse/tensor";
import { TextTokenizer } from "./tokenizer/tokenizer.js";
import { feedsForTokens } from "./token-feeds.js";

export interface Classification {
  label: string;
  /** Probability of every label, by label name; they sum to 1. */
  probabilities: Record<string, number>;
}

export interface ClassifierLoadOptions extends SessionOptions {
  /** ONNX file inside the folder; default onnx/model.onnx. */
  onnxFile?: string;
  /** Token limit per text; default the smaller of config.json's max_position_embeddings and 512. */
  maxLength?: number;
}

/** Most texts one call accepts; they run through the model in chunks of INFERENCE_BATCH. */
export const MAX_BATCH_TEXTS = 100_000;
/** Texts per model run inside one classify call. */
export const INFERENCE_BATCH = 64;

export class TextClassifier {
  private constructor(
    readonly source: ModelSource,
    readonly labels: readonly string[],
    readonly tokenizer: TextTokenizer,
    private readonly session: OnnxSession,
    readonly maxLength: number,
  ) {}

  /** Loads a folder by path (Node) or base URL (browser), or from a ModelSource. */
  static async load(location: string | ModelSource, options: ClassifierLoadOptions = {}): Promise<TextClassifier> {
    const source = typeof location === "string" ? openModelSource(location) : location;
    const config = await readModelJson(source, "config.json");
    const labels = labelsFromConfig(config, source.location);
    const tokenizer = await TextTokenizer.load(source);
    const onnxFile = options.onnxFile ?? "onnx/model.onnx";
    const session = await createSession(await source.readBytes(onnxFile), { ...options, sourceName: `${source.location}/${onnxFile}` });
    if (!session.outputNames.includes("logits")) {
      await session.dispose();
      throw new ModelLoadError(`${source.location}: the ONNX model has outputs ${session.outputNames.join(", ")} but a classifier needs "logits"`);
    }
    const positions = Number(config.max_position_embeddings ?? 512);
    return new TextClassifier(source, labels, tokenizer, session, Math.min(options.maxLength ?? positions, positions));
  }

  /** Classifies each text; returns one result per text, in order. */
  async classify(texts: readonly string[]): Promise<Classification[]> {
    if (!Array.isArray(texts)) throw new InvalidInputError("classify: texts must be an array of strings");
    if (texts.length > MAX_BATCH_TEXTS) {
      throw new InvalidInputError(`classify: ${texts.length} texts are over the limit of ${MAX_BATCH_TEXTS} per call; split them into batches`);
    }
    texts.forEach((text, index) => {
      if (typeof text !== "string" || text.trim() === "") {
        throw new InvalidInputError(`classify: texts[${index}] is ${JSON.stringify(text)}; each text must be a non-empty string`);
      }
    });
    const results: Classification[] = [];
    for (let start = 0; start < texts.length; start += INFERENCE_BATCH) results.push(...(await this.classifyChunk(texts.slice(start, start + INFERENCE_BATCH))));
    return results;
  }

  private async classifyChunk(texts: readonly string[]): Promise<Classification[]> {
    const batch = this.tokenizer.encodeBatch(texts, { maxLength: this.maxLength });
    const outputs = await this.session.run(feedsForTokens(this.session, batch));
    const logits = outputs.logits.data as Float32Array;
    const labelCount = this.labels.length;
    return texts.map((_, row) => {
      const probabilities = softmaxRow(logits.subarray(row * labelCount, (row + 1) * labelCount));
      let best = 0;
      for (let j = 1; j < labelCount; j++) if (probabilities[j] > probabilities[best]) best = j;
      return {
        label: this.labels[best],
        probabilities: Object.fromEntries(this.labels.map((label, j) => [label, probabilities[j]])),
      };
    });
  }

  async dispose(): Promise<void> {
    await this.session.dispose();
  }
}

/** Softmax of one row of logits in float64. */
export function softmaxRow(logits: ArrayLike<number>): number[] {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]);
  const exps = Array.from(logits, (value) => Math.exp(value - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((value) => value / sum);
}
