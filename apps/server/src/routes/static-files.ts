/**
 * Static files for the browser: the model folders under /models/ and onnxruntime-web's
 * JavaScript and WebAssembly files under /ort/. @fastify/static sends `.wasm` files as
 * `application/wasm`, which WebAssembly.instantiateStreaming requires.
 */
import { createRequire } from "node:module";
import { dirname } from "node:path";

import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";

/**
 * Returns the `dist` folder of the onnxruntime-web package that this server depends on.
 * The package exports no `./package.json`, so the folder is found from its main entry,
 * which lives in `dist/`.
 */
export function onnxRuntimeWebDir(): string {
  return dirname(createRequire(import.meta.url).resolve("onnxruntime-web"));
}

export async function registerStaticFiles(app: FastifyInstance, modelsDir: string): Promise<void> {
  await app.register(fastifyStatic, { root: modelsDir, prefix: "/models/", decorateReply: false, index: false });
  await app.register(fastifyStatic, { root: onnxRuntimeWebDir(), prefix: "/ort/", decorateReply: false, index: false });
}
