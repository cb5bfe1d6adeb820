import { describe, expect, it } from "vitest";
import { Tensor } from "../core/tensor.js";
import { createRng } from "../random.js";
import { randomTensor } from "../test-support/random-tensor.js";
import { add, div, mul, scale, sub } from "./binary.js";
import { layerNorm } from "./layer-norm.js";
import { matmul } from "./matmul.js";
import { concat, gather, meanAxis, reshape, slice, squeeze, sumAxis, transpose } from "./shape-ops.js";
import { logSoftmax, softmax, softmaxCrossEntropy } from "./softmax.js";
import { gelu, relu, sigmoid, tanh } from "./unary.js";
import { binaryCrossEntropyWithLogits, meanSquaredError } from "./losses.js";

/**
 * Compares autodiff gradients of sum(f(inputs) * probe) with central finite differences
 * (computed in float64 from float32 forward passes, so the tolerance is loose).
 */
function checkGradients(name: string, shapes: number[][], f: (inputs: Tensor[]) => Tensor): void {
  const rng = createRng(name.length * 7919);
  const inputs = shapes.map((shape) => randomTensor(rng, shape, 1, true));
  const output = f(inputs);
  const probe = randomTensor(rng, [...output.shape]);
  const objective = (values: Tensor[]): number => {
    const out = f(values);
    let total = 0;
    for (let i = 0; i < out.size; i++) total += out.data[i] * probe.data[i];
    return total;
  };
  output.backward(probe.data);
  const step = 1e-2;
  inputs.forEach((input, which) => {
    for (let i = 0; i < input.size; i++) {
      const original = input.data[i];
      input.data[i] = original + step;
      const plus = objective(inputs.map((t) => t.detach()));
      input.data[i] = original - step;
      const minus = objective(inputs.map((t) => t.detach()));
      input.data[i] = original;
      const numeric = (plus - minus) / (2 * step);
      const analytic = input.grad?.[i] ?? 0;
      expect(Math.abs(numeric - analytic), `${name}: input ${which} element ${i}: numeric ${numeric} vs autodiff ${analytic}`).toBeLessThan(2e-2 * Math.max(1, Math.abs(numeric)));
    }
  });
}

describe("gradients match finite differences", () => {
  it("matmul with shared weight", () => checkGradients("matmul2", [[2, 3, 4], [4, 5]], ([a, b]) => matmul(a, b)));
  it("batched matmul", () => checkGradients("matmul4", [[2, 2, 3, 4], [2, 2, 4, 3]], ([a, b]) => matmul(a, b)));
  it("add with broadcasting", () => checkGradients("add", [[2, 3, 4], [4]], ([a, b]) => add(a, b)));
  it("add with middle broadcast", () => checkGradients("addMiddle", [[2, 3, 4], [2, 1, 4]], ([a, b]) => add(a, b)));
  it("sub", () => checkGradients("sub", [[3, 4], [3, 4]], ([a, b]) => sub(a, b)));
  it("mul with broadcasting", () => checkGradients("mul", [[2, 3], [1, 3]], ([a, b]) => mul(a, b)));
  it("div with broadcasting", () => checkGradients("div", [[2, 3], [3]], ([a, b]) => div(a, add(mul(b, b), Tensor.from([1, 1, 1], [3])))));
  it("logSoftmax", () => checkGradients("logSoftmax", [[2, 4]], ([a]) => logSoftmax(a)));
  it("sumAxis", () => checkGradients("sumAxis", [[2, 3, 2]], ([a]) => sumAxis(a, 1)));
  it("relu", () => checkGradients("relu", [[7]], ([a]) => relu(a)));
  it("scale", () => checkGradients("scale", [[5]], ([a]) => scale(a, -1.5)));
  it("softmax", () => checkGradients("softmax", [[2, 5]], ([a]) => softmax(a)));
  it("layerNorm", () => checkGradients("layerNorm", [[3, 6], [6], [6]], ([x, g, b]) => layerNorm(x, g, b)));
  it("gelu", () => checkGradients("gelu", [[10]], ([a]) => gelu(a)));
  it("tanh", () => checkGradients("tanh", [[6]], ([a]) => tanh(a)));
  it("sigmoid", () => checkGradients("sigmoid", [[6]], ([a]) => sigmoid(a)));
  it("reshape", () => checkGradients("reshape", [[2, 6]], ([a]) => reshape(a, [0, 3, -1])));
  it("transpose", () => checkGradients("transpose", [[2, 3, 4]], ([a]) => transpose(a, [2, 0, 1])));
  it("slice", () => checkGradients("slice", [[2, 5, 3]], ([a]) => slice(a, 1, 1, 4)));
  it("concat", () => checkGradients("concat", [[2, 2], [2, 3]], ([a, b]) => concat([a, b], 1)));
  it("squeeze", () => checkGradients("squeeze", [[2, 1, 3]], ([a]) => squeeze(a, 1)));
  it("meanAxis", () => checkGradients("meanAxis", [[2, 4, 3]], ([a]) => meanAxis(a, 1)));
  it("gather", () => checkGradients("gather", [[5, 3]], ([table]) => gather(table, Tensor.from([4, 0, 4, 2], [2, 2]))));
  it("binary cross-entropy", () => checkGradients("bce", [[2, 3]], ([logits]) => binaryCrossEntropyWithLogits(logits, [1, 0, 0.5, 1, 1, 0])));
  it("mean squared error", () => checkGradients("mse", [[5]], ([prediction]) => meanSquaredError(prediction, [0, 1, -1, 2, 0.5])));
  it("cross-entropy", () => checkGradients("crossEntropy", [[4, 3]], ([logits]) => softmaxCrossEntropy(logits, [0, 2, 1, 2], [1, 2, 0.5])));
});

describe("op input checks", () => {
  it("losses name a target count mismatch", () => {
    expect(() => meanSquaredError(Tensor.zeros([2, 2]), [1, 2])).toThrow("meanSquaredError: 2 targets for a prediction of shape [2, 2] (4 values)");
    expect(() => binaryCrossEntropyWithLogits(Tensor.zeros([1]), [2])).toThrow(/target 2 at index 0 is outside \[0, 1\]/);
  });
  it("matmul names both shapes", () => {
    expect(() => matmul(Tensor.zeros([2, 3]), Tensor.zeros([4, 5]))).toThrow("matmul: inner dimensions differ, [2, 3] x [4, 5]");
  });
  it("add rejects incompatible shapes", () => {
    expect(() => add(Tensor.zeros([2, 3]), Tensor.zeros([4]))).toThrow(/cannot be broadcast together/);
  });
  it("reshape rejects a wrong element count", () => {
    expect(() => reshape(Tensor.zeros([2, 3]), [4, 2])).toThrow(/6 elements/);
  });
  it("gather rejects out-of-range ids", () => {
    expect(() => gather(Tensor.zeros([3, 2]), Tensor.from([3], [1]))).toThrow(/id 3 at position 0/);
  });
  it("Tensor rejects data of the wrong size", () => {
    expect(() => Tensor.from([1, 2, 3], [2, 2])).toThrow(/needs 4/);
  });
});
