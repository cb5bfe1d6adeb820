/** Named model weights: one owner for every parameter tensor, shared by eager runs and graph export. */
import { InvalidInputError } from "../errors.js";
import { Tensor } from "../core/tensor.js";
import { formatShape } from "../core/shape.js";

export class ParameterStore {
  private readonly tensors = new Map<string, Tensor>();

  /** Registers a new parameter; names are unique, dotted paths such as `encoder.layers.0.attention.query.weight`. */
  create(name: string, shape: readonly number[], init: (index: number) => number): Tensor {
    if (this.tensors.has(name)) throw new InvalidInputError(`ParameterStore: parameter "${name}" is already defined`);
    const tensor = Tensor.zeros(shape);
    for (let i = 0; i < tensor.size; i++) tensor.data[i] = init(i);
    this.tensors.set(name, tensor);
    return tensor;
  }

  get(name: string): Tensor {
    const tensor = this.tensors.get(name);
    if (tensor === undefined) {
      throw new InvalidInputError(`ParameterStore: no parameter named "${name}"; known names start with ${[...this.tensors.keys()].slice(0, 3).join(", ")}`);
    }
    return tensor;
  }

  has(name: string): boolean {
    return this.tensors.has(name);
  }

  names(): string[] {
    return [...this.tensors.keys()];
  }

  entries(): Array<[string, Tensor]> {
    return [...this.tensors.entries()];
  }

  /** Total number of scalar weights. */
  count(): number {
    let total = 0;
    for (const tensor of this.tensors.values()) total += tensor.size;
    return total;
  }

  /** Replaces a parameter's values in place, checking the shape. */
  load(name: string, data: Float32Array, shape: readonly number[]): void {
    const tensor = this.get(name);
    if (formatShape(tensor.shape) !== formatShape(shape)) {
      throw new InvalidInputError(`ParameterStore: parameter "${name}" has shape ${formatShape(tensor.shape)}, the loaded data has ${formatShape(shape)}`);
    }
    tensor.data.set(data);
  }

  /** Marks every parameter as trainable (or not) and clears old gradients. */
  setTrainable(trainable: boolean): void {
    for (const tensor of this.tensors.values()) {
      tensor.requiresGrad = trainable;
      tensor.grad = null;
    }
  }
}
