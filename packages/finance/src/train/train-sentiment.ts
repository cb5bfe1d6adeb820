/**
 * Trains the default sentiment model on Financial PhraseBank: all sentences with 50%
 * agreement or more, duplicates removed, split as FinBERT did (20% test, then 20% of the
 * rest dev). It picks the epoch by dev accuracy, exports the model in Hugging Face layout,
 * and measures the test split once through onnxruntime-node.
 */
import { GraphBuilder, ParameterStore, Tensor, createRng, exportOnnx, type EagerOps } from "@finfuse/tensor";
import { TextClassifierModule, TextTokenizer, buildWordPieceVocab, padTokenRows, wordPieceTokenizerConfig, wordPieceTokenizerJson, type TextEncoderConfig } from "@finfuse/text";
import { SENTIMENT_LABELS, dedupePhrasebank, readPhrasebank, splitPhrasebank, type PhrasebankRow } from "../data/phrasebank.js";
import { readEctsumTrainLines } from "./ectsum-corpus.js";
import { pretrainTextEncoder, type PretrainReport } from "./pretrain-text.js";
import { writeModelFolder } from "./model-folder.js";
import { predictClasses, predictClassesOnnx, trainClassifier, type GraphTraining, type TrainingEngine } from "./trainer.js";

/** Sequence lengths of training batches are rounded up to a multiple of this, so few graphs are compiled. */
const SEQUENCE_BUCKET = 16;
import { accuracy } from "../metrics/classification.js";
import { sentimentCard } from "./model-cards.js";
import { evaluateSentimentFolder } from "../eval/sentiment-eval.js";
import { join } from "node:path";

export interface SentimentTrainOptions {
  dataDir: string;
  outDir: string;
  epochs: number;
  seed: number;
  showProgress: boolean;
  log: (line: string) => void;
  /** Limits the training rows, for smoke tests. */
  maxTrainRows?: number;
  engine: TrainingEngine;
  /** Folder for per-epoch checkpoints; a run resumes from the checkpoint it finds there. */
  checkpointDir?: string;
  /** The command line that ran this training, recorded in the model card. */
  command: string;
  /** Masked-language-model steps on the ECTSum training transcripts before fine-tuning; 0 skips pretraining. */
  pretrainSteps: number;
}

export const SENTIMENT_MODEL_CONFIG: TextEncoderConfig = {
  vocabSize: 8000, maxPositions: 64, width: 64, layers: 2, heads: 4, feedForwardWidth: 128, dropoutRate: 0.1,
};

interface EncodedRow {
  ids: number[];
  label: number;
}

