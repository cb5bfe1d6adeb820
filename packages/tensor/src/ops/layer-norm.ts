/** Layer normalisation over the last axis (ONNX LayerNormalization, axis -1), with gradients. */
import { InvalidInputError } from "../errors.js";
import { Tensor } from "../core/tensor.js";
import { formatShape } from "../core/shape.js";

export function layerNorm(x: Tensor, gamma: Tensor, beta: Tensor, epsilon = 1e-5): Tensor {
  const width = x.shape[x.rank - 1];
  if (gamma.size !== width || beta.size !== width) {
    throw new InvalidInputError(`layerNorm: gamma ${formatShape(gamma.shape)} and beta ${formatShape(beta.shape)} must have ${width} elements to match ${formatShape(x.shape)}`);
  }
  const rows = x.size / width;
  const out = new Float32Array(x.size);
  const normalized = new Float32Array(x.size);
  const inverseStd = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const offset = r * width;
    let mean = 0;
    for (let j = 0; j < width; j++) mean += x.data[offset + j];
    mean /= width;
    let variance = 0;
    for (let j = 0; j < width; j++) variance += (x.data[offset + j] - mean) ** 2;
    variance /= width;
    const inv = 1 / Math.sqrt(variance + epsilon);
    inverseStd[r] = inv;
    for (let j = 0; j < width; j++) {
      const n = (x.data[offset + j] - mean) * inv;
      normalized[offset + j] = n;
      out[offset + j] = n * gamma.data[j] + beta.data[j];
    }
  }
  return new Tensor(out, x.shape, {
    parents: [x, gamma, beta],
    backwardFn: (grad) => {
      const gradGamma = new Float32Array(width);
      const gradBeta = new Float32Array(width);
      const gradX = new Float32Array(x.size);
      for (let r = 0; r < rows; r++) {
        const offset = r * width;
        let sumG = 0;
        let sumGN = 0;
        for (let j = 0; j < width; j++) {
          const g = grad[offset + j] * gamma.data[j];
          sumG += g;
          sumGN += g * normalized[offset + j];
          gradGamma[j] += grad[offset + j] * normalized[offset + j];
          gradBeta[j] += grad[offset + j];
        }
        for (let j = 0; j < width; j++) {
          const g = grad[offset + j] * gamma.data[j];
          gradX[offset + j] = (inverseStd[r] / width) * (width * g - sumG - normalized[offset + j] * sumGN);
        }
      }
      x.accumulateGrad(gradX);
      gamma.accumulateGrad(gradGamma);
      beta.accumulateGrad(gradBeta);
    },
  });
}
