import { InvalidInputError } from "@finfuse/tensor";
import { describe, expect, it } from "vitest";

import { accuracy, confusionMatrix, macroF1, mcc } from "./classification.js";

// Binary case: TP = 3, FN = 1, FP = 2, TN = 4.
const BINARY_TRUE = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0];
const BINARY_PRED = [1, 1, 1, 0, 1, 1, 0, 0, 0, 0];

// Three-class case with matrix [[2, 0, 0], [0, 0, 1], [1, 0, 2]].
const MULTI_TRUE = [2, 0, 2, 2, 0, 1];
const MULTI_PRED = [0, 0, 2, 2, 0, 2];

describe("confusionMatrix", () => {
  it("counts true rows by predicted columns", () => {
    expect(confusionMatrix(MULTI_TRUE, MULTI_PRED)).toEqual([
      [2, 0, 0],
      [0, 0, 1],
      [1, 0, 2],
    ]);
  });

  it("pads to numClasses", () => {
    expect(confusionMatrix([0, 1], [0, 0], 3)).toEqual([
      [1, 0, 0],
      [1, 0, 0],
      [0, 0, 0],
    ]);
  });

  it("accepts typed arrays", () => {
    expect(confusionMatrix(Int32Array.from([0, 1]), Uint8Array.from([1, 1]))).toEqual([
      [0, 1],
      [0, 1],
    ]);
  });

  it("rejects invalid labels", () => {
    expect(() => confusionMatrix([0, 3], [0, 1], 3)).toThrow("yTrue[1] must be an integer class index in [0, 3), received 3");
    expect(() => confusionMatrix([0, 1], [0, 0.5])).toThrow("yPred[1] must be a non-negative integer class index, received 0.5");
    expect(() => confusionMatrix([0, -1], [0, 1])).toThrow(InvalidInputError);
  });
});

describe("accuracy", () => {
  it("counts matches", () => {
    expect(accuracy(BINARY_TRUE, BINARY_PRED)).toBeCloseTo(0.7, 12);
  });

  it("rejects unequal lengths", () => {
    expect(() => accuracy([0, 1], [0])).toThrow("accuracy: yTrue has 2 labels but yPred has 1");
  });

  it("rejects empty input", () => {
    expect(() => accuracy([], [])).toThrow(InvalidInputError);
  });
});

describe("macroF1", () => {
  it("averages per-class F1", () => {
    // F1 per class: 0.8, 0 and 2/3.
    expect(macroF1(MULTI_TRUE, MULTI_PRED, 3)).toBeCloseTo((0.8 + 0 + 2 / 3) / 3, 12);
  });

  it("matches a scikit-learn example", () => {
    expect(macroF1([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1], 3)).toBeCloseTo(0.26666666666666666, 12);
  });

  it("scores an absent class as 0", () => {
    expect(macroF1([0, 0], [0, 0], 2)).toBe(0.5);
  });

  it("is 1 for perfect predictions", () => {
    expect(macroF1(MULTI_TRUE, MULTI_TRUE, 3)).toBe(1);
  });
});

describe("mcc", () => {
  it("computes the binary coefficient", () => {
    // (TP * TN - FP * FN) / sqrt((TP + FP)(TP + FN)(TN + FP)(TN + FN)) = 10 / sqrt(600).
    expect(mcc(BINARY_TRUE, BINARY_PRED)).toBeCloseTo(10 / Math.sqrt(600), 12);
  });

  it("computes the multiclass coefficient", () => {
    // c = 4, s = 6, true counts (2, 1, 3), predicted counts (3, 0, 3): 9 / sqrt(18 * 22).
    expect(mcc(MULTI_TRUE, MULTI_PRED)).toBeCloseTo(9 / Math.sqrt(18 * 22), 12);
  });

  it("is 0 for a constant predictor", () => {
    expect(mcc([0, 1, 1, 0], [1, 1, 1, 1])).toBe(0);
    expect(mcc([1, 1, 1], [1, 1, 1])).toBe(0);
  });

  it("is 1 and -1 at the extremes", () => {
    expect(mcc([0, 1, 0, 1], [0, 1, 0, 1])).toBe(1);
    expect(mcc([0, 1, 0, 1], [1, 0, 1, 0])).toBe(-1);
  });

  it("rejects unequal lengths", () => {
    expect(() => mcc([0, 1, 1], [0, 1])).toThrow("yTrue has 3 labels but yPred has 2");
  });
});
