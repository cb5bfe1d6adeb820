// Builds the browser demo into dist/, which apps/server serves at "/" together with the
// JSON routes (/v1/...), the model folders (/models/...) and onnxruntime-web's files (/ort/).
import { defineConfig, type Plugin } from "vite";

/** Server that `vite` (the dev server) forwards API, model and runtime requests to. */
const devServerTarget = process.env.FINFUSE_SERVER_URL ?? "http://127.0.0.1:8787";

/**
 * Fails the build when any module in the bundle imports a Node built-in or
 * onnxruntime-node. Such an import means a package resolved its Node entry instead of the
 * "browser" export condition, and the page would break at run time.
 */
function rejectNodeImports(): Plugin {
  return {
    name: "finfuse-reject-node-imports",
    enforce: "pre",
    resolveId(source, importer) {
      if (source.startsWith("node:") || source === "onnxruntime-node" || source.startsWith("onnxruntime-node/")) {
        this.error(`${importer ?? "the entry"} imports "${source}", which cannot run in a browser; import the package's browser entry instead`);
      }
      return null;
    },
  };
}

export default defineConfig({
  plugins: [rejectNodeImports()],
  resolve: {
    // "onnxruntime-web-use-extern-wasm" selects onnxruntime-web's build that loads its
    // WebAssembly glue (.mjs) and binary (.wasm) from env.wasm.wasmPaths ("/ort/", served by
    // apps/server) instead of inlining the glue and copying the 24 MB .wasm (1.23.2) into dist/.
    conditions: ["onnxruntime-web-use-extern-wasm", "module", "browser", "development|production"],
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: true,
    // The one chunk is about 540 kB minified: onnxruntime-web's JavaScript API (about 360 kB
    // of source), protobufjs (ONNX decoding in @finfuse/tensor) and the tokenizer. The page
    // needs all of it before the first prediction, so splitting it would not load faster.
    chunkSizeWarningLimit: 700,
  },
  server: {
    proxy: {
      "/v1": devServerTarget,
      "/models": devServerTarget,
      "/ort": devServerTarget,
      "/health": devServerTarget,
    },
  },
});
