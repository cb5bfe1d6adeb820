// `pnpm bench`: runs every benchmark, each engine in its own process (so peak memory is
// per engine), prints a Markdown report and writes it to docs/benchmarks.md.
import { execFileSync } from "node:child_process";
import { cpus, totalmem } from "node:os";
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { TRAIN_CONFIG, forwardFlops } from "./transformer-config.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const run = (script, ...args) =>
  execFileSync(process.execPath, [join(here, script), ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })
    .trim().split("\n").filter((line) => line.startsWith("{")).map((line) => JSON.parse(line));

const quick = process.argv.includes("--quick");
// tfjs's pure JavaScript backend is opt-in: on the 2-core machine of docs/benchmarks.md one
// step did not finish in 10 minutes and its resident memory passed 17 GiB.
const withTfjsCpu = process.argv.includes("--with-tfjs-cpu");
const training = [
  ...run("train-finfuse.mjs", "onnxruntime", quick ? "2" : "10"),
  ...run("train-tfjs.mjs", "wasm", quick ? "1" : "3"),
  ...(withTfjsCpu ? run("train-tfjs.mjs", "cpu", "1") : []),
  ...run("train-finfuse.mjs", "eager", "1"),
];
const attention = run("attention-inference.mjs", quick ? "3" : "20");

const ours = training.find((row) => row.engine === "finfuse-onnxruntime");
const trainFlops = 3 * forwardFlops();
const trainingRows = training.map((row) =>
  `| ${row.engine} | ${row.msPerStep.toFixed(0)} | ${row.samplesPerSecond.toFixed(2)} | ${(trainFlops / (row.msPerStep * 1e6)).toFixed(1)} | ${(row.msPerStep / ours.msPerStep).toFixed(1)}x | ${row.maxRssMiB.toFixed(0)} |`);
const eagerAttention = attention.find((row) => row.engine === "finfuse-eager");
const attentionRows = attention.map((row) => `| ${row.engine} | ${row.msPerRun.toFixed(2)} | ${row.gflops.toFixed(1)} | ${(eagerAttention.msPerRun / row.msPerRun).toFixed(1)}x |`);

const version = (name) => require(`${name}/package.json`).version;
const report = `# Benchmarks

Measured by \`pnpm bench\` (packages/tensor/bench/run.mjs) on ${new Date().toISOString().slice(0, 10)}: ${cpus()[0]?.model ?? "unknown CPU"}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, onnxruntime-node ${version("onnxruntime-node")}, @tensorflow/tfjs ${version("@tensorflow/tfjs")}. Each engine runs in its own process after one warm-up step; times are means over the timed steps.

## Training throughput

One training step (forward, loss, backward, Adam update) of a ${TRAIN_CONFIG.layers}-layer, ${TRAIN_CONFIG.width}-wide pre-norm transformer encoder classifier (${TRAIN_CONFIG.heads} heads, feed-forward ${TRAIN_CONFIG.feedForwardWidth}, vocabulary ${TRAIN_CONFIG.vocabSize}) on batches of ${TRAIN_CONFIG.batch} sequences of ${TRAIN_CONFIG.sequence} tokens. GFLOP/s counts 3 x the forward pass's multiply-adds x 2 (${(trainFlops / 1e9).toFixed(1)} GFLOP a step). "vs finfuse" is how many times longer a step takes than FinFuse's onnxruntime engine. Peak memory is the process's maximum resident set size.

| engine | ms / step | samples / s | GFLOP/s | vs finfuse | peak memory (MiB) |
|---|---|---|---|---|---|
${trainingRows.join("\n")}

- finfuse-onnxruntime: the model written once against OpSet, differentiated into one ONNX graph (forward, loss, gradients) and run on onnxruntime-node; AdamW runs in TypeScript.
- finfuse-eager: the same model on FinFuse's TypeScript kernels and tape autodiff.
- tfjs-wasm: the same architecture written with TensorFlow.js ops and tf.train.adam, on its WebAssembly backend, the fastest that installs here. \`@tensorflow/tfjs-node\` is not measured because its install downloads a native TensorFlow build, which this project's machines cannot fetch. The wasm backend has no kernel for the gradient of tf.gather, so its token table is frozen and it does less work per step than the others. The pure JavaScript backend (\`--with-tfjs-cpu\`) is left out by default: on this machine one step did not finish in 10 minutes and its resident memory passed 17 GiB.

## Multi-head attention inference

One forward pass of a multi-head attention block (batch 8, 128 tokens, width 256, 8 heads: ${(attention[0].gflops * attention[0].msPerRun / 1e3).toFixed(2)} GFLOP).

| engine | ms / run | GFLOP/s | speed-up over eager |
|---|---|---|---|
${attentionRows.join("\n")}
`;
console.log(report);
if (!quick) writeFileSync(join(here, "..", "..", "..", "docs", "benchmarks.md"), report);
