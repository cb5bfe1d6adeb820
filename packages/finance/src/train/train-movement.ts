/**
 * Trains the default movement model on StockNet's train split (tweets of the lag window
 * fused with the window's chart), picks the epoch by dev MCC, exports it in Hugging Face
 * layout, and measures dev and test once through onnxruntime-node.
 */
import { join } from "node:path";
import { GraphBuilder, ParameterStore, Tensor, createRng, exportOnnx, type EagerOps } from "@finfuse/tensor";
import { TextTokenizer, buildWordPieceVocab, padTokenRows, wordPieceTokenizerConfig, wordPieceTokenizerJson } from "@finfuse/text";
import { renderChart } from "@finfuse/vision";
import { MovementModule, type MovementModelConfig } from "../movement/movement-module.js";
import type { MovementFolderConfig } from "../movement/movement-predictor.js";
import { encodeTextWindow, padWindows, type EncodedWindow } from "../movement/text-window.js";
import { mcc } from "../metrics/classification.js";
import { STOCKNET_LAG_DAYS } from "../data/stocknet-protocol.js";
import { evaluateMovementFolder } from "../eval/movement-eval.js";
import { loadStocknetWindows, type WindowSample } from "./stocknet-windows.js";
import { writeModelFolder } from "./model-folder.js";
import { movementCard } from "./movement-card.js";
import { predictClasses, predictClassesOnnx, trainClassifier, type GraphTraining, type TrainingEngine } from "./trainer.js";

export interface MovementTrainOptions {
  dataDir: string;
  outDir: string;
  epochs: number;
  seed: number;
  showProgress: boolean;
  log: (line: string) => void;
  maxTrainRows?: number;
  engine: TrainingEngine;
  /** Folder for per-epoch checkpoints; a run resumes from the checkpoint it finds there. */
  checkpointDir?: string;
  /** The command line that ran this training, recorded in the model card. */
  command: string;
  learningRate?: number;
}

/** Token lengths of training batches are rounded up to a multiple of this, so few graphs are compiled. */
const SEQUENCE_BUCKET = 16;

const WIDTH = 48;
export const MOVEMENT_SETTINGS: MovementFolderConfig = {
  maxTextTokens: 64,
  chart: { dayWidth: 8, height: 32, priceHeight: 24, days: STOCKNET_LAG_DAYS },
  model: {
    text: { vocabSize: 8000, maxPositions: 64, width: WIDTH, layers: 1, heads: 4, feedForwardWidth: 96, dropoutRate: 0.1 },
    vision: { imageHeight: 32, dayWidth: 8, maxDays: STOCKNET_LAG_DAYS, width: WIDTH, layers: 1, heads: 4, feedForwardWidth: 96, dropoutRate: 0.1 },
    fusion: { layers: 1, width: WIDTH, heads: 4, feedForwardWidth: 96, dropoutRate: 0.1 },
  },
};

interface EncodedSample {
  window: EncodedWindow;
  source: WindowSample;
  label: number;
}

