import { mkdtemp, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EagerOps, GraphBuilder, ModelLoadError, ParameterStore, Tensor, createRng, createSession, exportOnnx } from "@finfuse/tensor";
import { TextClassifier } from "./text-classifier.js";
import { TextEncoderSession } from "./text-encoder-session.js";
import { TextClassifierModule } from "./bert/text-classifier-module.js";
import { TINY_CORPUS, TINY_LABELS, writeHfStyleFolder, writeTinyClassifierFolder } from "./test-support/tiny-folders.js";

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "finfuse-text-"));
  await writeTinyClassifierFolder(join(root, "tiny"));
  await writeHfStyleFolder(join(root, "hf"));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("TextClassifier", () => {
  it("returns one normalised result per text", async () => {
    const classifier = await TextClassifier.load(join(root, "tiny"));
    const results = await classifier.classify(TINY_CORPUS);
    expect(results).toHaveLength(TINY_CORPUS.length);
    for (const result of results) {
      const values = Object.values(result.probabilities);
      expect(values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
      expect(TINY_LABELS).toContain(result.label);
      expect(result.probabilities[result.label]).toBe(Math.max(...values));
    }
    await classifier.dispose();
  });

  it("gives a text the same result alone and in a padded batch", async () => {
    const classifier = await TextClassifier.load(join(root, "tiny"));
    const [alone] = await classifier.classify([TINY_CORPUS[1]]);
    const batch = await classifier.classify(["A much longer sentence that forces padding of the shorter ones in this batch.", TINY_CORPUS[1]]);
    for (const label of TINY_LABELS) expect(batch[1].probabilities[label]).toBeCloseTo(alone.probabilities[label], 5);
    await classifier.dispose();
  });

  it("wraps each row in [CLS] and [SEP]", async () => {
    const classifier = await TextClassifier.load(join(root, "tiny"));
    const encoded = classifier.tokenizer.encodeBatch([TINY_CORPUS[0]], { maxLength: 32 });
    expect(encoded.tokens[0][0]).toBe("[CLS]");
    expect(encoded.tokens[0].at(-1)).toBe("[SEP]");
    expect(encoded.attentionMask.every((value) => value === 1)).toBe(true);
    await classifier.dispose();
  });

  it("feeds token_type_ids to Hugging Face style exports", async () => {
    const classifier = await TextClassifier.load(join(root, "hf"));
    const results = await classifier.classify(["Sales were flat."]);
    expect(Object.keys(results[0].probabilities)).toEqual(TINY_LABELS);
    await classifier.dispose();
    const encoder = await TextEncoderSession.load(join(root, "hf"));
    const output = await encoder.encode(["Sales were flat.", "Shares jumped."]);
    expect(output.dims[0]).toBe(2);
    expect(output.dims[2]).toBe(8);
    await encoder.dispose();
  });

  it("rejects empty, blank and oversized input", async () => {
    const classifier = await TextClassifier.load(join(root, "tiny"));
    await expect(classifier.classify(["ok", "  "])).rejects.toThrow(/texts\[1\] is " {2}"/);
    await expect(classifier.classify(["x".repeat(100_001)])).rejects.toThrow(/over the limit of 100000/);
    await expect(classifier.classify(new Array(100_001).fill("a"))).rejects.toThrow(/100001 texts are over the limit/);
    await classifier.dispose();
  });

  it("classifies more texts than one model batch", async () => {
    const classifier = await TextClassifier.load(join(root, "tiny"));
    const texts = Array.from({ length: 150 }, (_, i) => TINY_CORPUS[i % TINY_CORPUS.length]);
    const results = await classifier.classify(texts);
    expect(results).toHaveLength(150);
    expect(results[149].probabilities).toEqual(results[1].probabilities);
    await classifier.dispose();
  });

  it("truncates long texts to the model's positions", async () => {
    const classifier = await TextClassifier.load(join(root, "tiny"));
    const long = Array.from({ length: 200 }, () => "profit").join(" ");
    const [result] = await classifier.classify([long]);
    expect(result.label).toBeDefined();
    const encoded = classifier.tokenizer.encodeBatch([long], { maxLength: classifier.maxLength });
    expect(encoded.dims[1]).toBe(32);
    expect(encoded.tokens[0].at(-1)).toBe("[SEP]");
    await classifier.dispose();
  });
});

describe("model folder errors", () => {
  it("names a missing folder", async () => {
    await expect(TextClassifier.load(join(root, "absent"))).rejects.toThrow(ModelLoadError);
    await expect(TextClassifier.load(join(root, "absent"))).rejects.toThrow(/config\.json: the file is missing/);
  });

  it("names a truncated ONNX file", async () => {
    const folder = join(root, "truncated");
    await writeTinyClassifierFolder(folder);
    await truncate(join(folder, "onnx", "model.onnx"), 2000);
    await expect(TextClassifier.load(folder)).rejects.toThrow(/model\.onnx|<bytes>/);
    await expect(TextClassifier.load(folder)).rejects.toThrow(/truncated or corrupt|could not load/);
  });

  it("names invalid JSON in config.json", async () => {
    const folder = join(root, "badjson");
    await writeTinyClassifierFolder(folder);
    await writeFile(join(folder, "config.json"), "{ not json");
    await expect(TextClassifier.load(folder)).rejects.toThrow(/config\.json: invalid JSON/);
  });

  it("rejects a classifier without id2label", async () => {
    const folder = join(root, "nolabels");
    await writeTinyClassifierFolder(folder);
    await writeFile(join(folder, "config.json"), JSON.stringify({ model_type: "bert" }));
    await expect(TextClassifier.load(folder)).rejects.toThrow(/no id2label/);
  });
});

describe("eager and ONNX agree", () => {
  it("classifier logits within 1e-4", async () => {
    const parameters = new ParameterStore();
    const module = new TextClassifierModule({ vocabSize: 50, maxPositions: 16, width: 16, layers: 2, heads: 4, feedForwardWidth: 32, dropoutRate: 0 }, 3);
    module.initialize(parameters, createRng(9));
    const rng = createRng(10);
    for (const [, tensor] of parameters.entries()) for (let i = 0; i < tensor.size; i++) tensor.data[i] += rng.normal() * 0.1;
    const ids = Tensor.from([2, 7, 9, 11, 3, 0, 2, 5, 3, 0, 0, 0], [2, 6]);
    const mask = Tensor.from([1, 1, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0], [2, 6]);
    const expected = module.forward(new EagerOps(parameters), ids, mask);
    const graph = new GraphBuilder(parameters);
    module.buildGraph(graph);
    const session = await createSession(exportOnnx(graph, { graphName: "parity" }));
    const out = await session.run({ input_ids: { data: ids.data, dims: ids.shape }, attention_mask: { data: mask.data, dims: mask.shape } });
    const logits = out.logits.data as Float32Array;
    for (let i = 0; i < logits.length; i++) expect(Math.abs(logits[i] - expected.data[i])).toBeLessThan(1e-4);
    await session.dispose();
  });
});
