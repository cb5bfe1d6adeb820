/** Binary cross-entropy (on logits) and mean squared error, mean-reduced to scalars, with gradients. */
import { InvalidInputError } from "../errors.js";
import { Tensor } from "../core/tensor.js";
import { formatShape } from "../core/shape.js";

function checkTargets(name: string, prediction: Tensor, targets: ArrayLike<number>): void {
  if (targets.length !== prediction.size) {
    throw new InvalidInputError(`${name}: ${targets.length} targets for a prediction of shape ${formatShape(prediction.shape)} (${prediction.size} values)`);
  }
}

/**
 * Mean binary cross-entropy of `logits` against 0/1 (or soft) `targets`, computed as
 * max(z, 0) - z t + log(1 + exp(-|z|)) so large logits do not overflow.
 */
export function binaryCrossEntropyWithLogits(logits: Tensor, targets: ArrayLike<number>): Tensor {
  checkTargets("binaryCrossEntropyWithLogits", logits, targets);
  let loss = 0;
  for (let i = 0; i < logits.size; i++) {
    const z = logits.data[i];
    const t = targets[i];
    if (!(t >= 0 && t <= 1)) throw new InvalidInputError(`binaryCrossEntropyWithLogits: target ${t} at index ${i} is outside [0, 1]`);
    loss += Math.max(z, 0) - z * t + Math.log1p(Math.exp(-Math.abs(z)));
  }
  const count = logits.size;
  return new Tensor(Float32Array.of(loss / count), [], {
    parents: [logits],
    backwardFn: (grad) => {
      const gradLogits = new Float32Array(count);
      for (let i = 0; i < count; i++) gradLogits[i] = (grad[0] * (1 / (1 + Math.exp(-logits.data[i])) - targets[i])) / count;
      logits.accumulateGrad(gradLogits);
    },
  });
}

/** Mean of (prediction - target)^2 over every element. */
export function meanSquaredError(prediction: Tensor, targets: ArrayLike<number>): Tensor {
  checkTargets("meanSquaredError", prediction, targets);
  let loss = 0;
  for (let i = 0; i < prediction.size; i++) loss += (prediction.data[i] - targets[i]) ** 2;
  const count = prediction.size;
  return new Tensor(Float32Array.of(loss / count), [], {
    parents: [prediction],
    backwardFn: (grad) => {
      const gradPrediction = new Float32Array(count);
      for (let i = 0; i < count; i++) gradPrediction[i] = (grad[0] * 2 * (prediction.data[i] - targets[i])) / count;
      prediction.accumulateGrad(gradPrediction);
    },
  });
}
