/**
 * A FinFuse training graph (forward pass, loss and gradients as one ONNX graph) runs on
 * onnxruntime-web inside headless Chromium and gives the gradients onnxruntime-node gives,
 * so a browser can fine-tune a head. The page loads onnxruntime-web from the server's /ort/.
 */
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser } from "playwright-core";
import { LABELS_INPUT, Linear, ParameterStore, buildTrainingGraph, createRng, createSession } from "@finfuse/tensor";

import { startServer, type RunningServer } from "./support/test-server.js";

const CHROMIUM_PATH = "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const SKIP_BROWSER = process.env.FINFUSE_SKIP_BROWSER === "1";

/** Runs one training graph on onnxruntime-web in the page and returns every output as numbers. */
const BROWSER_STEP = `async ({ bytes, floats, labels, labelsName }) => {
  const ort = await import("/ort/ort.wasm.bundle.min.mjs");
  ort.env.wasm.wasmPaths = "/ort/";
  ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create(new Uint8Array(bytes));
  const feeds = {};
  for (const [name, feed] of Object.entries(floats)) feeds[name] = new ort.Tensor("float32", Float32Array.from(feed.data), feed.dims);
  feeds[labelsName] = new ort.Tensor("int64", BigInt64Array.from(labels.map(BigInt)), [labels.length]);
  const results = await session.run(feeds);
  return Object.fromEntries(Object.entries(results).map(([name, tensor]) => [name, Array.from(tensor.data)]));
}`;

describe.skipIf(SKIP_BROWSER)("training graph in Chromium", () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM_PATH)) {
      throw new Error(`${CHROMIUM_PATH} is missing; install it with "apt-get install chromium", or set FINFUSE_SKIP_BROWSER=1 to skip the browser tests`);
    }
    server = await startServer();
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("head gradients match onnxruntime-node", async () => {
    const parameters = new ParameterStore();
    const hidden = new Linear("head.hidden", 6, 8);
    const output = new Linear("head.output", 8, 3);
    const rng = createRng(21);
    hidden.initialize(parameters, rng, 0.5);
    output.initialize(parameters, rng, 0.5);
    const training = buildTrainingGraph(parameters, {
      inputs: [{ name: "features", type: "float", shape: [4, 6] }],
      forward: (graph, inputs) => output.forward(graph, graph.tanh(hidden.forward(graph, inputs.features))),
    });
    const features = Array.from({ length: 24 }, (_, i) => Math.sin(i * 0.7));
    const labels = [0, 2, 1, 2];
    const floats: Record<string, { data: number[]; dims: number[] }> = { features: { data: features, dims: [4, 6] } };
    for (const [name, tensor] of parameters.entries()) floats[name] = { data: Array.from(tensor.data), dims: [...tensor.shape] };

    const session = await createSession(training.bytes);
    const nodeOutputs = await session.run({ ...floats, [LABELS_INPUT]: { data: labels, dims: [4] } });
    await session.dispose();

    const page = await browser.newPage();
    await page.goto(`${server.url}/health`);
    // The page script is a string, so vitest's transform leaves its dynamic import alone.
    const args = JSON.stringify({ bytes: Array.from(training.bytes), floats, labels, labelsName: LABELS_INPUT });
    const browserOutputs = (await page.evaluate(`(${BROWSER_STEP})(${args})`)) as Record<string, number[]>;
    await page.close();

    expect(Object.keys(browserOutputs).sort()).toEqual(Object.keys(nodeOutputs).sort());
    for (const [name, values] of Object.entries(browserOutputs)) {
      const expected = nodeOutputs[name].data as Float32Array;
      values.forEach((value, i) => expect(Math.abs(value - expected[i]), `${name}[${i}]`).toBeLessThan(1e-5));
    }
  });
});
