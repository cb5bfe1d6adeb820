import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EagerOps, GraphBuilder, ParameterStore, Tensor, createRng, exportOnnx } from "@finfuse/tensor";
import { renderChart } from "../chart/render-chart.js";
import type { PriceBar } from "../chart/types.js";
import { VisionEncoderSession } from "../vision-encoder-session.js";
import { ChartVitModule, type ChartVitConfig } from "./chart-vit-module.js";

const config: ChartVitConfig = { imageHeight: 32, dayWidth: 8, maxDays: 5, width: 16, layers: 1, heads: 2, feedForwardWidth: 32, dropoutRate: 0 };

const bars: PriceBar[] = [
  { date: "2015-10-26", open: 10, high: 11, low: 9.5, close: 10.5, adjClose: 10.5, volume: 1000 },
  { date: "2015-10-27", open: 10.5, high: 10.8, low: 9.8, close: 9.9, adjClose: 9.9, volume: 1500 },
  { date: "2015-10-28", open: 9.9, high: 10.2, low: 9.7, close: 10.1, adjClose: 10.1, volume: 800 },
  { date: "2015-10-29", open: 10.1, high: 10.9, low: 10, close: 10.8, adjClose: 10.8, volume: 2000 },
  { date: "2015-10-30", open: 10.8, high: 11.2, low: 10.6, close: 10.7, adjClose: 10.7, volume: 1200 },
];

function buildFolder(parameters: ParameterStore, module: ChartVitModule): Uint8Array {
  const graph = new GraphBuilder(parameters);
  const pixels = graph.input("pixel_values", "float", ["batch", 3, 32, "width"]);
  graph.output(module.forward(graph, pixels), "last_hidden_state", ["batch", "patches", 16]);
  return exportOnnx(graph, { graphName: "chart-vit" });
}

describe("ChartVitModule", () => {
  it("maps each day strip to one patch", () => {
    const parameters = new ParameterStore();
    const module = new ChartVitModule("vision", config);
    module.initialize(parameters, createRng(1));
    const image = renderChart(bars);
    const out = module.forward(new EagerOps(parameters), new Tensor(image.data, [1, 3, image.height, image.width]));
    expect(out.shape).toEqual([1, 5, 16]);
  });

  it("runs from a model folder and agrees with the eager pass", async () => {
    const parameters = new ParameterStore();
    const module = new ChartVitModule("vision", config);
    module.initialize(parameters, createRng(2));
    const folder = await mkdtemp(join(tmpdir(), "finfuse-vit-"));
    await mkdir(join(folder, "onnx"));
    await writeFile(join(folder, "onnx", "model.onnx"), buildFolder(parameters, module));
    await writeFile(join(folder, "config.json"), JSON.stringify({ model_type: "finfuse-chart-vit", image_size: [32, 40] }));
    const image = renderChart(bars);
    const session = await VisionEncoderSession.load(folder);
    const { lastHiddenState, dims } = await session.encode({ pixelValues: image.data, dims: [1, 3, 32, 40] });
    expect(dims).toEqual([1, 5, 16]);
    const expected = module.forward(new EagerOps(parameters), new Tensor(image.data, [1, 3, 32, 40]));
    for (let i = 0; i < expected.size; i++) expect(Math.abs(lastHiddenState[i] - expected.data[i])).toBeLessThan(1e-4);
    await expect(session.encode({ pixelValues: new Float32Array(10), dims: [1, 3, 32, 40] })).rejects.toThrow(/pixel_values must be \[batch, 3, height, width\]/);
    await session.dispose();
    await rm(folder, { recursive: true, force: true });
  });

  it("rejects a folder whose model has no pixel_values input", async () => {
    const folder = await mkdtemp(join(tmpdir(), "finfuse-vit-"));
    await mkdir(join(folder, "onnx"));
    const parameters = new ParameterStore();
    const graph = new GraphBuilder(parameters);
    const x = graph.input("x", "float", [1]);
    graph.output(graph.scale(x, 2), "y", [1]);
    await writeFile(join(folder, "onnx", "model.onnx"), exportOnnx(graph, { graphName: "wrong" }));
    await writeFile(join(folder, "config.json"), "{}");
    await expect(VisionEncoderSession.load(folder)).rejects.toThrow(/needs input "pixel_values"/);
    await rm(folder, { recursive: true, force: true });
  });
});