export async function trainSentiment(options: SentimentTrainOptions): Promise<void> {
  const { log } = options;
  const read = await readPhrasebank(join(options.dataDir, "financial-phrasebank"), "50");
  const deduped = dedupePhrasebank(read.rows);
  const splits = splitPhrasebank(deduped.rows, options.seed);
  const train = splits.train.slice(0, options.maxTrainRows);
  log(`phrasebank: ${read.rows.length} rows, ${deduped.removedDuplicates} duplicates and ${deduped.removedConflicts} conflicting removed; train ${train.length}, dev ${splits.dev.length}, test ${splits.test.length}`);

  const ectsum = await readEctsumTrainLines(options.dataDir, options.maxTrainRows === undefined ? Infinity : 20);
  if (options.pretrainSteps > 0 && options.engine !== "onnxruntime") {
    throw new Error("pretraining runs on the onnxruntime engine only; pass --pretrain-steps 0 with --engine eager");
  }
  const config = SENTIMENT_MODEL_CONFIG;
  const vocab = buildWordPieceVocab([...train.map((row) => row.text), ...ectsum], { vocabSize: config.vocabSize, minWordCount: 3 });
  const tokenizerJson = wordPieceTokenizerJson(vocab);
  const tokenizerConfig = wordPieceTokenizerConfig(config.maxPositions);
  const tokenizer = TextTokenizer.fromJson(tokenizerJson, tokenizerConfig);
  log(`vocabulary: ${vocab.length} tokens from ${train.length} sentences and ${ectsum.length} ECTSum lines`);

  const encode = (rows: readonly PhrasebankRow[]): EncodedRow[] =>
    rows.map((row) => ({ ids: tokenizer.encode(row.text, config.maxPositions).ids, label: SENTIMENT_LABELS.indexOf(row.label) }));
  const trainRows = encode(train);
  const devRows = encode(splits.dev);

  const encoderConfig = { ...config, vocabSize: vocab.length };
  let pretraining: PretrainReport | undefined;
  const pretrained = new ParameterStore();
  if (options.pretrainSteps > 0) {
    pretraining = await pretrainTextEncoder(pretrained, {
      lines: ectsum, tokenizer, config: encoderConfig, steps: options.pretrainSteps, batchSize: 32, sequence: config.maxPositions,
      learningRate: 1e-3, seed: options.seed, showProgress: options.showProgress, log,
    });
    log(`pretraining: loss ${pretraining.firstLoss.toFixed(3)} -> ${pretraining.lastLoss.toFixed(3)} over ${pretraining.steps} steps, ${pretraining.seconds.toFixed(0)} s`);
  }

  const parameters = new ParameterStore();
  const model = new TextClassifierModule(encoderConfig, SENTIMENT_LABELS.length);
  model.initialize(parameters, createRng(options.seed));
  // The classifier's encoder has the masked language model's parameter names, so the pretrained weights carry over by name.
  for (const [name, tensor] of pretrained.entries()) if (name.startsWith("text.")) parameters.load(name, tensor.data, tensor.shape);
  log(`model: ${parameters.count()} parameters`);
  const forward = (ops: EagerOps, batch: readonly EncodedRow[]): Tensor => {
    const { ids, mask } = padBatch(batch.map((row) => row.ids), tokenizer.padTokenId);
    return model.forward(ops, ids, mask);
  };
  const graphTraining: GraphTraining<EncodedRow> = {
    inputTypes: { input_ids: "int64", attention_mask: "int64" },
    forward: (training, inputs) => model.forward(training, inputs.input_ids, inputs.attention_mask),
    feeds: (batch) => {
      const padded = padTokenRows(batch.map((row) => row.ids), tokenizer.padTokenId, SEQUENCE_BUCKET);
      return { input_ids: { data: padded.inputIds, dims: padded.dims }, attention_mask: { data: padded.attentionMask, dims: padded.dims } };
    },
  };
  const report = await trainClassifier({
    name: "sentiment", parameters, train: trainRows, forward, label: (row) => row.label, lengthOf: (row) => row.ids.length,
    engine: options.engine, graph: graphTraining,
    checkpointPath: options.checkpointDir === undefined ? undefined : join(options.checkpointDir, "sentiment.checkpoint.safetensors"),
    epochs: options.epochs, batchSize: 32, learningRate: 1e-3, seed: options.seed, showProgress: options.showProgress, log,
    evaluateDev: async () => {
      const predicted = options.engine === "onnxruntime"
        ? await predictClassesOnnx(parameters, (graph) => model.buildGraph(graph), devRows, 128, graphTraining.feeds)
        : predictClasses(parameters, devRows, 64, forward);
      return accuracy(devRows.map((row) => row.label), predicted);
    },
  });
  log(`sentiment: best dev accuracy ${report.bestDevScore.toFixed(4)} at epoch ${report.bestEpoch}, ${report.seconds.toFixed(0)} s`);

  const exportGraph = (quantizeWeights?: "int8"): Uint8Array => {
    const graph = new GraphBuilder(parameters, { quantizeWeights });
    model.buildGraph(graph);
    return exportOnnx(graph, { graphName: "finfuse-sentiment-mini", docString: "FinFuse news sentiment classifier" });
  };
  const onnx = exportGraph();
  const onnxQuantized = exportGraph("int8");
  const folder = join(options.outDir, "finfuse-sentiment-mini");
  const modelConfig = {
    model_type: "finfuse-text",
    architectures: ["FinFuseTextClassifier"],
    id2label: Object.fromEntries(SENTIMENT_LABELS.map((label, id) => [String(id), label])),
    label2id: Object.fromEntries(SENTIMENT_LABELS.map((label, id) => [label, id])),
    vocab_size: vocab.length, max_position_embeddings: config.maxPositions, hidden_size: config.width,
    num_hidden_layers: config.layers, num_attention_heads: config.heads, intermediate_size: config.feedForwardWidth,
    pad_token_id: tokenizer.padTokenId,
    finfuse: { textEncoder: { ...config, vocabSize: vocab.length } },
  };
  const files = { config: modelConfig, tokenizer: tokenizerJson, tokenizerConfig, onnx, onnxQuantized };
  await writeModelFolder(folder, { ...files, card: "", metrics: {} });
  const evaluation = await evaluateSentimentFolder(folder, options.dataDir, options.seed);
  const quantized = await evaluateSentimentFolder(folder, options.dataDir, options.seed, "onnx/model_quantized.onnx");
  const metrics = {
    command: options.command,
    training: { ...report, parameters: parameters.count(), trainRows: train.length, devRows: devRows.length, epochs: options.epochs, engine: options.engine, seed: options.seed },
    pretraining,
    test: evaluation,
    quantizedTest: quantized,
    sizes: { onnxBytes: onnx.length, quantizedBytes: onnxQuantized.length },
  };
  await writeModelFolder(folder, { ...files, card: sentimentCard(metrics), metrics });
  log(`sentiment: test accuracy ${evaluation.all.accuracy.toFixed(4)}, macro F1 ${evaluation.all.macroF1.toFixed(4)}; written to ${folder}`);
}

/** Pads token id rows into [B, T] id and mask tensors. */
export function padBatch(rows: readonly number[][], padId: number): { ids: Tensor; mask: Tensor } {
  const padded = padTokenRows(rows, padId);
  return { ids: Tensor.from(padded.inputIds, padded.dims), mask: Tensor.from(padded.attentionMask, padded.dims) };
}
