import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EagerOps, GraphBuilder, ParameterStore, Tensor, createRng, exportOnnx } from "@finfuse/tensor";
import { TextTokenizer, buildWordPieceVocab, wordPieceTokenizerConfig, wordPieceTokenizerJson } from "@finfuse/text";
import { renderChart, type PriceBar } from "@finfuse/vision";
import { writeModelFolder } from "../train/model-folder.js";
import { MovementModule } from "./movement-module.js";
import { MovementPredictor, type MovementFolderConfig } from "./movement-predictor.js";
import { encodeTextWindow, padWindows } from "./text-window.js";
import { mergeWordPieces, topAttendedWords } from "./explanation.js";

const settings: MovementFolderConfig = {
  maxTextTokens: 24,
  chart: { dayWidth: 8, height: 32, priceHeight: 24, days: 5 },
  model: {
    text: { vocabSize: 0, maxPositions: 24, width: 16, layers: 1, heads: 2, feedForwardWidth: 32, dropoutRate: 0 },
    vision: { imageHeight: 32, dayWidth: 8, maxDays: 5, width: 16, layers: 1, heads: 2, feedForwardWidth: 32, dropoutRate: 0 },
    fusion: { layers: 1, width: 16, heads: 2, feedForwardWidth: 32, dropoutRate: 0 },
  },
};

const prices: PriceBar[] = ["2015-10-26", "2015-10-27", "2015-10-28", "2015-10-29", "2015-10-30"].map((date, i) => ({
  date, open: 100 + i, high: 103 + i, low: 99 + i, close: i % 2 === 0 ? 102 + i : 99.5 + i, adjClose: i % 2 === 0 ? 102 + i : 99.5 + i, volume: 1000 * (i + 1),
}));

const texts = [
  { time: "2015-10-29T15:00:00Z", text: "$aapl earnings beat , stock rallies" },
  { time: "2015-10-26T10:00:00Z", text: "apple iphone sales slow in china" },
  { time: "2015-10-30T09:00:00Z", text: "AT_USER buying more $aapl URL" },
];

let folder: string;
let parameters: ParameterStore;
let module: MovementModule;
let tokenizer: TextTokenizer;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "finfuse-movement-"));
  const vocab = buildWordPieceVocab(texts.map((t) => t.text), { vocabSize: 200, minWordCount: 1, keepWords: ["AT_USER", "URL"] });
  const tokenizerJson = wordPieceTokenizerJson(vocab);
  const tokenizerConfig = wordPieceTokenizerConfig(24);
  tokenizer = TextTokenizer.fromJson(tokenizerJson, tokenizerConfig);
  const config = structuredClone(settings);
  config.model.text.vocabSize = vocab.length;
  parameters = new ParameterStore();
  module = new MovementModule(config.model);
  module.initialize(parameters, createRng(4));
  const rng = createRng(5);
  for (const [, tensor] of parameters.entries()) for (let i = 0; i < tensor.size; i++) tensor.data[i] += rng.normal() * 0.1;
  const graph = new GraphBuilder(parameters);
  module.buildGraph(graph);
  await writeModelFolder(folder, {
    config: { model_type: "finfuse-movement", id2label: { 0: "down", 1: "up" }, finfuse: config },
    tokenizer: tokenizerJson, tokenizerConfig, onnx: exportOnnx(graph, { graphName: "movement" }), card: "# test", metrics: {},
  });
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe("encodeTextWindow", () => {
  it("keeps texts in time order between [CLS] and [SEP]", () => {
    const window = encodeTextWindow(tokenizer, texts, 64);
    expect(window.tokens[0]).toBe("[CLS]");
    expect(window.tokens.at(-1)).toBe("[SEP]");
    const order = [...new Set(window.sourceIndex.filter((i) => i >= 0))];
    expect(order).toEqual([1, 0, 2]);
  });

  it("keeps the newest texts when the window is full", () => {
    const window = encodeTextWindow(tokenizer, texts, 8);
    expect(window.ids).toHaveLength(8);
    expect(window.sourceIndex).toContain(2);
    expect(window.sourceIndex).not.toContain(1);
  });

  it("encodes an empty window as [CLS] [SEP]", () => {
    expect(encodeTextWindow(tokenizer, [], 24).tokens).toEqual(["[CLS]", "[SEP]"]);
  });

  it("rejects a text without a valid time", () => {
    expect(() => encodeTextWindow(tokenizer, [{ time: "yesterday", text: "x" }], 24)).toThrow(/texts\[0\]\.time "yesterday" is not a valid date/);
  });
});

describe("explanations", () => {
  it("merges word pieces", () => {
    expect(mergeWordPieces(["[CLS]", "earn", "##ings", "beat", "[SEP]"])).toEqual([
      { word: "earnings", positions: [1, 2] },
      { word: "beat", positions: [3] },
    ]);
  });

  it("ranks words by the attention days pay them", () => {
    const tokens = ["[CLS]", "up", "down", "[SEP]"];
    const dayToText = [[0.1, 0.6, 0.2, 0.1], [0.1, 0.1, 0.7, 0.1]];
    const top = topAttendedWords(tokens, ["d1", "d2"], dayToText);
    expect(top.map((w) => w.word)).toEqual(["down", "up"]);
    expect(top[0].day).toBe("d2");
    expect(top[0].weight).toBeCloseTo(0.9, 10);
  });
});

