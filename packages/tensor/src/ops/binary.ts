/** Element-wise add, sub and mul with numpy broadcasting, and scaling by a constant. */
import { Tensor } from "../core/tensor.js";
import { broadcastShapes, sizeOf, stridesOf, type Shape } from "../core/shape.js";

type Combine = (x: number, y: number) => number;

/** Strides of `shape` aligned to `outShape`, with 0 on broadcast axes. */
function broadcastStrides(shape: Shape, outShape: Shape): number[] {
  const strides = stridesOf(shape);
  const offset = outShape.length - shape.length;
  return outShape.map((dim, axis) => {
    const own = shape[axis - offset];
    return own === undefined || own === 1 ? 0 : strides[axis - offset];
  });
}

/** Visits every output element with the flat offsets of both inputs. */
function forEachBroadcast(outShape: Shape, aShape: Shape, bShape: Shape, visit: (o: number, ia: number, ib: number) => void): void {
  const total = sizeOf(outShape);
  const aStrides = broadcastStrides(aShape, outShape);
  const bStrides = broadcastStrides(bShape, outShape);
  const rank = outShape.length;
  const counter = new Array<number>(rank).fill(0);
  let ia = 0;
  let ib = 0;
  for (let o = 0; o < total; o++) {
    visit(o, ia, ib);
    for (let axis = rank - 1; axis >= 0; axis--) {
      counter[axis]++;
      ia += aStrides[axis];
      ib += bStrides[axis];
      if (counter[axis] < outShape[axis]) break;
      ia -= aStrides[axis] * outShape[axis];
      ib -= bStrides[axis] * outShape[axis];
      counter[axis] = 0;
    }
  }
}

function isSuffix(shape: Shape, of: Shape): boolean {
  if (shape.length > of.length) return false;
  const offset = of.length - shape.length;
  return shape.every((dim, axis) => dim === of[axis + offset]);
}

function combine(a: Tensor, b: Tensor, where: string, fn: Combine): { data: Float32Array; shape: number[] } {
  const shape = broadcastShapes(a.shape, b.shape, where);
  const out = new Float32Array(sizeOf(shape));
  if (isSuffix(b.shape, a.shape)) {
    const period = b.size;
    for (let row = 0; row < out.length; row += period) {
      for (let j = 0; j < period; j++) out[row + j] = fn(a.data[row + j], b.data[j]);
    }
  } else {
    forEachBroadcast(shape, a.shape, b.shape, (o, ia, ib) => {
      out[o] = fn(a.data[ia], b.data[ib]);
    });
  }
  return { data: out, shape };
}

/** Sums a broadcast gradient back down to `shape`. */
function reduceTo(grad: Float32Array, outShape: Shape, shape: Shape): Float32Array {
  const size = sizeOf(shape);
  if (size === grad.length) return grad;
  const reduced = new Float32Array(size);
  if (isSuffix(shape, outShape)) {
    // Bias-style broadcast: fold every row of the gradient onto one.
    for (let row = 0; row < grad.length; row += size) {
      for (let j = 0; j < size; j++) reduced[j] += grad[row + j];
    }
    return reduced;
  }
  forEachBroadcast(outShape, shape, outShape, (o, i) => {
    reduced[i] += grad[o];
  });
  return reduced;
}

export function add(a: Tensor, b: Tensor): Tensor {
  const { data, shape } = combine(a, b, "add", (x, y) => x + y);
  return new Tensor(data, shape, {
    parents: [a, b],
    backwardFn: (grad) => {
      if (a.requiresGrad) a.accumulateGrad(reduceTo(grad, shape, a.shape));
      if (b.requiresGrad) b.accumulateGrad(reduceTo(grad, shape, b.shape));
    },
  });
}

export function sub(a: Tensor, b: Tensor): Tensor {
  const { data, shape } = combine(a, b, "sub", (x, y) => x - y);
  return new Tensor(data, shape, {
    parents: [a, b],
    backwardFn: (grad) => {
      if (a.requiresGrad) a.accumulateGrad(reduceTo(grad, shape, a.shape));
      if (b.requiresGrad) b.accumulateGrad(reduceTo(grad, shape, b.shape).map((value) => -value));
    },
  });
}

export function mul(a: Tensor, b: Tensor): Tensor {
  const { data, shape } = combine(a, b, "mul", (x, y) => x * y);
  const sameShape = a.size === b.size && a.size === data.length;
  return new Tensor(data, shape, {
    parents: [a, b],
    backwardFn: (grad) => {
      if (sameShape) {
        if (a.requiresGrad) a.accumulateGrad(grad.map((g, i) => g * b.data[i]));
        if (b.requiresGrad) b.accumulateGrad(grad.map((g, i) => g * a.data[i]));
        return;
      }
      if (a.requiresGrad) {
        const gradA = new Float32Array(a.size);
        forEachBroadcast(shape, a.shape, b.shape, (o, ia, ib) => {
          gradA[ia] += grad[o] * b.data[ib];
        });
        a.accumulateGrad(gradA);
      }
      if (b.requiresGrad) {
        const gradB = new Float32Array(b.size);
        forEachBroadcast(shape, a.shape, b.shape, (o, ia, ib) => {
          gradB[ib] += grad[o] * a.data[ia];
        });
        b.accumulateGrad(gradB);
      }
    },
  });
}

export function div(a: Tensor, b: Tensor): Tensor {
  const { data, shape } = combine(a, b, "div", (x, y) => x / y);
  return new Tensor(data, shape, {
    parents: [a, b],
    backwardFn: (grad) => {
      if (a.requiresGrad) {
        const gradA = new Float32Array(a.size);
        forEachBroadcast(shape, a.shape, b.shape, (o, ia, ib) => {
          gradA[ia] += grad[o] / b.data[ib];
        });
        a.accumulateGrad(gradA);
      }
      if (b.requiresGrad) {
        const gradB = new Float32Array(b.size);
        forEachBroadcast(shape, a.shape, b.shape, (o, ia, ib) => {
          gradB[ib] -= (grad[o] * a.data[ia]) / (b.data[ib] * b.data[ib]);
        });
        b.accumulateGrad(gradB);
      }
    },
  });
}

/** Multiplies every element by the constant `factor`. */
export function scale(a: Tensor, factor: number): Tensor {
  const out = a.data.map((value) => value * factor);
  return new Tensor(out, a.shape, {
    parents: [a],
    backwardFn: (grad) => a.accumulateGrad(grad.map((value) => value * factor)),
  });
}
