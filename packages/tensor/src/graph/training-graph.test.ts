import { describe, expect, it } from "vitest";
import { Tensor } from "../core/tensor.js";
import { EagerOps } from "../ops/eager-ops.js";
import type { OpSet } from "../ops/op-set.js";
import { softmaxCrossEntropy } from "../ops/softmax.js";
import { binaryCrossEntropyWithLogits, meanSquaredError } from "../ops/losses.js";
import { Embedding } from "../nn/embedding.js";
import { LayerNorm } from "../nn/layer-norm.js";
import { Linear } from "../nn/linear.js";
import { ParameterStore } from "../nn/parameter-store.js";
import { TransformerEncoderLayer } from "../nn/encoder-layer.js";
import { createRng } from "../random.js";
import * as ortNode from "onnxruntime-node";
import * as ortWeb from "onnxruntime-web";
import { OnnxSession, type OrtModule } from "../runtime/onnx-session.js";
import { LABELS_INPUT, LOSS_OUTPUT, buildTrainingGraph } from "./training-graph.js";

const WIDTH = 8;

/** A tiny text classifier touching every op the shipped models use. */
class TinyClassifier {
  readonly tokens = new Embedding("tokens", 20, WIDTH);
  readonly positions = new Embedding("positions", 8, WIDTH);
  readonly layer = new TransformerEncoderLayer("layer", { width: WIDTH, heads: 2, feedForwardWidth: 16 });
  readonly norm = new LayerNorm("norm", WIDTH);
  readonly head = new Linear("head", 2 * WIDTH, 3);

  initialize(parameters: ParameterStore): void {
    const rng = createRng(3);
    this.tokens.initialize(parameters, rng, 0.5);
    this.positions.initialize(parameters, rng, 0.5);
    this.layer.initialize(parameters, rng);
    this.norm.initialize(parameters);
    this.head.initialize(parameters, rng, 0.5);
    const jitter = createRng(4);
    for (const [, tensor] of parameters.entries()) for (let i = 0; i < tensor.size; i++) tensor.data[i] += jitter.normal() * 0.2;
  }

  forward<T>(ops: OpSet<T>, ids: T, mask: T): T {
    const embedded = ops.add(this.tokens.forward(ops, ids), this.positions.positions(ops, ids, 1));
    const hidden = this.norm.forward(ops, this.layer.forward(ops, embedded, ops.maskToBias(mask)).output);
    const cls = ops.reshape(ops.slice(hidden, 1, 0, 1), [0, WIDTH]);
    const mean = ops.squeeze(ops.meanAxis(hidden, 1), 1);
    return this.head.forward(ops, ops.tanh(ops.concat([cls, mean], 1)));
  }
}

// onnxruntime-web runs here on its WebAssembly backend, as it does in a browser.
ortWeb.env.wasm.numThreads = 1;
const runtimes: Array<[string, OrtModule]> = [["onnxruntime-node", ortNode], ["onnxruntime-web", ortWeb]];

/** A head that touches div, sigmoid, ReLU, log-softmax and sum. */
class OddHead {
  readonly a = new Linear("odd.a", 4, 6);
  readonly b = new Linear("odd.b", 4, 6);
  readonly out = new Linear("odd.out", 6, 3);

  initialize(parameters: ParameterStore): void {
    const rng = createRng(8);
    for (const layer of [this.a, this.b, this.out]) layer.initialize(parameters, rng, 0.5);
  }

  forward<T>(ops: OpSet<T>, x: T): T {
    const gate = ops.sigmoid(this.a.forward(ops, x));
    const ratio = ops.div(ops.relu(this.b.forward(ops, x)), ops.add(gate, ops.sumAxis(gate, 1)));
    return ops.logSoftmax(this.out.forward(ops, ratio));
  }
}

