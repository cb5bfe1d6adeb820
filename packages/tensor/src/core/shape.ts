/** Shape arithmetic shared by the eager kernels and the graph builder. */
import { InvalidInputError } from "../errors.js";

export type Shape = readonly number[];

/** Returns the number of elements of a shape (1 for a scalar). */
export function sizeOf(shape: Shape): number {
  let size = 1;
  for (const dim of shape) size *= dim;
  return size;
}

/** Returns row-major strides of a shape. */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    strides[axis] = stride;
    stride *= shape[axis];
  }
  return strides;
}

export function formatShape(shape: Shape): string {
  return `[${shape.join(", ")}]`;
}

/** Resolves a possibly negative axis against a rank, as ONNX and numpy do. */
export function normalizeAxis(axis: number, rank: number, where: string): number {
  const resolved = axis < 0 ? axis + rank : axis;
  if (!Number.isInteger(axis) || resolved < 0 || resolved >= rank) {
    throw new InvalidInputError(`${where}: axis ${axis} is out of range for a tensor of rank ${rank}`);
  }
  return resolved;
}

/** Returns the numpy-style broadcast of two shapes, or throws naming both. */
export function broadcastShapes(a: Shape, b: Shape, where: string): number[] {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new InvalidInputError(
        `${where}: shapes ${formatShape(a)} and ${formatShape(b)} cannot be broadcast together (axis ${i}: ${da} vs ${db})`,
      );
    }
    out[i] = Math.max(da, db);
  }
  return out;
}

/**
 * Resolves a reshape target with ONNX semantics: 0 copies the input's dimension at that
 * position and a single -1 is inferred from the element count.
 */
export function resolveReshape(input: Shape, target: Shape, where: string): number[] {
  const out = target.map((dim, axis) => (dim === 0 ? input[axis] : dim));
  const inferred = out.indexOf(-1);
  if (out.some((dim, axis) => dim === undefined || dim < -1 || (dim === -1 && axis !== inferred))) {
    throw new InvalidInputError(`${where}: invalid reshape target ${formatShape(target)} for input ${formatShape(input)}`);
  }
  const known = out.reduce((product, dim) => (dim === -1 ? product : product * dim), 1);
  const total = sizeOf(input);
  if (inferred >= 0) {
    if (known === 0 || total % known !== 0) {
      throw new InvalidInputError(`${where}: cannot reshape ${formatShape(input)} into ${formatShape(target)}`);
    }
    out[inferred] = total / known;
  } else if (known !== total) {
    throw new InvalidInputError(
      `${where}: cannot reshape ${formatShape(input)} (${total} elements) into ${formatShape(out)} (${known} elements)`,
    );
  }
  return out;
}
