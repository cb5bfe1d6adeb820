/** Softmax over the last axis, and the softmax cross-entropy loss, with gradients. */
import { InvalidInputError } from "../errors.js";
import { Tensor } from "../core/tensor.js";
import { formatShape } from "../core/shape.js";

/** Returns the maximum of `width` values starting at `offset`. */
function rowMax(data: Float32Array, offset: number, width: number): number {
  let max = -Infinity;
  for (let j = 0; j < width; j++) max = Math.max(max, data[offset + j]);
  return max;
}

/** Softmax over the last axis, stabilised by subtracting each row's maximum. */
export function softmax(a: Tensor): Tensor {
  const width = a.shape[a.rank - 1];
  const out = new Float32Array(a.size);
  for (let row = 0; row < a.size; row += width) {
    const max = rowMax(a.data, row, width);
    let sum = 0;
    for (let j = 0; j < width; j++) {
      const value = Math.exp(a.data[row + j] - max);
      out[row + j] = value;
      sum += value;
    }
    for (let j = 0; j < width; j++) out[row + j] /= sum;
  }
  return new Tensor(out, a.shape, {
    parents: [a],
    backwardFn: (grad) => {
      const gradA = new Float32Array(a.size);
      for (let row = 0; row < a.size; row += width) {
        let dot = 0;
        for (let j = 0; j < width; j++) dot += grad[row + j] * out[row + j];
        for (let j = 0; j < width; j++) gradA[row + j] = out[row + j] * (grad[row + j] - dot);
      }
      a.accumulateGrad(gradA);
    },
  });
}

/** Log-softmax over the last axis: x - max - log(sum(exp(x - max))). */
export function logSoftmax(a: Tensor): Tensor {
  const width = a.shape[a.rank - 1];
  const out = new Float32Array(a.size);
  for (let row = 0; row < a.size; row += width) {
    const max = rowMax(a.data, row, width);
    let sum = 0;
    for (let j = 0; j < width; j++) sum += Math.exp(a.data[row + j] - max);
    const logSum = Math.log(sum) + max;
    for (let j = 0; j < width; j++) out[row + j] = a.data[row + j] - logSum;
  }
  return new Tensor(out, a.shape, {
    parents: [a],
    backwardFn: (grad) => {
      const gradA = new Float32Array(a.size);
      for (let row = 0; row < a.size; row += width) {
        let total = 0;
        for (let j = 0; j < width; j++) total += grad[row + j];
        for (let j = 0; j < width; j++) gradA[row + j] = grad[row + j] - Math.exp(out[row + j]) * total;
      }
      a.accumulateGrad(gradA);
    },
  });
}

/**
 * Mean cross-entropy of `logits` [N, C] against integer class `labels` (length N),
 * optionally weighted per class. Returns a scalar tensor.
 */
export function softmaxCrossEntropy(logits: Tensor, labels: ArrayLike<number>, classWeights?: ArrayLike<number>): Tensor {
  if (logits.rank !== 2 || logits.shape[0] !== labels.length) {
    throw new InvalidInputError(`softmaxCrossEntropy: logits ${formatShape(logits.shape)} need shape [N, C] with N = ${labels.length} labels`);
  }
  const [rows, classes] = logits.shape;
  const probabilities = new Float32Array(logits.size);
  let loss = 0;
  let totalWeight = 0;
  const weights = new Float32Array(rows);
  for (let i = 0; i < rows; i++) {
    const label = labels[i];
    if (!Number.isInteger(label) || label < 0 || label >= classes) {
      throw new InvalidInputError(`softmaxCrossEntropy: label ${label} at row ${i} is outside [0, ${classes})`);
    }
    const offset = i * classes;
    let max = -Infinity;
    for (let j = 0; j < classes; j++) max = Math.max(max, logits.data[offset + j]);
    let sum = 0;
    for (let j = 0; j < classes; j++) sum += Math.exp(logits.data[offset + j] - max);
    for (let j = 0; j < classes; j++) probabilities[offset + j] = Math.exp(logits.data[offset + j] - max) / sum;
    weights[i] = classWeights === undefined ? 1 : classWeights[label];
    totalWeight += weights[i];
    loss -= weights[i] * (logits.data[offset + label] - max - Math.log(sum));
  }
  return new Tensor(Float32Array.of(loss / totalWeight), [], {
    parents: [logits],
    backwardFn: (grad) => {
      const gradLogits = new Float32Array(logits.size);
      for (let i = 0; i < rows; i++) {
        const factor = (grad[0] * weights[i]) / totalWeight;
        for (let j = 0; j < classes; j++) {
          const target = j === labels[i] ? 1 : 0;
          gradLogits[i * classes + j] = factor * (probabilities[i * classes + j] - target);
        }
      }
      logits.accumulateGrad(gradLogits);
    },
  });
}
