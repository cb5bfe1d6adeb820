import { describe, expect, it } from "vitest";
import { Tensor } from "../core/tensor.js";
import { EagerOps } from "../ops/eager-ops.js";
import { createRng } from "../random.js";
import { randomTensor } from "../test-support/random-tensor.js";
import { Embedding } from "./embedding.js";
import { TransformerEncoderLayer } from "./encoder-layer.js";
import { LayerNorm } from "./layer-norm.js";
import { Linear } from "./linear.js";
import { MultiHeadAttention } from "./multi-head-attention.js";
import { ParameterStore } from "./parameter-store.js";

/**
 * Checks every parameter's autodiff gradient of sum(module(x) * probe) against central
 * finite differences, and the input's gradient when the input is a float tensor.
 */
function checkModule(name: string, build: (parameters: ParameterStore) => (ops: EagerOps, input: Tensor) => Tensor, input: Tensor): void {
  const parameters = new ParameterStore();
  const forward = build(parameters);
  const jitter = createRng(name.length);
  for (const [, tensor] of parameters.entries()) for (let i = 0; i < tensor.size; i++) tensor.data[i] += jitter.normal() * 0.3;
  parameters.setTrainable(true);
  const output = forward(new EagerOps(parameters), input);
  const probe = randomTensor(createRng(99), [...output.shape]);
  const objective = (): number => {
    const out = forward(new EagerOps(parameters), input.detach());
    let total = 0;
    for (let i = 0; i < out.size; i++) total += out.data[i] * probe.data[i];
    return total;
  };
  output.backward(probe.data);
  const step = 1e-2;
  const checkTensor = (label: string, tensor: Tensor, grad: Float32Array | null): void => {
    for (let i = 0; i < tensor.size; i++) {
      const original = tensor.data[i];
      tensor.data[i] = original + step;
      const plus = objective();
      tensor.data[i] = original - step;
      const minus = objective();
      tensor.data[i] = original;
      const numeric = (plus - minus) / (2 * step);
      const analytic = grad?.[i] ?? 0;
      expect(Math.abs(numeric - analytic), `${name}: ${label}[${i}] numeric ${numeric} vs autodiff ${analytic}`).toBeLessThan(3e-2 * Math.max(1, Math.abs(numeric)));
    }
  };
  for (const [parameterName, tensor] of parameters.entries()) checkTensor(parameterName, tensor, tensor.grad);
  if (input.requiresGrad) checkTensor("input", input, input.grad);
}

describe("module gradients match finite differences", () => {
  it("Linear", () => {
    checkModule("linear", (parameters) => {
      const layer = new Linear("linear", 3, 2);
      layer.initialize(parameters, createRng(1), 0.5);
      return (ops, x) => layer.forward(ops, x);
    }, randomTensor(createRng(2), [2, 2, 3], 1, true));
  });

  it("LayerNorm", () => {
    checkModule("norm", (parameters) => {
      const norm = new LayerNorm("norm", 4);
      norm.initialize(parameters);
      return (ops, x) => norm.forward(ops, x);
    }, randomTensor(createRng(3), [3, 4], 1, true));
  });

  it("Embedding with positions", () => {
    checkModule("embedding", (parameters) => {
      const tokens = new Embedding("tokens", 6, 3);
      const positions = new Embedding("positions", 4, 3);
      const rng = createRng(4);
      tokens.initialize(parameters, rng, 0.5);
      positions.initialize(parameters, rng, 0.5);
      return (ops, ids) => ops.add(tokens.forward(ops, ids), positions.positions(ops, ids, 1));
    }, Tensor.from([1, 5, 5, 0, 2, 1], [2, 3]));
  });

  it("MultiHeadAttention with a key mask", () => {
    checkModule("attention", (parameters) => {
      const attention = new MultiHeadAttention("attention", 4, 2);
      attention.initialize(parameters, createRng(5));
      const bias = new EagerOps(parameters).maskToBias(Tensor.from([1, 1, 0, 1, 1, 1], [2, 3]));
      return (ops, x) => attention.forward(ops, x, x, bias).output;
    }, randomTensor(createRng(6), [2, 3, 4], 1, true));
  });

  it("TransformerEncoderLayer", () => {
    checkModule("encoder", (parameters) => {
      const layer = new TransformerEncoderLayer("layer", { width: 4, heads: 2, feedForwardWidth: 6 });
      layer.initialize(parameters, createRng(7));
      return (ops, x) => layer.forward(ops, x).output;
    }, randomTensor(createRng(8), [1, 3, 4], 1, true));
  });
});
