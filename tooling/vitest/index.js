// Shared vitest settings: tests run in Node, one file at a time, each file in a fresh
// process, with timeouts long enough for ONNX Runtime sessions and data-set reads. A fresh
// process per file matters: onnxruntime-node and onnxruntime-web share onnxruntime-common's
// backend registry, so a file that loads onnxruntime-web would change which backend later
// files' sessions run on.
import { defineConfig } from "vitest/config";

export function finfuseVitestConfig(overrides = {}) {
  return defineConfig({
    test: {
      environment: "node",
      include: ["src/**/*.test.ts", "test/**/*.test.ts"],
      testTimeout: 120_000,
      hookTimeout: 120_000,
      pool: "forks",
      // --expose-gc lets memory tests collect garbage before they measure.
      poolOptions: { forks: { singleFork: false, maxForks: 1, minForks: 1, execArgv: ["--expose-gc"] } },
      fileParallelism: false,
      ...overrides,
    },
  });
}
