/** Data-movement ops with gradients: reshape, transpose, slice, concat, gather and mean. */
import { InvalidInputError } from "../errors.js";
import { Tensor } from "../core/tensor.js";
import { formatShape, normalizeAxis, resolveReshape, sizeOf, stridesOf } from "../core/shape.js";
import { scale as scaleTensor } from "./binary.js";

export function reshape(a: Tensor, target: readonly number[]): Tensor {
  const shape = resolveReshape(a.shape, target, "reshape");
  return new Tensor(a.data, shape, { parents: [a], backwardFn: (grad) => a.accumulateGrad(grad) });
}

/** Removes one axis of size 1. */
export function squeeze(a: Tensor, axis: number): Tensor {
  const resolved = normalizeAxis(axis, a.rank, "squeeze");
  if (a.shape[resolved] !== 1) {
    throw new InvalidInputError(`squeeze: axis ${axis} of ${formatShape(a.shape)} has size ${a.shape[resolved]}, expected 1`);
  }
  return reshape(a, a.shape.filter((_, i) => i !== resolved));
}

export function transpose(a: Tensor, perm: readonly number[]): Tensor {
  if (perm.length !== a.rank || [...perm].sort((x, y) => x - y).some((axis, i) => axis !== i)) {
    throw new InvalidInputError(`transpose: perm [${perm.join(", ")}] is not a permutation of the ${a.rank} axes of ${formatShape(a.shape)}`);
  }
  const shape = perm.map((axis) => a.shape[axis]);
  const inStrides = stridesOf(a.shape);
  const gatherStrides = perm.map((axis) => inStrides[axis]);
  const mapping = new Int32Array(a.size);
  const counter = new Array<number>(a.rank).fill(0);
  let source = 0;
  for (let o = 0; o < mapping.length; o++) {
    mapping[o] = source;
    for (let axis = a.rank - 1; axis >= 0; axis--) {
      counter[axis]++;
      source += gatherStrides[axis];
      if (counter[axis] < shape[axis]) break;
      source -= gatherStrides[axis] * shape[axis];
      counter[axis] = 0;
    }
  }
  const out = new Float32Array(a.size);
  for (let o = 0; o < out.length; o++) out[o] = a.data[mapping[o]];
  return new Tensor(out, shape, {
    parents: [a],
    backwardFn: (grad) => {
      const gradA = new Float32Array(a.size);
      for (let o = 0; o < grad.length; o++) gradA[mapping[o]] = grad[o];
      a.accumulateGrad(gradA);
    },
  });
}

/** Takes indices [start, end) of one axis. */
export function slice(a: Tensor, axis: number, start: number, end: number): Tensor {
  const resolved = normalizeAxis(axis, a.rank, "slice");
  const dim = a.shape[resolved];
  if (!(0 <= start && start < end && end <= dim)) {
    throw new InvalidInputError(`slice: range [${start}, ${end}) is outside axis ${axis} of ${formatShape(a.shape)}`);
  }
  const outer = sizeOf(a.shape.slice(0, resolved));
  const inner = sizeOf(a.shape.slice(resolved + 1));
  const width = end - start;
  const shape = a.shape.map((d, i) => (i === resolved ? width : d));
  const out = new Float32Array(outer * width * inner);
  for (let o = 0; o < outer; o++) {
    out.set(a.data.subarray((o * dim + start) * inner, (o * dim + end) * inner), o * width * inner);
  }
  return new Tensor(out, shape, {
    parents: [a],
    backwardFn: (grad) => {
      const gradA = new Float32Array(a.size);
      for (let o = 0; o < outer; o++) gradA.set(grad.subarray(o * width * inner, (o + 1) * width * inner), (o * dim + start) * inner);
      a.accumulateGrad(gradA);
    },
  });
}

