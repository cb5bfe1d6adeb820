/**
 * Percentile bootstrap intervals that resample whole groups of examples. Stocks move
 * together on the same day, so StockNet's test examples are not independent, and an
 * interval from resampling single examples tends to be too narrow. Resampling test dates
 * keeps each day's examples together. Browser-safe.
 */
import { createRng, InvalidInputError } from "@finfuse/tensor";

/** Metric over paired labels and predictions, such as `accuracy` or `mcc`. */
export type PairedMetric = (yTrue: number[], yPred: number[]) => number;

/** Input of `bootstrapByGroup`. */
export interface GroupBootstrapOptions {
  yTrue: ArrayLike<number>;
  yPred: ArrayLike<number>;
  /** Group key of each example, such as its target date. Examples with equal keys are drawn together. */
  groups: ArrayLike<string | number>;
  metric: PairedMetric;
  /** Number of bootstrap resamples. @defaultValue 1000 */
  resamples?: number;
  /** Seed of the generator that draws the groups. @defaultValue 7 */
  seed?: number;
  /** Coverage of the interval, in (0, 1). @defaultValue 0.95 */
  level?: number;
}

/** Metric value with its bootstrap interval. */
export interface BootstrapInterval {
  /** Metric on all examples. */
  estimate: number;
  low: number;
  high: number;
}

/**
 * Computes `metric` on all examples and a percentile bootstrap interval for it. Each
 * resample draws as many groups as there are, with replacement, and takes all examples
 * of every drawn group. The bounds are the `(1 - level) / 2` and `(1 + level) / 2`
 * quantiles of the resampled values, interpolated linearly (see `quantile`).
 *
 * @throws InvalidInputError for arrays of different or zero length, a bad option, or a
 *   metric that returns a value that is not finite.
 * @example
 * const { estimate, low, high } = bootstrapByGroup({ yTrue, yPred, groups: dates, metric: accuracy });
 */
export function bootstrapByGroup(options: GroupBootstrapOptions): BootstrapInterval {
  const { yTrue, yPred, groups, metric, resamples = 1000, seed = 7, level = 0.95 } = options;
  checkOptions(yTrue.length, yPred.length, groups.length, resamples, level);

  const members = groupMembers(groups);
  const rng = createRng(seed);
  const values: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const sampleTrue: number[] = [];
    const samplePred: number[] = [];
    for (let g = 0; g < members.length; g++) {
      for (const index of members[rng.int(members.length)]) {
        sampleTrue.push(yTrue[index]);
        samplePred.push(yPred[index]);
      }
    }
    values.push(finiteMetric(metric, sampleTrue, samplePred, `resample ${r}`));
  }

  values.sort((a, b) => a - b);
  const estimate = finiteMetric(metric, Array.from(yTrue), Array.from(yPred), "the full data");
  return { estimate, low: quantile(values, (1 - level) / 2), high: quantile(values, (1 + level) / 2) };
}

/**
 * Returns the `q` quantile of ascending `sorted` values, interpolating linearly between
 * the two nearest ranks (position `q * (n - 1)`). This is NumPy's default "linear" method.
 */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new InvalidInputError("quantile: sorted is empty");
  if (!(q >= 0 && q <= 1)) throw new InvalidInputError(`quantile: q must be in [0, 1], received ${q}`);
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
}

/** Lists the example indexes of each group, in order of first appearance. */
function groupMembers(groups: ArrayLike<string | number>): number[][] {
  const byKey = new Map<string | number, number[]>();
  for (let i = 0; i < groups.length; i++) {
    const indexes = byKey.get(groups[i]);
    if (indexes === undefined) byKey.set(groups[i], [i]);
    else indexes.push(i);
  }
  return [...byKey.values()];
}

function checkOptions(trueCount: number, predCount: number, groupCount: number, resamples: number, level: number): void {
  if (trueCount !== predCount || trueCount !== groupCount) {
    throw new InvalidInputError(
      `bootstrapByGroup: yTrue, yPred and groups must have equal lengths, received ${trueCount}, ${predCount} and ${groupCount}`,
    );
  }
  if (trueCount === 0) {
    throw new InvalidInputError("bootstrapByGroup: yTrue is empty. Pass at least one example.");
  }
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new InvalidInputError(`bootstrapByGroup: resamples must be a positive integer, received ${resamples}`);
  }
  if (!(level > 0 && level < 1)) {
    throw new InvalidInputError(`bootstrapByGroup: level must be in (0, 1), such as 0.95, received ${level}`);
  }
}

function finiteMetric(metric: PairedMetric, yTrue: number[], yPred: number[], where: string): number {
  const value = metric(yTrue, yPred);
  if (!Number.isFinite(value)) {
    throw new InvalidInputError(
      `bootstrapByGroup: the metric returned ${value} on ${where}. Use a metric that is finite for every resample, such as mcc, which returns 0 where it is undefined.`,
    );
  }
  return value;
}
