/**
 * Test-split evaluation of a sentiment model folder on Financial PhraseBank, through
 * ONNX Runtime (the shipped artifact, not the training weights): accuracy and macro F1
 * on all sentences and on the test sentences all annotators agreed on.
 */
import { join } from "node:path";
import { SENTIMENT_LABELS, dedupePhrasebank, readPhrasebank, splitPhrasebank, type PhrasebankRow } from "../data/phrasebank.js";
import { accuracy, macroF1 } from "../metrics/classification.js";
import { SentimentModel } from "../sentiment/sentiment-model.js";

export interface SentimentScores {
  rows: number;
  accuracy: number;
  macroF1: number;
  /** Accuracy of always answering the most frequent training label. */
  majorityAccuracy: number;
}

export interface SentimentEvaluation {
  all: SentimentScores;
  allAgree: SentimentScores;
}

export async function evaluateSentimentFolder(folder: string, dataDir: string, seed = 42): Promise<SentimentEvaluation> {
  const phrasebankDir = join(dataDir, "financial-phrasebank");
  const splits = splitPhrasebank(dedupePhrasebank((await readPhrasebank(phrasebankDir, "50")).rows).rows, seed);
  const allAgreeTexts = new Set((await readPhrasebank(phrasebankDir, "All")).rows.map((row) => row.text.trim()));
  const majority = mostFrequentLabel(splits.train);
  const model = await SentimentModel.load(folder);
  try {
    const score = async (rows: readonly PhrasebankRow[]): Promise<SentimentScores> => {
      const predicted: number[] = [];
      for (let start = 0; start < rows.length; start += 128) {
        const results = await model.classify(rows.slice(start, start + 128).map((row) => row.text));
        predicted.push(...results.map((result) => SENTIMENT_LABELS.indexOf(result.label)));
      }
      const truth = rows.map((row) => SENTIMENT_LABELS.indexOf(row.label));
      return {
        rows: rows.length,
        accuracy: accuracy(truth, predicted),
        macroF1: macroF1(truth, predicted, SENTIMENT_LABELS.length),
        majorityAccuracy: accuracy(truth, truth.map(() => SENTIMENT_LABELS.indexOf(majority))),
      };
    };
    return {
      all: await score(splits.test),
      allAgree: await score(splits.test.filter((row) => allAgreeTexts.has(row.text.trim()))),
    };
  } finally {
    await model.dispose();
  }
}

function mostFrequentLabel(rows: readonly PhrasebankRow[]): PhrasebankRow["label"] {
  const counts = new Map<PhrasebankRow["label"], number>();
  for (const row of rows) counts.set(row.label, (counts.get(row.label) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
}
