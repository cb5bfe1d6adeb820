import { describe, expect, it } from "vitest";
import { Tensor } from "../core/tensor.js";
import { EagerOps } from "../ops/eager-ops.js";
import { Embedding } from "../nn/embedding.js";
import { TransformerEncoderLayer } from "../nn/encoder-layer.js";
import { ParameterStore } from "../nn/parameter-store.js";
import { exportOnnx } from "../onnx/export.js";
import { inspectModel } from "../onnx/onnx-codec.js";
import { createRng } from "../random.js";
import { createSession } from "../index.node.js";
import { GraphBuilder } from "./graph-builder.js";

function setup(): { parameters: ParameterStore; build: (graph: GraphBuilder) => void; eager: Tensor; ids: number[] } {
  const parameters = new ParameterStore();
  const tokens = new Embedding("tokens", 500, 64);
  const layer = new TransformerEncoderLayer("layer", { width: 64, heads: 4, feedForwardWidth: 256 });
  const rng = createRng(1);
  tokens.initialize(parameters, rng, 0.5);
  layer.initialize(parameters, rng);
  const ids = Array.from({ length: 2 * 16 }, () => rng.int(500));
  const forward = <T>(ops: Parameters<typeof layer.forward<T>>[0], input: T): T => layer.forward(ops, tokens.forward(ops, input)).output;
  const eager = forward(new EagerOps(parameters), Tensor.from(ids, [2, 16]));
  const build = (graph: GraphBuilder): void => {
    const input = graph.input("ids", "int64", ["batch", "sequence"]);
    graph.output(forward(graph, input), "hidden", ["batch", "sequence", 64]);
  };
  return { parameters, build, eager, ids };
}

describe("int8 quantisation", () => {
  it("shrinks the file and stays close to float32", async () => {
    const { parameters, build, eager, ids } = setup();
    const floatGraph = new GraphBuilder(parameters);
    build(floatGraph);
    const quantizedGraph = new GraphBuilder(parameters, { quantizeWeights: "int8" });
    build(quantizedGraph);
    const floatBytes = exportOnnx(floatGraph, { graphName: "float" });
    const quantizedBytes = exportOnnx(quantizedGraph, { graphName: "int8" });
    expect(quantizedBytes.length).toBeLessThan(floatBytes.length * 0.35);
    expect(inspectModel(quantizedBytes, "int8.onnx").opTypes).toContain("MatMulInteger");

    const session = await createSession(quantizedBytes);
    const out = await session.run({ ids: { data: ids, dims: [2, 16] } });
    const hidden = out.hidden.data as Float32Array;
    let worst = 0;
    let scale = 0;
    for (let i = 0; i < hidden.length; i++) {
      worst = Math.max(worst, Math.abs(hidden[i] - eager.data[i]));
      scale = Math.max(scale, Math.abs(eager.data[i]));
    }
    expect(worst / scale).toBeLessThan(0.05);
    await session.dispose();
  });
});
