/**
 * Writes tiny randomly initialised model folders in Hugging Face layout for tests, so the
 * loading code is tested on real ONNX files without downloading any model.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Embedding, GraphBuilder, Linear, ParameterStore, createRng, exportOnnx } from "@finfuse/tensor";
import { TextClassifierModule } from "../bert/text-classifier-module.js";
import { buildWordPieceVocab, wordPieceTokenizerConfig, wordPieceTokenizerJson } from "../tokenizer/wordpiece-vocab.js";

export const TINY_CORPUS = [
  "Operating profit rose to EUR 13.1 mn from EUR 8.7 mn.",
  "The company reported a net loss for the period.",
  "Sales were flat compared with the previous year.",
  "Shares jumped 12% after the upbeat guidance.",
];

export const TINY_LABELS = ["positive", "negative", "neutral"];

async function writeTokenizer(folder: string, maxLength: number): Promise<string[]> {
  const vocab = buildWordPieceVocab(TINY_CORPUS, { vocabSize: 300, minWordCount: 1 });
  await writeFile(join(folder, "tokenizer.json"), JSON.stringify(wordPieceTokenizerJson(vocab)));
  await writeFile(join(folder, "tokenizer_config.json"), JSON.stringify(wordPieceTokenizerConfig(maxLength)));
  return vocab;
}

function classifierConfig(vocabSize: number): Record<string, unknown> {
  return {
    model_type: "bert",
    id2label: Object.fromEntries(TINY_LABELS.map((label, id) => [String(id), label])),
    label2id: Object.fromEntries(TINY_LABELS.map((label, id) => [label, id])),
    vocab_size: vocabSize,
    max_position_embeddings: 32,
  };
}

/** Writes a FinFuse text classifier folder (inputs input_ids, attention_mask; output logits). */
export async function writeTinyClassifierFolder(folder: string, seed = 1): Promise<void> {
  await mkdir(join(folder, "onnx"), { recursive: true });
  const vocab = await writeTokenizer(folder, 32);
  const parameters = new ParameterStore();
  const model = new TextClassifierModule({ vocabSize: vocab.length, maxPositions: 32, width: 16, layers: 1, heads: 2, feedForwardWidth: 32, dropoutRate: 0 }, 3);
  model.initialize(parameters, createRng(seed));
  const graph = new GraphBuilder(parameters);
  model.buildGraph(graph);
  await writeFile(join(folder, "onnx", "model.onnx"), exportOnnx(graph, { graphName: "tiny" }));
  await writeFile(join(folder, "config.json"), JSON.stringify(classifierConfig(vocab.length)));
}

/**
 * Writes a folder shaped like a Hugging Face BERT export: inputs input_ids, attention_mask and
 * token_type_ids; outputs logits and last_hidden_state. The network itself is a token
 * plus segment embedding and a linear head, enough to test how inputs are fed.
 */
export async function writeHfStyleFolder(folder: string): Promise<void> {
  await mkdir(join(folder, "onnx"), { recursive: true });
  const vocab = await writeTokenizer(folder, 32);
  const parameters = new ParameterStore();
  const rng = createRng(3);
  const tokens = new Embedding("embeddings.word", vocab.length, 8);
  const segments = new Embedding("embeddings.token_type", 2, 8);
  const head = new Linear("classifier", 8, 3);
  for (const module of [tokens, segments, head]) module.initialize(parameters, rng, 0.5);
  const graph = new GraphBuilder(parameters);
  const inputIds = graph.input("input_ids", "int64", ["batch", "sequence"]);
  graph.input("attention_mask", "int64", ["batch", "sequence"]);
  const tokenTypes = graph.input("token_type_ids", "int64", ["batch", "sequence"]);
  const hidden = graph.add(tokens.forward(graph, inputIds), segments.forward(graph, tokenTypes));
  graph.output(hidden, "last_hidden_state", ["batch", "sequence", 8]);
  graph.output(head.forward(graph, graph.squeeze(graph.meanAxis(hidden, 1), 1)), "logits", ["batch", 3]);
  await writeFile(join(folder, "onnx", "model.onnx"), exportOnnx(graph, { graphName: "hf-style" }));
  await writeFile(join(folder, "config.json"), JSON.stringify(classifierConfig(vocab.length)));
}