export function concat(parts: readonly Tensor[], axis: number): Tensor {
  if (parts.length === 0) throw new InvalidInputError("concat: needs at least one tensor");
  const first = parts[0];
  const resolved = normalizeAxis(axis, first.rank, "concat");
  for (const part of parts) {
    if (part.rank !== first.rank || part.shape.some((d, i) => i !== resolved && d !== first.shape[i])) {
      throw new InvalidInputError(`concat: ${formatShape(part.shape)} does not match ${formatShape(first.shape)} outside axis ${axis}`);
    }
  }
  const outer = sizeOf(first.shape.slice(0, resolved));
  const inner = sizeOf(first.shape.slice(resolved + 1));
  const total = parts.reduce((sum, part) => sum + part.shape[resolved], 0);
  const out = new Float32Array(outer * total * inner);
  let position = 0;
  for (const part of parts) {
    const width = part.shape[resolved] * inner;
    for (let o = 0; o < outer; o++) out.set(part.data.subarray(o * width, (o + 1) * width), o * total * inner + position * inner);
    position += part.shape[resolved];
  }
  const shape = first.shape.map((d, i) => (i === resolved ? total : d));
  return new Tensor(out, shape, {
    parents: [...parts],
    backwardFn: (grad) => {
      let at = 0;
      for (const part of parts) {
        const width = part.shape[resolved] * inner;
        const gradPart = new Float32Array(part.size);
        for (let o = 0; o < outer; o++) gradPart.set(grad.subarray(o * total * inner + at * inner, o * total * inner + at * inner + width), o * width);
        part.accumulateGrad(gradPart);
        at += part.shape[resolved];
      }
    },
  });
}

/** Embedding lookup: rows of `table` [V, D] picked by integer `ids` of any shape S, giving [S.., D]. */
export function gather(table: Tensor, ids: Tensor): Tensor {
  if (table.rank !== 2) throw new InvalidInputError(`gather: table must be [V, D], received ${formatShape(table.shape)}`);
  const [vocab, width] = table.shape;
  const out = new Float32Array(ids.size * width);
  for (let i = 0; i < ids.size; i++) {
    const id = ids.data[i];
    if (!Number.isInteger(id) || id < 0 || id >= vocab) {
      throw new InvalidInputError(`gather: id ${id} at position ${i} is outside the table's ${vocab} rows`);
    }
    out.set(table.data.subarray(id * width, (id + 1) * width), i * width);
  }
  return new Tensor(out, [...ids.shape, width], {
    parents: [table],
    backwardFn: (grad) => {
      const gradTable = new Float32Array(table.size);
      for (let i = 0; i < ids.size; i++) {
        const row = ids.data[i] * width;
        for (let j = 0; j < width; j++) gradTable[row + j] += grad[i * width + j];
      }
      table.accumulateGrad(gradTable);
    },
  });
}

/** Sum over one axis, which is kept with size 1 (ONNX ReduceSum, keepdims=1). */
export function sumAxis(a: Tensor, axis: number): Tensor {
  const dim = a.shape[normalizeAxis(axis, a.rank, "sumAxis")];
  return scaleTensor(meanAxis(a, axis), dim);
}

/** Mean over one axis, which is kept with size 1 (ONNX ReduceMean, keepdims=1). */
export function meanAxis(a: Tensor, axis: number): Tensor {
  const resolved = normalizeAxis(axis, a.rank, "meanAxis");
  const outer = sizeOf(a.shape.slice(0, resolved));
  const dim = a.shape[resolved];
  const inner = sizeOf(a.shape.slice(resolved + 1));
  const out = new Float32Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let d = 0; d < dim; d++) {
      for (let i = 0; i < inner; i++) out[o * inner + i] += a.data[(o * dim + d) * inner + i] / dim;
    }
  }
  const shape = a.shape.map((d, i) => (i === resolved ? 1 : d));
  return new Tensor(out, shape, {
    parents: [a],
    backwardFn: (grad) => {
      const gradA = new Float32Array(a.size);
      for (let o = 0; o < outer; o++) {
        for (let d = 0; d < dim; d++) {
          for (let i = 0; i < inner; i++) gradA[(o * dim + d) * inner + i] = grad[o * inner + i] / dim;
        }
      }
      a.accumulateGrad(gradA);
    },
  });
}
