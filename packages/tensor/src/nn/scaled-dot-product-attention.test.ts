import { describe, expect, it } from "vitest";
import { Tensor } from "../core/tensor.js";
import { EagerOps } from "../ops/eager-ops.js";
import { ParameterStore } from "./parameter-store.js";
import { scaledDotProductAttention } from "./scaled-dot-product-attention.js";

const ops = new EagerOps(new ParameterStore());

describe("scaledDotProductAttention", () => {
  it("matches values worked out by hand", () => {
    // E = 4, so scores are q.k / 2. Query [2, 0, 0, 0] against keys [1, 0, 0, 0] and [0, 0, 0, 0]:
    // scores [1, 0], weights [e / (e + 1), 1 / (e + 1)] = [0.7311, 0.2689].
    const q = Tensor.from([2, 0, 0, 0], [1, 1, 4]);
    const kT = Tensor.from([1, 0, 0, 0, 0, 0, 0, 0], [1, 4, 2]);
    const v = Tensor.from([10, 0, 0, 0, 0, 10, 0, 0], [1, 2, 4]);
    const { output, weights } = scaledDotProductAttention(ops, q, kT, v, 4);
    const first = Math.E / (Math.E + 1);
    expect(weights.data[0]).toBeCloseTo(first, 6);
    expect(weights.data[1]).toBeCloseTo(1 - first, 6);
    expect(output.toArray()[0]).toBeCloseTo(10 * first, 5);
    expect(output.toArray()[1]).toBeCloseTo(10 * (1 - first), 5);
  });

  it("a masked key gets exactly zero weight", () => {
    const q = Tensor.from([1, 1], [1, 1, 2]);
    const kT = Tensor.from([5, 0, 5, 0], [1, 2, 2]);
    const v = Tensor.from([1, 0, 0, 1], [1, 2, 2]);
    const bias = ops.maskToBias(Tensor.from([0, 1], [1, 2]));
    const { output, weights } = scaledDotProductAttention(ops, ops.reshape(q, [1, 1, 1, 2]), ops.reshape(kT, [1, 1, 2, 2]), ops.reshape(v, [1, 1, 2, 2]), 2, bias);
    expect(weights.data[0]).toBe(0);
    expect(weights.data[1]).toBe(1);
    expect(output.toArray()).toEqual([0, 1]);
  });

  it("rejects mismatched head sizes", () => {
    expect(() => scaledDotProductAttention(ops, Tensor.zeros([1, 2, 3]), Tensor.zeros([1, 4, 2]), Tensor.zeros([1, 2, 3]), 3)).toThrow(/inner dimensions differ/);
  });
});
