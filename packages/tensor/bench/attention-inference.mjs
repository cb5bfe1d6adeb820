// Inference of one multi-head attention block (batch 8, 128 tokens, 256 wide, 8 heads):
// FinFuse's eager TypeScript kernels against the same block exported to ONNX and run on
// onnxruntime-node. Prints one JSON line per engine: { engine, msPerRun, gflops }.
import { EagerOps, GraphBuilder, MultiHeadAttention, ParameterStore, Tensor, createRng, createSession, exportOnnx } from "@finfuse/tensor";

const [batch, tokens, width, heads] = [8, 128, 256, 8];
const runs = Number(process.argv[2] ?? 20);
const parameters = new ParameterStore();
const attention = new MultiHeadAttention("attention", width, heads);
attention.initialize(parameters, createRng(1));
const rng = createRng(2);
const input = new Tensor(Float32Array.from({ length: batch * tokens * width }, () => rng.normal()), [batch, tokens, width]);

// Four projections, Q K^T and weights x V.
const flops = 4 * batch * tokens * width * width * 2 + 2 * batch * tokens * tokens * width * 2;

async function time(label, run) {
  await run();
  const started = performance.now();
  for (let i = 0; i < runs; i++) await run();
  const msPerRun = (performance.now() - started) / runs;
  console.log(JSON.stringify({ engine: label, msPerRun, gflops: flops / (msPerRun * 1e6) }));
}

const eager = new EagerOps(parameters);
await time("finfuse-eager", async () => attention.forward(eager, input, input));

const graph = new GraphBuilder(parameters);
const x = graph.input("x", "float", ["batch", "tokens", width]);
graph.output(attention.forward(graph, x, x).output, "y", ["batch", "tokens", width]);
const session = await createSession(exportOnnx(graph, { graphName: "attention" }));
const feeds = { x: { data: input.data, dims: input.shape } };
await time("onnxruntime-node", async () => session.run(feeds));
await session.dispose();
