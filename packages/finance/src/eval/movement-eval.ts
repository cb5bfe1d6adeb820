/**
 * Evaluation of a movement model folder on StockNet through ONNX Runtime: accuracy and
 * MCC with 95% intervals from resampling target dates (stocks move together on a day, so
 * samples of one date are not independent), next to the always-up baseline.
 */
import { bootstrapByGroup } from "../metrics/bootstrap.js";
import { accuracy, mcc } from "../metrics/classification.js";
import type { StocknetSplit } from "../data/splits.js";
import { MovementPredictor } from "../movement/movement-predictor.js";
import { loadStocknetWindows, type WindowSample } from "../train/stocknet-windows.js";

export interface IntervalEstimate {
  estimate: number;
  low: number;
  high: number;
}

export interface MovementSplitScores {
  samples: number;
  upShare: number;
  accuracy: IntervalEstimate;
  mcc: IntervalEstimate;
  alwaysUpAccuracy: number;
  /** Share of samples whose window has no tweet. */
  noTextShare: number;
  /** Share of samples the model labels "up". */
  predictedUpShare: number;
}

export interface MovementEvaluation {
  dev: MovementSplitScores;
  test: MovementSplitScores;
}

export async function evaluateMovementFolder(folder: string, dataDir: string, splits: readonly StocknetSplit[] = ["dev", "test"], onnxFile?: string): Promise<MovementEvaluation> {
  const windows = await loadStocknetWindows(dataDir);
  const predictor = await MovementPredictor.load(folder, onnxFile === undefined ? {} : { onnxFile });
  try {
    const result: Partial<MovementEvaluation> = {};
    for (const split of splits) {
      if (split === "train") continue;
      result[split] = await scoreSplit(predictor, windows.filter((w) => w.sample.split === split));
    }
    return result as MovementEvaluation;
  } finally {
    await predictor.dispose();
  }
}

async function scoreSplit(predictor: MovementPredictor, windows: readonly WindowSample[]): Promise<MovementSplitScores> {
  const predicted: number[] = [];
  for (let start = 0; start < windows.length; start += 64) {
    const batch = windows.slice(start, start + 64);
    const predictions = await predictor.predictBatch(batch.map((w) => ({ prices: w.sample.window, texts: w.texts })));
    predicted.push(...predictions.map((p) => (p.label === "up" ? 1 : 0)));
  }
  const truth = windows.map((w) => w.sample.label);
  const groups = windows.map((w) => w.sample.targetDate);
  const interval = (metric: (t: readonly number[], p: readonly number[]) => number): IntervalEstimate =>
    bootstrapByGroup({ yTrue: truth, yPred: predicted, groups, metric: (t, p) => metric(Array.from(t), Array.from(p)) });
  return {
    samples: windows.length,
    upShare: truth.reduce((sum: number, label) => sum + label, 0) / truth.length,
    accuracy: interval((t, p) => accuracy(t, p)),
    mcc: interval((t, p) => mcc(t, p)),
    alwaysUpAccuracy: accuracy(truth, truth.map(() => 1)),
    noTextShare: windows.filter((w) => w.texts.length === 0).length / windows.length,
    predictedUpShare: predicted.reduce((sum, p) => sum + p, 0) / predicted.length,
  };
}
