// Shared vitest settings: tests run in Node, one file at a time on a 2-core machine,
// with timeouts long enough for ONNX Runtime sessions and data-set reads.
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
      poolOptions: { forks: { singleFork: true, execArgv: ["--expose-gc"] } },
      ...overrides,
    },
  });
}