describe("MovementPredictor", () => {
  it("agrees with the eager model within 1e-4", async () => {
    const predictor = await MovementPredictor.load(folder);
    const prediction = await predictor.predict({ prices, texts, ticker: "AAPL", date: "2015-11-02" });
    const window = encodeTextWindow(tokenizer, texts, 24);
    const padded = padWindows([window], tokenizer.padTokenId);
    const image = renderChart(prices, { days: 5 });
    const eager = module.forward(new EagerOps(parameters), Tensor.from(padded.inputIds, padded.dims), Tensor.from(padded.attentionMask, padded.dims), new Tensor(image.data, [1, 3, 32, 40]));
    const logits = eager.logits.data;
    const probabilityUp = 1 / (1 + Math.exp(logits[0] - logits[1]));
    expect(Math.abs(prediction.probabilityUp - probabilityUp)).toBeLessThan(1e-4);
    expect(prediction.textToDayAttention).toHaveLength(window.ids.length);
    for (let t = 0; t < window.ids.length; t++) {
      for (let d = 0; d < 5; d++) expect(Math.abs(prediction.textToDayAttention[t][d] - eager.textToDay.get(0, t, d))).toBeLessThan(1e-4);
    }
    expect(prediction.days).toEqual(prices.map((bar) => bar.date));
    expect(prediction.label).toBe(prediction.probabilityUp >= 0.5 ? "up" : "down");
    await predictor.dispose();
  });

  it("gives the same answer alone and in a batch", async () => {
    const predictor = await MovementPredictor.load(folder);
    const alone = await predictor.predict({ prices, texts: [] });
    const [, batched] = await predictor.predictBatch([{ prices, texts }, { prices, texts: [] }]);
    expect(Math.abs(alone.probabilityUp - batched.probabilityUp)).toBeLessThan(1e-5);
    await predictor.dispose();
  });

  it("rejects a window of the wrong length and bad bars", async () => {
    const predictor = await MovementPredictor.load(folder);
    await expect(predictor.predict({ prices: prices.slice(1), texts })).rejects.toThrow(/^prices has 4 daily bars; send exactly the 5 trading days/);
    const broken = prices.map((bar, i) => (i === 2 ? { ...bar, high: bar.low - 1 } : bar));
    await expect(predictor.predict({ prices: broken, texts })).rejects.toThrow(/^prices\[2\] \(2015-10-28\) high is 100/);
    await predictor.dispose();
  });

  it("rejects texts from the target day and a date inside the window", async () => {
    const predictor = await MovementPredictor.load(folder);
    const late = [...texts, { time: "2015-11-02T00:00:00Z", text: "shares rose on monday" }];
    await expect(predictor.predict({ prices, texts: late, date: "2015-11-02" })).rejects.toThrow(/texts\[3\]\.time 2015-11-02T00:00:00Z is on or after the target date 2015-11-02/);
    await expect(predictor.predict({ prices, texts, date: "2015-10-30" })).rejects.toThrow(/date 2015-10-30 is not after the window's last day 2015-10-30/);
    await expect(predictor.predict({ prices, texts, date: "2015-11-02" })).resolves.toBeDefined();
    await expect(predictor.predict({ prices, texts: [{ time: "5", text: "x" }] })).rejects.toThrow(/texts\[0\]\.time "5" is not a valid date/);
    await predictor.dispose();
  });
});

describe("MovementModule training graph", () => {
  it("gradients on onnxruntime-node match eager autodiff", async () => {
    const { buildTrainingGraph, createSession, softmaxCrossEntropy, LABELS_INPUT, LOSS_OUTPUT } = await import("@finfuse/tensor");
    const windows = [encodeTextWindow(tokenizer, texts, 24), encodeTextWindow(tokenizer, [], 24)];
    const padded = padWindows(windows, tokenizer.padTokenId);
    const image = renderChart(prices, { days: 5 });
    const pixels = new Float32Array(image.data.length * 2);
    pixels.set(image.data, 0);
    pixels.set(image.data.map((value) => 1 - value), image.data.length);
    const labels = [1, 0];

    parameters.setTrainable(true);
    const eager = module.forward(new EagerOps(parameters), Tensor.from(padded.inputIds, padded.dims), Tensor.from(padded.attentionMask, padded.dims), new Tensor(pixels, [2, 3, 32, 40]));
    const eagerLoss = softmaxCrossEntropy(eager.logits, labels);
    eagerLoss.backward();

    const training = buildTrainingGraph(parameters, {
      inputs: [
        { name: "input_ids", type: "int64", shape: [...padded.dims] },
        { name: "attention_mask", type: "int64", shape: [...padded.dims] },
        { name: "pixel_values", type: "float", shape: [2, 3, 32, 40] },
      ],
      forward: (graph, inputs) => module.forward(graph, inputs.input_ids, inputs.attention_mask, inputs.pixel_values).logits,
    });
    const session = await createSession(training.bytes);
    const outputs = await session.run({
      ...Object.fromEntries(parameters.entries().map(([name, tensor]) => [name, { data: tensor.data, dims: tensor.shape }])),
      input_ids: { data: padded.inputIds, dims: padded.dims },
      attention_mask: { data: padded.attentionMask, dims: padded.dims },
      pixel_values: { data: pixels, dims: [2, 3, 32, 40] },
      [LABELS_INPUT]: { data: labels, dims: [2] },
    });
    expect((outputs[LOSS_OUTPUT].data as Float32Array)[0]).toBeCloseTo(eagerLoss.data[0], 5);
    for (const [name, tensor] of parameters.entries()) {
      const graphGrad = outputs[`grad.${name}`].data as Float32Array;
      const eagerGrad = tensor.grad ?? new Float32Array(tensor.size);
      let worst = 0;
      for (let i = 0; i < tensor.size; i++) worst = Math.max(worst, Math.abs(graphGrad[i] - eagerGrad[i]));
      expect(worst, `gradient of ${name}`).toBeLessThan(1e-4);
    }
    parameters.setTrainable(false);
    await session.dispose();
  });
});
