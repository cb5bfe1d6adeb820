// Training steps of the benchmark model with TensorFlow.js (backend "wasm" or "cpu"),
// written with tf ops to match FinFuse's model: same sizes, pre-norm layers, exact GELU,
// Adam. Prints one JSON line like train-finfuse.mjs.
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { TRAIN_CONFIG, makeBatch } from "./transformer-config.mjs";

const backend = process.argv[2] ?? "wasm";
const steps = Number(process.argv[3] ?? 5);
await tf.setBackend(backend);
await tf.ready();
const { vocabSize, sequence, batch, width, layers, heads, feedForwardWidth, classes } = TRAIN_CONFIG;
const headSize = width / heads;
const weight = (shape) => tf.variable(tf.randomNormal(shape, 0, 0.02));
const ones = (n) => tf.variable(tf.ones([n]));
const zeros = (n) => tf.variable(tf.zeros([n]));

// The wasm backend has no UnsortedSegmentSum kernel, the gradient of tf.gather, so there the
// token table is a constant: tfjs-wasm then does less work per step than the other engines.
const frozenEmbedding = backend === "wasm";
const tokens = frozenEmbedding ? tf.randomNormal([vocabSize, width], 0, 0.02) : weight([vocabSize, width]);
const positions = weight([sequence, width]);
const blocks = Array.from({ length: layers }, () => ({
  norm1: [ones(width), zeros(width)], norm2: [ones(width), zeros(width)],
  q: [weight([width, width]), zeros(width)], k: [weight([width, width]), zeros(width)], v: [weight([width, width]), zeros(width)], o: [weight([width, width]), zeros(width)],
  in: [weight([width, feedForwardWidth]), zeros(feedForwardWidth)], out: [weight([feedForwardWidth, width]), zeros(width)],
}));
const finalNorm = [ones(width), zeros(width)];
const head = [weight([width, classes]), zeros(classes)];

const linear = (x, [w, b]) => tf.add(tf.matMul(x.reshape([-1, w.shape[0]]), w).reshape([...x.shape.slice(0, -1), w.shape[1]]), b);
function layerNorm(x, [gamma, beta]) {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), gamma), beta);
}
const gelu = (x) => tf.mul(tf.mul(x, 0.5), tf.add(tf.erf(tf.mul(x, Math.SQRT1_2)), 1));
const split = (x) => x.reshape([batch, sequence, heads, headSize]).transpose([0, 2, 1, 3]);

function forward(ids) {
  let hidden = tf.add(tf.gather(tokens, ids), positions);
  for (const block of blocks) {
    const normed = layerNorm(hidden, block.norm1);
    const q = split(linear(normed, block.q));
    const k = split(linear(normed, block.k));
    const v = split(linear(normed, block.v));
    const weights = tf.softmax(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(headSize)));
    const context = tf.matMul(weights, v).transpose([0, 2, 1, 3]).reshape([batch, sequence, width]);
    hidden = tf.add(hidden, linear(context, block.o));
    hidden = tf.add(hidden, linear(gelu(linear(layerNorm(hidden, block.norm2), block.in)), block.out));
  }
  const cls = layerNorm(hidden, finalNorm).slice([0, 0, 0], [batch, 1, width]).reshape([batch, width]);
  return linear(cls, head);
}

const { ids, labels } = makeBatch();
const idsTensor = tf.tensor2d(ids, [batch, sequence], "int32");
const oneHot = tf.oneHot(tf.tensor1d(labels, "int32"), classes);
const optimizer = tf.train.adam(1e-4);
const step = () => tf.tidy(() => optimizer.minimize(() => tf.losses.softmaxCrossEntropy(oneHot, forward(idsTensor)), true).dataSync());

step();
const started = performance.now();
for (let i = 0; i < steps; i++) step();
const msPerStep = (performance.now() - started) / steps;
console.log(JSON.stringify({ engine: `tfjs-${backend}${frozenEmbedding ? " (token table frozen)" : ""}`, msPerStep, samplesPerSecond: (1000 * batch) / msPerStep, maxRssMiB: process.resourceUsage().maxRSS / 1024 }));
