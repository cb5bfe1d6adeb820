import { describe, expect, it } from "vitest";
import { createSession } from "../index.node.js";
import { Linear } from "../nn/linear.js";
import { ParameterStore } from "../nn/parameter-store.js";
import { AdamW } from "../optim/adamw.js";
import { createRng } from "../random.js";
import { OnnxTrainer } from "./onnx-trainer.js";

/** Two Gaussian blobs in 4-D, label = which blob; a linear probe with dropout separates them. */
function makeData(count: number, seed: number): { features: number[]; labels: number[] } {
  const rng = createRng(seed);
  const features: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < count; i++) {
    const label = i % 2;
    labels.push(label);
    for (let j = 0; j < 4; j++) features.push(rng.normal() * 0.5 + (label === 1 ? 1 : -1));
  }
  return { features, labels };
}

function setup(): { parameters: ParameterStore; trainer: OnnxTrainer } {
  const parameters = new ParameterStore();
  const hidden = new Linear("hidden", 4, 8);
  const head = new Linear("head", 8, 2);
  const rng = createRng(1);
  hidden.initialize(parameters, rng, 0.3);
  head.initialize(parameters, rng, 0.3);
  const trainer = new OnnxTrainer({
    parameters,
    rng: createRng(2),
    inputTypes: { features: "float" },
    forward: (graph, inputs) => head.forward(graph, graph.dropout(graph.tanh(hidden.forward(graph, inputs.features)), 0.2)),
    createSession: (bytes) => createSession(bytes),
  });
  return { parameters, trainer };
}

describe("OnnxTrainer", () => {
  it("lowers the loss of a separable problem", async () => {
    const { parameters, trainer } = setup();
    const optimizer = new AdamW(parameters, { learningRate: 0.05 });
    const { features, labels } = makeData(32, 3);
    const batch = { features: { data: features, dims: [32, 4] } };
    const first = await trainer.step(batch, labels);
    optimizer.update();
    let last = first;
    for (let i = 0; i < 40; i++) {
      last = await trainer.step(batch, labels);
      optimizer.update();
    }
    expect(first).toBeGreaterThan(0.1);
    expect(last).toBeLessThan(first / 2);
    expect(trainer.compiledShapes).toBe(1);
    await trainer.dispose();
  });

  it("compiles one graph per batch shape", async () => {
    const { trainer } = setup();
    const small = makeData(4, 5);
    const large = makeData(8, 6);
    await trainer.step({ features: { data: small.features, dims: [4, 4] } }, small.labels);
    await trainer.step({ features: { data: large.features, dims: [8, 4] } }, large.labels);
    await trainer.step({ features: { data: small.features, dims: [4, 4] } }, small.labels);
    expect(trainer.compiledShapes).toBe(2);
    await trainer.dispose();
  });

  it("names a missing batch input", async () => {
    const { trainer } = setup();
    await expect(trainer.step({}, [0])).rejects.toThrow(/batch input "features" is missing/);
  });
});
