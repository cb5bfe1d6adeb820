import { describe, expect, it } from "vitest";
import { TextTokenizer } from "./tokenizer.js";
import { SPECIAL_TOKENS, buildWordPieceVocab, preTokenize, wordPieceTokenizerConfig, wordPieceTokenizerJson } from "./wordpiece-vocab.js";

describe("buildWordPieceVocab", () => {
  const corpus = ["Profit rose, profit fell.", "Profits rising; revenue rose!", "Net sales rose 5%."];

  it("starts with the special tokens in order", () => {
    const vocab = buildWordPieceVocab(corpus, { vocabSize: 100, minWordCount: 1 });
    expect(vocab.slice(0, SPECIAL_TOKENS.length)).toEqual([...SPECIAL_TOKENS]);
  });

  it("respects the size and keeps every character", () => {
    const vocab = buildWordPieceVocab(corpus, { vocabSize: 60, minWordCount: 1 });
    expect(vocab.length).toBeLessThanOrEqual(60);
    for (const char of "profitsenaulv%") expect(vocab).toContain(char);
    expect(new Set(vocab).size).toBe(vocab.length);
  });

  it("pre-tokenises punctuation as separate words", () => {
    expect(preTokenize("Profit rose, 5%!")).toEqual(["profit", "rose", ",", "5", "%", "!"]);
  });

  it("round-trips through the tokenizer.json loader", () => {
    const vocab = buildWordPieceVocab(corpus, { vocabSize: 100, minWordCount: 1, keepWords: ["AT_USER"] });
    const tokenizer = TextTokenizer.fromJson(wordPieceTokenizerJson(vocab), wordPieceTokenizerConfig(16));
    const { tokens } = tokenizer.encode("Profit rose lessons", 16);
    expect(tokens[0]).toBe("[CLS]");
    expect(tokens).toContain("profit");
    expect(tokens).toContain("rose");
    // "lessons" is not a whole word in the vocabulary, so it is spelled with pieces.
    expect(tokens.some((token) => token.startsWith("##"))).toBe(true);
    expect(tokens.at(-1)).toBe("[SEP]");
    expect(tokenizer.tokenId("at_user")).toBeDefined();
  });

  it("rejects an empty batch", () => {
    const tokenizer = TextTokenizer.fromJson(wordPieceTokenizerJson(buildWordPieceVocab(corpus, { vocabSize: 50 })), {});
    expect(() => tokenizer.encodeBatch([], { maxLength: 8 })).toThrow(/the batch is empty/);
  });
});
