/** Browser entry of @finfuse/tensor: everything in index.ts plus sessions on onnxruntime-web (WebAssembly). */
import * as ort from "onnxruntime-web";
import { ModelLoadError } from "./errors.js";
import { OnnxSession, type SessionOptions } from "./runtime/onnx-session.js";

export * from "./index.js";

export const runtimeName = "onnxruntime-web";

export interface WebRuntimeOptions {
  /** URL prefix where onnxruntime-web's .wasm and .mjs files are served. */
  wasmPaths?: string;
  /** WebAssembly threads; more than 1 needs a cross-origin isolated page. */
  numThreads?: number;
}

/** Sets onnxruntime-web's WebAssembly options; call before the first session. */
export function configureWebRuntime(options: WebRuntimeOptions): void {
  if (options.wasmPaths !== undefined) ort.env.wasm.wasmPaths = options.wasmPaths;
  ort.env.wasm.numThreads = options.numThreads ?? (globalThis.crossOriginIsolated === true ? Math.min(4, navigator.hardwareConcurrency) : 1);
}

/** Creates an ONNX Runtime session from a URL or model bytes. */
export async function createSession(model: string | Uint8Array, options: SessionOptions = {}): Promise<OnnxSession> {
  if (typeof model !== "string") return OnnxSession.create(ort, model, options.sourceName ?? "<bytes>", options);
  let bytes: Uint8Array;
  try {
    const response = await fetch(model);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    throw new ModelLoadError(`cannot fetch ONNX model ${model}: ${(error as Error).message}`);
  }
  return OnnxSession.create(ort, bytes, model, options);
}

/** Opens a model folder by base URL (browser). In the Node build the same call takes a folder path. */
export { urlModelSource as openModelSource } from "./runtime/model-source-web.js";