export async function trainMovement(options: MovementTrainOptions): Promise<void> {
  const { log } = options;
  const all = await loadStocknetWindows(options.dataDir);
  const train = all.filter((w) => w.sample.split === "train").slice(0, options.maxTrainRows);
  const dev = all.filter((w) => w.sample.split === "dev");
  log(`stocknet: ${train.length} train and ${dev.length} dev samples`);

  // Vocabulary from each train tweet once (a tweet belongs to up to 7 windows).
  const trainTweets = new Set<string>();
  for (const w of train) for (const text of w.texts) trainTweets.add(`${w.sample.ticker}\u0000${text.time}\u0000${text.text}`);
  const settings: MovementFolderConfig = structuredClone(MOVEMENT_SETTINGS);
  const vocab = buildWordPieceVocab([...trainTweets].map((key) => key.split("\u0000")[2]), {
    vocabSize: settings.model.text.vocabSize, minWordCount: 3, keepWords: ["AT_USER", "URL"],
  });
  settings.model.text.vocabSize = vocab.length;
  const tokenizerJson = wordPieceTokenizerJson(vocab);
  const tokenizerConfig = wordPieceTokenizerConfig(settings.maxTextTokens);
  const tokenizer = TextTokenizer.fromJson(tokenizerJson, tokenizerConfig);
  log(`vocabulary: ${vocab.length} tokens from ${trainTweets.size} train tweets`);

  const encode = (windows: readonly WindowSample[]): EncodedSample[] =>
    windows.map((source) => ({ source, label: source.sample.label, window: encodeTextWindow(tokenizer, source.texts, settings.maxTextTokens) }));
  const trainRows = encode(train);
  const devRows = encode(dev);

  const learningRate = options.learningRate ?? 1e-3;
  const parameters = new ParameterStore();
  const model = new MovementModule(settings.model);
  model.initialize(parameters, createRng(options.seed));
  log(`model: ${parameters.count()} parameters`);
  const forward = (ops: EagerOps, batch: readonly EncodedSample[]): Tensor => {
    const tokens = padWindows(batch.map((row) => row.window), tokenizer.padTokenId);
    const pixels = chartBatch(batch.map((row) => row.source), settings);
    return model.forward(ops, Tensor.from(tokens.inputIds, tokens.dims), Tensor.from(tokens.attentionMask, tokens.dims), pixels).logits;
  };
  const graphTraining: GraphTraining<EncodedSample> = {
    inputTypes: { input_ids: "int64", attention_mask: "int64", pixel_values: "float" },
    forward: (training, inputs) => model.forward(training, inputs.input_ids, inputs.attention_mask, inputs.pixel_values).logits,
    feeds: (batch) => {
      const tokens = padTokenRows(batch.map((row) => row.window.ids), tokenizer.padTokenId, SEQUENCE_BUCKET);
      const pixels = chartBatch(batch.map((row) => row.source), settings);
      return {
        input_ids: { data: tokens.inputIds, dims: tokens.dims },
        attention_mask: { data: tokens.attentionMask, dims: tokens.dims },
        pixel_values: { data: pixels.data, dims: pixels.shape },
      };
    },
  };
  const report = await trainClassifier({
    name: "movement", parameters, train: trainRows, forward, label: (row) => row.label, lengthOf: (row) => row.window.ids.length,
    engine: options.engine, graph: graphTraining,
    checkpointPath: options.checkpointDir === undefined ? undefined : join(options.checkpointDir, "movement.checkpoint.safetensors"),
    epochs: options.epochs, batchSize: 32, learningRate, seed: options.seed, showProgress: options.showProgress, log,
    evaluateDev: async () => {
      const predicted = options.engine === "onnxruntime"
        ? await predictClassesOnnx(parameters, (graph) => model.buildGraph(graph), devRows, 128, graphTraining.feeds)
        : predictClasses(parameters, devRows, 128, forward);
      return mcc(devRows.map((row) => row.label), predicted);
    },
  });
  log(`movement: best dev MCC ${report.bestDevScore.toFixed(4)} at epoch ${report.bestEpoch}, ${report.seconds.toFixed(0)} s`);

  const exportGraph = (quantizeWeights?: "int8"): Uint8Array => {
    const graph = new GraphBuilder(parameters, { quantizeWeights });
    model.buildGraph(graph);
    return exportOnnx(graph, { graphName: "finfuse-movement-mini", docString: "FinFuse stock movement model: tweets fused with the lag window's chart" });
  };
  const onnx = exportGraph();
  const onnxQuantized = exportGraph("int8");
  const folder = join(options.outDir, "finfuse-movement-mini");
  const config = movementConfig(settings, tokenizer.padTokenId);
  const files = { config, tokenizer: tokenizerJson, tokenizerConfig, onnx, onnxQuantized };
  await writeModelFolder(folder, { ...files, card: "", metrics: {} });
  const evaluation = await evaluateMovementFolder(folder, options.dataDir);
  const quantizedEvaluation = await evaluateMovementFolder(folder, options.dataDir, ["dev", "test"], "onnx/model_quantized.onnx");
  const metrics = {
    command: options.command,
    training: { ...report, parameters: parameters.count(), trainRows: trainRows.length, epochs: options.epochs, engine: options.engine, seed: options.seed, learningRate },
    evaluation,
    quantizedEvaluation,
    sizes: { onnxBytes: onnx.length, quantizedBytes: onnxQuantized.length },
  };
  await writeModelFolder(folder, { ...files, card: movementCard(metrics), metrics });
  log(`movement: test accuracy ${evaluation.test.accuracy.estimate.toFixed(4)}, MCC ${evaluation.test.mcc.estimate.toFixed(4)}; written to ${folder}`);
}

function chartBatch(windows: readonly WindowSample[], settings: MovementFolderConfig): Tensor {
  const { chart } = settings;
  const images = windows.map((w) => renderChart(w.sample.window, { dayWidth: chart.dayWidth, height: chart.height, priceHeight: chart.priceHeight, days: chart.days }));
  const size = images[0].data.length;
  const data = new Float32Array(size * images.length);
  images.forEach((image, i) => data.set(image.data, i * size));
  return new Tensor(data, [images.length, 3, images[0].height, images[0].width]);
}

function movementConfig(settings: MovementFolderConfig, padTokenId: number): Record<string, unknown> {
  const { text } = settings.model;
  return {
    model_type: "finfuse-movement",
    architectures: ["FinFuseMovementModel"],
    id2label: { "0": "down", "1": "up" },
    label2id: { down: 0, up: 1 },
    vocab_size: text.vocabSize,
    max_position_embeddings: text.maxPositions,
    hidden_size: text.width,
    pad_token_id: padTokenId,
    finfuse: settings,
  };
}

export type { MovementModelConfig };