describe.each(runtimes)("buildTrainingGraph on %s", (runtimeName, ort) => {
  it.each([
    ["binary-cross-entropy", (logits: Tensor, targets: number[]) => binaryCrossEntropyWithLogits(logits, targets)],
    ["mean-squared-error", (logits: Tensor, targets: number[]) => meanSquaredError(logits, targets)],
  ] as const)("%s loss and gradients match eager", async (loss, eagerLoss) => {
    const parameters = new ParameterStore();
    const layer = new Linear("probe", 4, 3);
    layer.initialize(parameters, createRng(12), 0.5);
    const features = Array.from({ length: 8 }, (_, i) => Math.cos(i));
    const targets = [1, 0, 0.5, 0, 1, 1];
    parameters.setTrainable(true);
    const expected = eagerLoss(layer.forward(new EagerOps(parameters), Tensor.from(features, [2, 4])), targets);
    expected.backward();
    const training = buildTrainingGraph(parameters, {
      inputs: [{ name: "x", type: "float", shape: [2, 4] }],
      forward: (graph, inputs) => layer.forward(graph, inputs.x),
      loss,
    });
    const session = await OnnxSession.create(ort, training.bytes, runtimeName);
    const outputs = await session.run({
      "probe.weight": { data: parameters.get("probe.weight").data, dims: [4, 3] },
      "probe.bias": { data: parameters.get("probe.bias").data, dims: [3] },
      x: { data: features, dims: [2, 4] },
      [LABELS_INPUT]: { data: targets, dims: [2, 3] },
    });
    expect((outputs[LOSS_OUTPUT].data as Float32Array)[0]).toBeCloseTo(expected.data[0], 5);
    for (const [name, tensor] of parameters.entries()) {
      const graphGrad = outputs[`grad.${name}`].data as Float32Array;
      for (let i = 0; i < tensor.size; i++) expect(Math.abs(graphGrad[i] - tensor.grad![i]), `${name}[${i}]`).toBeLessThan(1e-5);
    }
    await session.dispose();
  });

  it("gradients through div, sigmoid, relu, logSoftmax and sum match", async () => {
    const parameters = new ParameterStore();
    const head = new OddHead();
    head.initialize(parameters);
    const features = Array.from({ length: 12 }, (_, i) => Math.sin(i + 1));
    const labels = [0, 2, 1];
    parameters.setTrainable(true);
    const eagerLoss = softmaxCrossEntropy(head.forward(new EagerOps(parameters), Tensor.from(features, [3, 4])), labels);
    eagerLoss.backward();
    const training = buildTrainingGraph(parameters, {
      inputs: [{ name: "x", type: "float", shape: [3, 4] }],
      forward: (graph, inputs) => head.forward(graph, inputs.x),
    });
    const session = await OnnxSession.create(ort, training.bytes, runtimeName);
    const outputs = await session.run({
      ...Object.fromEntries(parameters.entries().map(([name, tensor]) => [name, { data: tensor.data, dims: tensor.shape }])),
      x: { data: features, dims: [3, 4] },
      [LABELS_INPUT]: { data: labels, dims: [3] },
    });
    for (const [name, tensor] of parameters.entries()) {
      const graphGrad = outputs[`grad.${name}`].data as Float32Array;
      for (let i = 0; i < tensor.size; i++) expect(Math.abs(graphGrad[i] - tensor.grad![i]), `${name}[${i}]`).toBeLessThan(1e-4);
    }
    await session.dispose();
  });

  it("gradients match eager autodiff", async () => {
    const parameters = new ParameterStore();
    const model = new TinyClassifier();
    model.initialize(parameters);
    const ids = [1, 5, 7, 2, 0, 1, 9, 19, 3, 4, 1, 2, 0, 0, 0];
    const mask = [1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0];
    const labels = [2, 0, 1];
    const classWeights = [1, 2, 0.5];

    parameters.setTrainable(true);
    const eagerLoss = softmaxCrossEntropy(model.forward(new EagerOps(parameters), Tensor.from(ids, [3, 5]), Tensor.from(mask, [3, 5])), labels, classWeights);
    eagerLoss.backward();

    const training = buildTrainingGraph(parameters, {
      inputs: [{ name: "input_ids", type: "int64", shape: [3, 5] }, { name: "attention_mask", type: "int64", shape: [3, 5] }],
      forward: (graph, inputs) => model.forward(graph, inputs.input_ids, inputs.attention_mask),
      classWeights,
    });
    expect(training.parameterNames.sort()).toEqual(parameters.names().sort());
    const session = await OnnxSession.create(ort, training.bytes, runtimeName);
    const feeds = Object.fromEntries(parameters.entries().map(([name, tensor]) => [name, { data: tensor.data, dims: tensor.shape }]));
    const outputs = await session.run({
      ...feeds,
      input_ids: { data: ids, dims: [3, 5] },
      attention_mask: { data: mask, dims: [3, 5] },
      [LABELS_INPUT]: { data: labels, dims: [3] },
    });
    expect((outputs[LOSS_OUTPUT].data as Float32Array)[0]).toBeCloseTo(eagerLoss.data[0], 5);
    for (const [name, tensor] of parameters.entries()) {
      const graphGrad = outputs[`grad.${name}`].data as Float32Array;
      const eagerGrad = tensor.grad ?? new Float32Array(tensor.size);
      let worst = 0;
      for (let i = 0; i < tensor.size; i++) worst = Math.max(worst, Math.abs(graphGrad[i] - eagerGrad[i]));
      expect(worst, `gradient of ${name}`).toBeLessThan(1e-4);
    }
    await session.dispose();
  });
});
