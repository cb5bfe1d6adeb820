import { InvalidInputError } from "@finfuse/tensor";
import { describe, expect, it } from "vitest";

import { bootstrapByGroup, quantile } from "./bootstrap.js";
import { accuracy, mcc } from "./classification.js";

describe("quantile", () => {
  it("interpolates between ranks", () => {
    const values = [1, 2, 3, 4];
    expect(quantile(values, 0)).toBe(1);
    expect(quantile(values, 0.25)).toBe(1.75);
    expect(quantile(values, 0.5)).toBe(2.5);
    expect(quantile(values, 1)).toBe(4);
  });

  it("rejects bad input", () => {
    expect(() => quantile([], 0.5)).toThrow(InvalidInputError);
    expect(() => quantile([1], 1.5)).toThrow("q must be in [0, 1]");
  });
});

describe("bootstrapByGroup", () => {
  it("spans all-right to all-wrong groups", () => {
    // Group A is right twice and group B wrong twice. A resample draws AA (accuracy 1),
    // AB or BA (0.5) or BB (0), with probabilities 1/4, 1/2 and 1/4.
    const result = bootstrapByGroup({
      yTrue: [1, 1, 1, 1],
      yPred: [1, 1, 0, 0],
      groups: ["A", "A", "B", "B"],
      metric: accuracy,
    });
    expect(result).toEqual({ estimate: 0.5, low: 0, high: 1 });
  });

  it("draws whole groups", () => {
    // Groups of 1 and 3 examples: two draws contain 2, 4 or 6 examples, never 3 or 5.
    const seen = new Set<number>();
    const result = bootstrapByGroup({
      yTrue: [0, 0, 0, 0],
      yPred: [0, 0, 0, 0],
      groups: [1, 2, 2, 2],
      metric: (yTrue) => {
        seen.add(yTrue.length);
        return yTrue.length;
      },
      resamples: 200,
    });
    expect([...seen].sort()).toEqual([2, 4, 6]);
    expect(result).toEqual({ estimate: 4, low: 2, high: 6 });
  });

  it("collapses for one group", () => {
    const result = bootstrapByGroup({ yTrue: [0, 1, 1], yPred: [0, 1, 0], groups: ["d", "d", "d"], metric: accuracy });
    expect(result.low).toBe(result.estimate);
    expect(result.high).toBe(result.estimate);
    expect(result.estimate).toBeCloseTo(2 / 3, 12);
  });

  it("repeats for the same seed", () => {
    const yTrue = Array.from({ length: 60 }, (_, i) => i % 2);
    const yPred = Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const groups = Array.from({ length: 60 }, (_, i) => `day-${i % 12}`);
    const first = bootstrapByGroup({ yTrue, yPred, groups, metric: mcc, seed: 11 });
    expect(bootstrapByGroup({ yTrue, yPred, groups, metric: mcc, seed: 11 })).toEqual(first);
    expect(bootstrapByGroup({ yTrue, yPred, groups, metric: mcc, seed: 12 })).not.toEqual(first);
    expect(first.low).toBeLessThanOrEqual(first.estimate);
    expect(first.high).toBeGreaterThanOrEqual(first.estimate);
  });

  it("narrows with a lower level", () => {
    const yTrue = Array.from({ length: 40 }, (_, i) => i % 2);
    const yPred = Array.from({ length: 40 }, (_, i) => (i % 5 === 0 ? 1 - (i % 2) : i % 2));
    const groups = Array.from({ length: 40 }, (_, i) => i % 10);
    const wide = bootstrapByGroup({ yTrue, yPred, groups, metric: accuracy, level: 0.95 });
    const narrow = bootstrapByGroup({ yTrue, yPred, groups, metric: accuracy, level: 0.5 });
    expect(narrow.low).toBeGreaterThanOrEqual(wide.low);
    expect(narrow.high).toBeLessThanOrEqual(wide.high);
  });

  it("rejects bad options", () => {
    const base = { yTrue: [0, 1], yPred: [0, 1], groups: ["a", "b"], metric: accuracy };
    expect(() => bootstrapByGroup({ ...base, groups: ["a"] })).toThrow("equal lengths, received 2, 2 and 1");
    expect(() => bootstrapByGroup({ ...base, yTrue: [], yPred: [], groups: [] })).toThrow("yTrue is empty");
    expect(() => bootstrapByGroup({ ...base, resamples: 0 })).toThrow("resamples must be a positive integer");
    expect(() => bootstrapByGroup({ ...base, level: 1 })).toThrow("level must be in (0, 1)");
  });

  it("rejects a metric that returns NaN", () => {
    expect(() => bootstrapByGroup({ yTrue: [0], yPred: [0], groups: [0], metric: () => Number.NaN })).toThrow(
      "the metric returned NaN",
    );
  });
});
