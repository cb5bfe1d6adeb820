/**
 * Runs a text encoder model folder (config.json, tokenizer.json, onnx/model.onnx with a
 * `last_hidden_state` output), such as a Hugging Face BERT export or FinFuse's own.
 */
import { InvalidInputError, ModelLoadError, createSession, openModelSource, readModelJson, type ModelSource, type OnnxSession, type SessionOptions } from "@finfuse/tensor";
import { TextTokenizer, type EncodedBatch } from "./tokenizer/tokenizer.js";
import { feedsForTokens } from "./token-feeds.js";

export interface TextEncoderOutput {
  /** [batch, sequence, width], row-major. */
  lastHiddenState: Float32Array;
  dims: [number, number, number];
  batch: EncodedBatch;
}

export class TextEncoderSession {
  private constructor(readonly source: ModelSource, readonly tokenizer: TextTokenizer, private readonly session: OnnxSession, readonly maxLength: number) {}

  static async load(location: string | ModelSource, options: SessionOptions & { onnxFile?: string; maxLength?: number } = {}): Promise<TextEncoderSession> {
    const source = typeof location === "string" ? openModelSource(location) : location;
    const config = await readModelJson(source, "config.json");
    const tokenizer = await TextTokenizer.load(source);
    const onnxFile = options.onnxFile ?? "onnx/model.onnx";
    const session = await createSession(await source.readBytes(onnxFile), { ...options, sourceName: `${source.location}/${onnxFile}` });
    if (!session.outputNames.includes("last_hidden_state")) {
      await session.dispose();
      throw new ModelLoadError(`${source.location}: the ONNX model has outputs ${session.outputNames.join(", ")} but a text encoder needs "last_hidden_state"`);
    }
    const positions = Number(config.max_position_embeddings ?? 512);
    return new TextEncoderSession(source, tokenizer, session, Math.min(options.maxLength ?? positions, positions));
  }

  async encode(texts: readonly string[]): Promise<TextEncoderOutput> {
    if (texts.length === 0) throw new InvalidInputError("TextEncoderSession.encode: pass at least one text");
    const batch = this.tokenizer.encodeBatch(texts, { maxLength: this.maxLength });
    const outputs = await this.session.run(feedsForTokens(this.session, batch), ["last_hidden_state"]);
    const state = outputs.last_hidden_state;
    return { lastHiddenState: state.data as Float32Array, dims: [state.dims[0], state.dims[1], state.dims[2]], batch };
  }

  async dispose(): Promise<void> {
    await this.session.dispose();
  }
}
