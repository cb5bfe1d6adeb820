import { describe, expect, it } from "vitest";
import * as ort from "onnxruntime-node";
import { Tensor } from "../core/tensor.js";
import { EagerOps } from "../ops/eager-ops.js";
import { GraphBuilder } from "../graph/graph-builder.js";
import { exportOnnx } from "../onnx/export.js";
import { OnnxSession } from "../runtime/onnx-session.js";
import { createRng } from "../random.js";
import { maxAbsDifference, randomTensor } from "../test-support/random-tensor.js";
import { MultiHeadAttention } from "./multi-head-attention.js";
import { ParameterStore } from "./parameter-store.js";
import { TransformerEncoderLayer } from "./encoder-layer.js";

/** Sets a Linear layer to the identity with zero bias. */
function setIdentity(parameters: ParameterStore, name: string, width: number): void {
  const weight = parameters.get(`${name}.weight`);
  weight.data.fill(0);
  for (let i = 0; i < width; i++) weight.data[i * width + i] = 1;
  parameters.get(`${name}.bias`).data.fill(0);
}

describe("MultiHeadAttention", () => {
  it("matches hand-worked single-head attention", () => {
    const parameters = new ParameterStore();
    const attention = new MultiHeadAttention("attn", 2, 1);
    attention.initialize(parameters, createRng(1));
    for (const part of ["query", "key", "value", "output"]) setIdentity(parameters, `attn.${part}`, 2);
    const ops = new EagerOps(parameters);
    // One query [1, 0] over keys [1, 0] and [0, 1]: scores 1/sqrt2 and 0.
    const queries = Tensor.from([1, 0], [1, 1, 2]);
    const keys = Tensor.from([1, 0, 0, 1], [1, 2, 2]);
    const { output, weights } = attention.forward(ops, queries, keys);
    const first = Math.exp(Math.SQRT1_2) / (Math.exp(Math.SQRT1_2) + 1);
    expect(weights.shape).toEqual([1, 1, 1, 2]);
    expect(weights.data[0]).toBeCloseTo(first, 6);
    expect(weights.data[1]).toBeCloseTo(1 - first, 6);
    expect(output.toArray()[0]).toBeCloseTo(first, 6);
    expect(output.toArray()[1]).toBeCloseTo(1 - first, 6);
  });

  it("gives masked keys zero weight", () => {
    const parameters = new ParameterStore();
    const attention = new MultiHeadAttention("attn", 4, 2);
    attention.initialize(parameters, createRng(2));
    const ops = new EagerOps(parameters);
    const rng = createRng(3);
    const x = randomTensor(rng, [2, 3, 4]);
    const mask = Tensor.from([1, 1, 0, 1, 0, 0], [2, 3]);
    const { weights } = attention.forward(ops, x, x, ops.maskToBias(mask));
    for (let head = 0; head < 2; head++) {
      for (let query = 0; query < 3; query++) {
        expect(weights.get(0, head, query, 2)).toBe(0);
        expect(weights.get(1, head, query, 1)).toBe(0);
        expect(weights.get(1, head, query, 2)).toBe(0);
        expect(weights.get(1, head, query, 0)).toBeCloseTo(1, 6);
      }
    }
  });

  it("rejects a width not divisible by heads", () => {
    expect(() => new MultiHeadAttention("attn", 10, 3)).toThrow(/width 10 is not divisible by 3 heads/);
  });

  it("rejects mismatched widths", () => {
    const parameters = new ParameterStore();
    const attention = new MultiHeadAttention("attn", 4, 2);
    attention.initialize(parameters, createRng(2));
    const ops = new EagerOps(parameters);
    expect(() => attention.forward(ops, Tensor.zeros([1, 2, 3]), Tensor.zeros([1, 2, 3]))).toThrow(/matmul: inner dimensions differ/);
  });

  it("cross-attention agrees with onnxruntime-node", async () => {
    const parameters = new ParameterStore();
    const attention = new MultiHeadAttention("cross", 8, 2);
    attention.initialize(parameters, createRng(5), );
    const rng = createRng(6);
    const queries = randomTensor(rng, [2, 3, 8]);
    const keys = randomTensor(rng, [2, 5, 8]);
    const mask = Tensor.from([1, 1, 1, 0, 0, 1, 1, 1, 1, 1], [2, 5]);
    const eager = new EagerOps(parameters);
    const expected = attention.forward(eager, queries, keys, eager.maskToBias(mask));

    const graph = new GraphBuilder(parameters);
    const q = graph.input("queries", "float", ["batch", "queries", 8]);
    const k = graph.input("keys", "float", ["batch", "keys", 8]);
    const m = graph.input("key_mask", "int64", ["batch", "keys"]);
    const result = attention.forward(graph, q, k, graph.maskToBias(m));
    graph.output(result.output, "output", ["batch", "queries", 8]);
    graph.output(result.weights, "weights", ["batch", 2, "queries", "keys"]);
    const session = await OnnxSession.create(ort, exportOnnx(graph, { graphName: "cross" }), "cross.onnx");
    const outputs = await session.run({
      queries: { data: queries.data, dims: queries.shape },
      keys: { data: keys.data, dims: keys.shape },
      key_mask: { data: mask.data, dims: mask.shape },
    });
    expect(maxAbsDifference(outputs.output.data as Float32Array, expected.output.data)).toBeLessThan(1e-4);
    expect(maxAbsDifference(outputs.weights.data as Float32Array, expected.weights.data)).toBeLessThan(1e-4);
    await session.dispose();
  });

  it("encoder layer agrees with onnxruntime-node", async () => {
    const parameters = new ParameterStore();
    const layer = new TransformerEncoderLayer("layer", { width: 16, heads: 4, feedForwardWidth: 32 });
    layer.initialize(parameters, createRng(8));
    const rng = createRng(9);
    for (const [, tensor] of parameters.entries()) for (let i = 0; i < tensor.size; i++) tensor.data[i] += rng.normal() * 0.1;
    const x = randomTensor(rng, [3, 7, 16]);
    const eager = new EagerOps(parameters);
    const expected = layer.forward(eager, x).output;

    const graph = new GraphBuilder(parameters);
    const input = graph.input("x", "float", ["batch", "sequence", 16]);
    graph.output(layer.forward(graph, input).output, "y", ["batch", "sequence", 16]);
    const session = await OnnxSession.create(ort, exportOnnx(graph, { graphName: "layer" }), "layer.onnx");
    const outputs = await session.run({ x: { data: x.data, dims: x.shape } });
    expect(maxAbsDifference(outputs.y.data as Float32Array, expected.data)).toBeLessThan(1e-4);
    await session.dispose();
  });
});
