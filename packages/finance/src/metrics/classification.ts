/**
 * Classification metrics over integer class labels `0 .. numClasses - 1`. Browser-safe.
 */
import { InvalidInputError } from "@finfuse/tensor";

/** Labels or predictions: one integer class index per example. */
export type Labels = ArrayLike<number>;

/**
 * Counts label pairs: `matrix[t][p]` is the number of examples of true class t predicted
 * as class p. `numClasses` defaults to the largest label in either array plus one.
 *
 * @throws InvalidInputError for arrays of different or zero length, or a label that is
 *   not an integer in `[0, numClasses)`.
 */
export function confusionMatrix(yTrue: Labels, yPred: Labels, numClasses?: number): number[][] {
  checkPairs("confusionMatrix", yTrue, yPred);
  const classes = numClasses ?? inferClassCount(yTrue, yPred);
  if (!Number.isInteger(classes) || classes < 1) {
    throw new InvalidInputError(`confusionMatrix: numClasses must be a positive integer, received ${classes}`);
  }
  const matrix = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < yTrue.length; i++) {
    const truth = checkLabel("confusionMatrix", "yTrue", i, yTrue[i], classes);
    const prediction = checkLabel("confusionMatrix", "yPred", i, yPred[i], classes);
    matrix[truth][prediction]++;
  }
  return matrix;
}

/** Returns the share of examples whose prediction equals the label. */
export function accuracy(yTrue: Labels, yPred: Labels): number {
  checkPairs("accuracy", yTrue, yPred);
  let correct = 0;
  for (let i = 0; i < yTrue.length; i++) {
    if (yTrue[i] === yPred[i]) correct++;
  }
  return correct / yTrue.length;
}

/**
 * Returns the unweighted mean of the per-class F1 scores over all `numClasses` classes.
 * A class's precision or recall is 0 when its denominator is 0, and so is its F1 when
 * both are 0. This matches scikit-learn's
 * `f1_score(average="macro", labels=range(numClasses), zero_division=0)` (scikit-learn 1.x).
 */
export function macroF1(yTrue: Labels, yPred: Labels, numClasses: number): number {
  const matrix = confusionMatrix(yTrue, yPred, numClasses);
  let sum = 0;
  for (let k = 0; k < numClasses; k++) {
    const truePositives = matrix[k][k];
    const predicted = columnSum(matrix, k);
    const actual = rowSum(matrix, k);
    const precision = predicted === 0 ? 0 : truePositives / predicted;
    const recall = actual === 0 ? 0 : truePositives / actual;
    sum += precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  }
  return sum / numClasses;
}

/**
 * Returns the Matthews correlation coefficient, in Gorodkin's multiclass form (R_K,
 * Gorodkin 2004), which equals the usual binary MCC for two classes. Returns 0 when it is
 * undefined, as for a constant predictor or a single true class.
 */
export function mcc(yTrue: Labels, yPred: Labels, numClasses?: number): number {
  const matrix = confusionMatrix(yTrue, yPred, numClasses);
  const total = yTrue.length;
  let correct = 0;
  let predictedDotActual = 0;
  let predictedSquares = 0;
  let actualSquares = 0;
  for (let k = 0; k < matrix.length; k++) {
    const predicted = columnSum(matrix, k);
    const actual = rowSum(matrix, k);
    correct += matrix[k][k];
    predictedDotActual += predicted * actual;
    predictedSquares += predicted * predicted;
    actualSquares += actual * actual;
  }
  const denominator = Math.sqrt((total * total - predictedSquares) * (total * total - actualSquares));
  return denominator === 0 ? 0 : (correct * total - predictedDotActual) / denominator;
}

function checkPairs(caller: string, yTrue: Labels, yPred: Labels): void {
  if (yTrue.length !== yPred.length) {
    throw new InvalidInputError(
      `${caller}: yTrue has ${yTrue.length} labels but yPred has ${yPred.length}. Pass one prediction per label.`,
    );
  }
  if (yTrue.length === 0) {
    throw new InvalidInputError(`${caller}: yTrue and yPred are empty. Pass at least one example.`);
  }
}

function checkLabel(caller: string, name: string, index: number, value: number, numClasses: number): number {
  if (!Number.isInteger(value) || value < 0 || value >= numClasses) {
    const range = numClasses === Infinity ? "a non-negative integer class index" : `an integer class index in [0, ${numClasses})`;
    throw new InvalidInputError(`${caller}: ${name}[${index}] must be ${range}, received ${value}`);
  }
  return value;
}

/** Returns the largest label in either array plus one, after checking every label. */
function inferClassCount(yTrue: Labels, yPred: Labels): number {
  let max = 0;
  for (const [name, labels] of [["yTrue", yTrue], ["yPred", yPred]] as const) {
    for (let i = 0; i < labels.length; i++) {
      max = Math.max(max, checkLabel("confusionMatrix", name, i, labels[i], Infinity));
    }
  }
  return max + 1;
}

function rowSum(matrix: number[][], row: number): number {
  return matrix[row].reduce((sum, count) => sum + count, 0);
}

function columnSum(matrix: number[][], column: number): number {
  return matrix.reduce((sum, row) => sum + row[column], 0);
}
