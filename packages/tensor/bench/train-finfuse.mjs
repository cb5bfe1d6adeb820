// Training steps of the benchmark model with FinFuse: engine "onnxruntime" (one ONNX
// graph for forward, loss and gradients on onnxruntime-node) or "eager" (TypeScript autodiff).
// Prints one JSON line: { engine, msPerStep, samplesPerSecond, maxRssMiB }.
import {
  AdamW, EagerOps, Embedding, LayerNorm, Linear, OnnxTrainer, ParameterStore, Tensor, TransformerEncoderLayer,
  createRng, createSession, softmaxCrossEntropy,
} from "@finfuse/tensor";
import { TRAIN_CONFIG, makeBatch } from "./transformer-config.mjs";

const engine = process.argv[2] ?? "onnxruntime";
const steps = Number(process.argv[3] ?? 5);
const { vocabSize, sequence, batch, width, layers, heads, feedForwardWidth, classes } = TRAIN_CONFIG;

const parameters = new ParameterStore();
const rng = createRng(7);
const tokens = new Embedding("tokens", vocabSize, width);
const positions = new Embedding("positions", sequence, width);
const encoder = Array.from({ length: layers }, (_, i) => new TransformerEncoderLayer(`layers.${i}`, { width, heads, feedForwardWidth }));
const norm = new LayerNorm("norm", width);
const head = new Linear("head", width, classes);
for (const module of [tokens, positions, ...encoder, head]) module.initialize(parameters, rng);
norm.initialize(parameters);

function forward(ops, ids, mask) {
  let hidden = ops.add(tokens.forward(ops, ids), positions.positions(ops, ids, 1));
  const bias = ops.maskToBias(mask);
  for (const layer of encoder) hidden = layer.forward(ops, hidden, bias).output;
  const cls = ops.reshape(ops.slice(norm.forward(ops, hidden), 1, 0, 1), [0, width]);
  return head.forward(ops, cls);
}

const { ids, labels } = makeBatch();
const mask = new Array(ids.length).fill(1);
const optimizer = new AdamW(parameters, { learningRate: 1e-4 });
let step;
if (engine === "onnxruntime") {
  const trainer = new OnnxTrainer({
    parameters, rng, createSession: (bytes) => createSession(bytes),
    inputTypes: { input_ids: "int64", attention_mask: "int64" },
    forward: (graph, inputs) => forward(graph, inputs.input_ids, inputs.attention_mask),
  });
  const feeds = { input_ids: { data: ids, dims: [batch, sequence] }, attention_mask: { data: mask, dims: [batch, sequence] } };
  step = async () => {
    await trainer.step(feeds, labels);
    optimizer.update();
  };
} else {
  parameters.setTrainable(true);
  const idsTensor = Tensor.from(ids, [batch, sequence]);
  const maskTensor = Tensor.from(mask, [batch, sequence]);
  step = async () => {
    softmaxCrossEntropy(forward(new EagerOps(parameters), idsTensor, maskTensor), labels).backward();
    optimizer.update();
  };
}

await step(); // compiles the graph (onnxruntime) and warms up
const started = performance.now();
for (let i = 0; i < steps; i++) await step();
const msPerStep = (performance.now() - started) / steps;
console.log(JSON.stringify({ engine: `finfuse-${engine}`, msPerStep, samplesPerSecond: (1000 * batch) / msPerStep, maxRssMiB: process.resourceUsage().maxRSS / 1024, parameters: parameters.count() }));
