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
  /** Recall of each label, in SENTIMENT_LABELS order. */
  recall: Record<string, number>;
  /** Expected calibration error of the top probability over 10 equal-width bins. */
  calibrationError: number;
  /** Accuracy of always predicting the most frequent training label. */
  majorityAccuracy: number;
}

export interface SentimentEvaluation {
  all: SentimentScores;
  allAgree: SentimentScores;
}

export async function evaluateSentimentFolder(folder: string, dataDir: string, seed = 42, onnxFile?: string): Promise<SentimentEvaluation> {
  const phrasebankDir = join(dataDir, "financial-phrasebank");
  const splits = splitPhrasebank(dedupePhrasebank((await readPhrasebank(phrasebankDir, "50")).rows).rows, seed);
  const allAgreeTexts = new Set((await readPhrasebank(phrasebankDir, "All")).rows.map((row) => row.text.trim()));
  const majority = mostFrequentLabel(splits.train);
  const model = await SentimentModel.load(folder, onnxFile === undefined ? {} : { onnxFile });
  try {
    const score = async (rows: readonly PhrasebankRow[]): Promise<SentimentScores> => {
      const results = await model.classify(rows.map((row) => row.text));
      const predicted = results.map((result) => SENTIMENT_LABELS.indexOf(result.label));
      const truth = rows.map((row) => SENTIMENT_LABELS.indexOf(row.label));
      const confidence = results.map((result) => result.probabilities[result.label]);
      return {
        rows: rows.length,
        accuracy: accuracy(truth, predicted),
        macroF1: macroF1(truth, predicted, SENTIMENT_LABELS.length),
        recall: Object.fromEntries(SENTIMENT_LABELS.map((label, c) => {
          const members = truth.map((t, i) => [t, i] as const).filter(([t]) => t === c);
          return [label, members.filter(([, i]) => predicted[i] === c).length / Math.max(1, members.length)];
        })),
        calibrationError: expectedCalibrationError(confidence, predicted.map((p, i) => p === truth[i])),
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

/** Mean gap between confidence and accuracy over 10 equal-width confidence bins, weighted by bin size. */
export function expectedCalibrationError(confidence: readonly number[], correct: readonly boolean[]): number {
  const bins = Array.from({ length: 10 }, () => ({ count: 0, confidence: 0, correct: 0 }));
  confidence.forEach((value, i) => {
    const bin = bins[Math.min(9, Math.floor(value * 10))];
    bin.count++;
    bin.confidence += value;
    bin.correct += correct[i] ? 1 : 0;
  });
  return bins.reduce((sum, bin) => (bin.count === 0 ? sum : sum + (Math.abs(bin.confidence - bin.correct) / confidence.length)), 0);
}

function mostFrequentLabel(rows: readonly PhrasebankRow[]): PhrasebankRow["label"] {
  const counts = new Map<PhrasebankRow["label"], number>();
  for (const row of rows) counts.set(row.label, (counts.get(row.label) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
}
