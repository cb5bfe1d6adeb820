import { describe, expect, it } from "vitest";
import { ParameterStore } from "@finfuse/tensor";
import { TextTokenizer, buildWordPieceVocab, wordPieceTokenizerConfig, wordPieceTokenizerJson } from "@finfuse/text";
import { pretrainTextEncoder } from "./pretrain-text.js";

const lines = Array.from({ length: 200 }, (_, i) =>
  ["revenue grew in the quarter", "operating margin improved", "we expect growth next year", "cash flow was strong"][i % 4] + ` item ${i % 7}`);

describe("pretrainTextEncoder", () => {
  it("lowers the masked-token loss and trains the encoder weights", async () => {
    const vocab = buildWordPieceVocab(lines, { vocabSize: 120, minWordCount: 1 });
    const tokenizer = TextTokenizer.fromJson(wordPieceTokenizerJson(vocab), wordPieceTokenizerConfig(16));
    const parameters = new ParameterStore();
    const config = { vocabSize: vocab.length, maxPositions: 16, width: 16, layers: 1, heads: 2, feedForwardWidth: 32, dropoutRate: 0 };
    const report = await pretrainTextEncoder(parameters, {
      lines, tokenizer, config, steps: 60, batchSize: 8, sequence: 16, learningRate: 3e-3, seed: 1, showProgress: false, log: () => {},
    });
    expect(report.steps).toBe(60);
    expect(report.lastLoss).toBeLessThan(report.firstLoss * 0.8);
    expect(parameters.names().filter((name) => name.startsWith("text.")).length).toBeGreaterThan(10);
    expect(parameters.has("mlm.decoder.weight")).toBe(true);
  });

  it("rejects a corpus shorter than one sequence", async () => {
    const vocab = buildWordPieceVocab(["tiny"], { vocabSize: 40, minWordCount: 1 });
    const tokenizer = TextTokenizer.fromJson(wordPieceTokenizerJson(vocab), wordPieceTokenizerConfig(16));
    const config = { vocabSize: vocab.length, maxPositions: 16, width: 8, layers: 1, heads: 2, feedForwardWidth: 16, dropoutRate: 0 };
    await expect(pretrainTextEncoder(new ParameterStore(), {
      lines: ["tiny"], tokenizer, config, steps: 1, batchSize: 2, sequence: 16, learningRate: 1e-3, seed: 1, showProgress: false, log: () => {},
    })).rejects.toThrow(/fewer than 15 tokens/);
  });
});
