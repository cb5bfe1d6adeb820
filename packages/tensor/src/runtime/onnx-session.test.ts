import { describe, expect, it } from "vitest";
import { GraphBuilder } from "../graph/graph-builder.js";
import { exportOnnx } from "../onnx/export.js";
import { inspectModel } from "../onnx/onnx-codec.js";
import { ParameterStore } from "../nn/parameter-store.js";
import { createSession } from "../index.node.js";
import { InvalidInputError, ModelLoadError } from "../errors.js";

/** y = x * 2 (float [batch, 3]) and count = ids + 0 (int64 [batch, "n"]) through Gather on a table. */
function tinyModel(): Uint8Array {
  const parameters = new ParameterStore();
  parameters.create("table", [4, 1], (i) => i * 10);
  const graph = new GraphBuilder(parameters);
  const x = graph.input("x", "float", ["batch", 3]);
  const ids = graph.input("ids", "int64", ["batch", "n"]);
  graph.output(graph.scale(x, 2), "y", ["batch", 3]);
  graph.output(graph.gather(graph.param("table"), ids), "looked_up", ["batch", "n", 1]);
  return exportOnnx(graph, { graphName: "tiny" });
}

describe("OnnxSession", () => {
  it("describes inputs from the model", async () => {
    const session = await createSession(tinyModel());
    expect(session.inputs.map((input) => [input.name, input.type])).toEqual([["x", "float32"], ["ids", "int64"]]);
    expect(session.inputs[0].shape).toEqual(["batch", 3]);
    await session.dispose();
  });

  it("converts plain numbers to int64 and float32", async () => {
    const session = await createSession(tinyModel());
    const out = await session.run({ x: { data: [1, 2, 3], dims: [1, 3] }, ids: { data: [3, 1], dims: [1, 2] } });
    expect(Array.from(out.y.data as Float32Array)).toEqual([2, 4, 6]);
    expect(Array.from(out.looked_up.data as Float32Array)).toEqual([30, 10]);
    await session.dispose();
  });

  it("names the input in every feed error", async () => {
    const session = await createSession(tinyModel());
    await expect(session.run({ x: { data: [1, 2, 3], dims: [1, 3] } })).rejects.toThrow('missing input "ids"');
    await expect(session.run({ x: { data: [1, 2], dims: [1, 3] }, ids: { data: [1], dims: [1, 1] } })).rejects.toThrow(/input "x" has 2 values but dims \[1, 3\] need 3/);
    await expect(session.run({ x: { data: [1, 2, 3, 4], dims: [1, 4] }, ids: { data: [1], dims: [1, 1] } })).rejects.toThrow(/input "x" expects \[batch, 3\], received \[1, 4\]/);
    await expect(session.run({ x: { data: [1, 2, 3], dims: [1, 3] }, ids: { data: [1.5], dims: [1, 1] } })).rejects.toThrow(/"ids" is int64 but value 1.5/);
    await expect(session.run({ x: { data: [1, 2, 3], dims: [1, 3] }, ids: { data: [1], dims: [1, 1] }, extra: { data: [1], dims: [1] } })).rejects.toThrow(/unknown input "extra"; the model's inputs are x, ids/);
    await expect(session.run({ x: { data: [1, 2, 3], dims: [1, 3] }, ids: { data: [1], dims: [1, 1] } })).resolves.toBeDefined();
    await session.dispose();
    await expect(session.run({})).rejects.toThrow(InvalidInputError);
  });

  it("reports truncated and non-ONNX files as ModelLoadError", async () => {
    const bytes = tinyModel();
    await expect(createSession(bytes.subarray(0, bytes.length - 7))).rejects.toThrow(ModelLoadError);
    await expect(createSession(new TextEncoder().encode("<html>not a model</html>"))).rejects.toThrow(/truncated or corrupt|no graph nodes/);
    await expect(createSession("/nonexistent/model.onnx")).rejects.toThrow(/cannot read ONNX model \/nonexistent\/model\.onnx/);
  });

  it("summarises a model", () => {
    const summary = inspectModel(tinyModel(), "tiny.onnx");
    expect(summary.opsetVersion).toBe(17);
    expect(summary.inputs).toEqual(["x", "ids"]);
    expect(summary.outputs).toEqual(["y", "looked_up"]);
    expect(summary.opTypes).toEqual(["Gather", "Identity", "Mul"]);
  });

  it("creating and disposing sessions does not grow memory", async () => {
    // A model with a 1 MiB weight: 300 leaked sessions would hold at least 300 MiB.
    const parameters = new ParameterStore();
    parameters.create("weight", [512, 512], (i) => (i % 7) / 7);
    const graph = new GraphBuilder(parameters);
    const x = graph.input("x", "float", [1, 512]);
    graph.output(graph.matmul(x, graph.param("weight")), "y", [1, 512]);
    const bytes = exportOnnx(graph, { graphName: "one-mib" });
    // One thread per session: every new ONNX Runtime thread gets its own malloc arena,
    // whose freed pages stay in the resident set and would hide a real leak in noise.
    const cycle = async (): Promise<void> => {
      const session = await createSession(bytes, { intraOpThreads: 1 });
      await session.run({ x: { data: new Float32Array(512), dims: [1, 512] } });
      await session.dispose();
    };
    // The first rounds raise the allocator's high-water mark; a leak keeps growing after it.
    // Garbage is collected before each reading, because ONNX Runtime's buffers are freed
    // only when V8 collects their JavaScript wrappers.
    const collect = (globalThis as { gc?: () => void }).gc ?? (() => {});
    for (let i = 0; i < 300; i++) await cycle();
    collect();
    const before = process.memoryUsage().rss;
    for (let i = 0; i < 300; i++) await cycle();
    collect();
    const growth = process.memoryUsage().rss - before;
    expect(growth).toBeLessThan(64 * 1024 * 1024);
  });
});
