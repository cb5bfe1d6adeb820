/** Node entry of @finfuse/tensor: everything in index.ts plus sessions on onnxruntime-node. */
import * as ort from "onnxruntime-node";
import { readFile } from "node:fs/promises";
import { ModelLoadError } from "./errors.js";
import { OnnxSession, type SessionOptions } from "./runtime/onnx-session.js";

export * from "./index.js";
export { folderModelSource } from "./runtime/model-source-node.js";

// NOTE: onnxruntime-node and onnxruntime-web register their backends in one shared
// onnxruntime-common registry. A Node process that also imports onnxruntime-web may run
// these sessions on the WebAssembly backend instead; keep to one runtime per process.

/** Name of the ONNX Runtime package this entry point runs on. */
export const runtimeName = "onnxruntime-node";

/**
 * Creates an ONNX Runtime session from a file path or model bytes.
 *
 * @example
 * const session = await createSession("models/finfuse-sentiment-mini/onnx/model.onnx");
 * const { logits } = await session.run({ input_ids: { data: [2, 45, 3], dims: [1, 3] }, attention_mask: { data: [1, 1, 1], dims: [1, 3] } });
 * await session.dispose();
 */
export async function createSession(model: string | Uint8Array, options: SessionOptions = {}): Promise<OnnxSession> {
  if (typeof model !== "string") return OnnxSession.create(ort, model, options.sourceName ?? "<bytes>", options);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(model));
  } catch (error) {
    throw new ModelLoadError(`cannot read ONNX model ${model}: ${(error as Error).message}`);
  }
  return OnnxSession.create(ort, bytes, model, options);
}

/** Opens a model folder by path (Node). In the browser build the same call takes a base URL. */
export { folderModelSource as openModelSource } from "./runtime/model-source-node.js";
