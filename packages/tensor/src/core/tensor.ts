/**
 * The eager Float32 tensor and its reverse-mode autodiff tape.
 *
 * A tensor records how it was made (its parents and a backward function) only when one
 * of its inputs requires a gradient, so inference pays nothing for the tape.
 */
import { InvalidInputError } from "../errors.js";
import { formatShape, sizeOf, stridesOf, type Shape } from "./shape.js";

export type BackwardFn = (grad: Float32Array) => void;

export class Tensor {
  readonly data: Float32Array;
  readonly shape: readonly number[];
  /** Gradient of the loss with respect to this tensor, filled by `backward()`. */
  grad: Float32Array | null = null;
  requiresGrad: boolean;
  /** Tensors this one was computed from; empty for leaves. */
  readonly parents: readonly Tensor[];
  /** Pushes this tensor's gradient into its parents' gradients. */
  readonly backwardFn: BackwardFn | null;

  constructor(data: Float32Array, shape: Shape, options: { requiresGrad?: boolean; parents?: Tensor[]; backwardFn?: BackwardFn } = {}) {
    const expected = sizeOf(shape);
    if (shape.some((dim) => !Number.isInteger(dim) || dim < 0)) {
      throw new InvalidInputError(`Tensor: shape ${formatShape(shape)} must hold non-negative integers`);
    }
    if (data.length !== expected) {
      throw new InvalidInputError(
        `Tensor: data has ${data.length} elements but shape ${formatShape(shape)} needs ${expected}`,
      );
    }
    this.data = data;
    this.shape = [...shape];
    this.parents = options.parents ?? [];
    this.backwardFn = options.backwardFn ?? null;
    this.requiresGrad = options.requiresGrad ?? this.parents.some((parent) => parent.requiresGrad);
  }

  get size(): number {
    return this.data.length;
  }

  get rank(): number {
    return this.shape.length;
  }

  get strides(): number[] {
    return stridesOf(this.shape);
  }

  /** Creates a tensor from nested or flat numbers with an explicit shape. */
  static from(values: ArrayLike<number>, shape: Shape, requiresGrad = false): Tensor {
    return new Tensor(Float32Array.from(values), shape, { requiresGrad });
  }

  static zeros(shape: Shape, requiresGrad = false): Tensor {
    return new Tensor(new Float32Array(sizeOf(shape)), shape, { requiresGrad });
  }

  static scalar(value: number): Tensor {
    return new Tensor(Float32Array.of(value), []);
  }

  /** Returns the element at a multi-dimensional index. */
  get(...index: number[]): number {
    if (index.length !== this.rank) {
      throw new InvalidInputError(`Tensor.get: expected ${this.rank} indices, received ${index.length}`);
    }
    const strides = this.strides;
    let offset = 0;
    for (let axis = 0; axis < index.length; axis++) {
      const position = index[axis];
      if (position < 0 || position >= this.shape[axis]) {
        throw new InvalidInputError(`Tensor.get: index ${position} out of range for axis ${axis} of ${formatShape(this.shape)}`);
      }
      offset += position * strides[axis];
    }
    return this.data[offset];
  }

  /** Returns a leaf copy with no tape, for reading values out of a training graph. */
  detach(): Tensor {
    return new Tensor(this.data, this.shape);
  }

  toArray(): number[] {
    return Array.from(this.data);
  }

  /** Adds `delta` into this tensor's gradient, allocating it on first use. */
  accumulateGrad(delta: Float32Array): void {
    if (!this.requiresGrad) return;
    if (this.grad === null) {
      this.grad = new Float32Array(delta);
      return;
    }
    const grad = this.grad;
    for (let i = 0; i < grad.length; i++) grad[i] += delta[i];
  }

  /**
   * Runs reverse-mode differentiation from this tensor. A scalar (or one-element) output
   * is seeded with 1; otherwise pass the seed gradient explicitly.
   */
  backward(seed?: Float32Array): void {
    if (seed === undefined && this.size !== 1) {
      throw new InvalidInputError(`Tensor.backward: output has shape ${formatShape(this.shape)}; pass a seed gradient for non-scalar outputs`);
    }
    const order = topologicalOrder(this);
    this.accumulateGrad(seed ?? Float32Array.of(1));
    for (let i = order.length - 1; i >= 0; i--) {
      const node = order[i];
      if (node.backwardFn !== null && node.grad !== null) node.backwardFn(node.grad);
    }
    // Intermediate gradients are only needed during the sweep; keep leaves' gradients.
    for (const node of order) if (node.parents.length > 0) node.grad = null;
  }
}

function topologicalOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const visited = new Set<Tensor>();
  const stack: Array<[Tensor, number]> = [[root, 0]];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const [node, nextParent] = top;
    if (nextParent === 0) {
      if (visited.has(node)) {
        stack.pop();
        continue;
      }
      visited.add(node);
    }
    if (nextParent < node.parents.length) {
      top[1] = nextParent + 1;
      const parent = node.parents[nextParent];
      if (parent.requiresGrad && !visited.has(parent)) stack.push([parent, 0]);
    } else {
      stack.pop();
      order.push(node);
    }
  }
  return order;
}
