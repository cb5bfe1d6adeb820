/**
 * Runs a vision encoder model folder (config.json, onnx/model.onnx taking `pixel_values`
 * [batch, 3, height, width] and giving `last_hidden_state`): FinFuse's chart encoder or a
 * Hugging Face ViT export.
 */
import { InvalidInputError, ModelLoadError, createSession, openModelSource, readModelJson, type ModelSource, type OnnxSession, type SessionOptions } from "@finfuse/tensor";

export interface ImageBatch {
  /** [batch, 3, height, width], row-major, already normalised as the model expects. */
  pixelValues: Float32Array;
  dims: [number, number, number, number];
}

export class VisionEncoderSession {
  private constructor(readonly source: ModelSource, readonly config: Record<string, unknown>, private readonly session: OnnxSession) {}

  static async load(location: string | ModelSource, options: SessionOptions & { onnxFile?: string } = {}): Promise<VisionEncoderSession> {
    const source = typeof location === "string" ? openModelSource(location) : location;
    const config = await readModelJson(source, "config.json");
    const onnxFile = options.onnxFile ?? "onnx/model.onnx";
    const session = await createSession(await source.readBytes(onnxFile), { ...options, sourceName: `${source.location}/${onnxFile}` });
    if (!session.inputNames.includes("pixel_values") || !session.outputNames.includes("last_hidden_state")) {
      await session.dispose();
      throw new ModelLoadError(`${source.location}: a vision encoder needs input "pixel_values" and output "last_hidden_state"; this model has inputs ${session.inputNames.join(", ")} and outputs ${session.outputNames.join(", ")}`);
    }
    return new VisionEncoderSession(source, config, session);
  }

  /** Returns last_hidden_state [batch, patches, width]. */
  async encode(images: ImageBatch): Promise<{ lastHiddenState: Float32Array; dims: number[] }> {
    const expected = images.dims.reduce((a, b) => a * b, 1);
    if (images.dims[1] !== 3 || images.pixelValues.length !== expected) {
      throw new InvalidInputError(`VisionEncoderSession.encode: pixel_values must be [batch, 3, height, width] with matching data; received dims [${images.dims.join(", ")}] and ${images.pixelValues.length} values`);
    }
    const outputs = await this.session.run({ pixel_values: { data: images.pixelValues, dims: images.dims } }, ["last_hidden_state"]);
    return { lastHiddenState: outputs.last_hidden_state.data as Float32Array, dims: outputs.last_hidden_state.dims };
  }

  async dispose(): Promise<void> {
    await this.session.dispose();
  }
}
