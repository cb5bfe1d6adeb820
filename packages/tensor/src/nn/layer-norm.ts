/** Layer normalisation module over the last axis with learned gain and bias. */
import type { OpSet } from "../ops/op-set.js";
import type { ParameterStore } from "./parameter-store.js";
import { ones, zeros } from "./init.js";

export class LayerNorm {
  constructor(readonly name: string, readonly features: number, readonly epsilon = 1e-5) {}

  initialize(parameters: ParameterStore): void {
    parameters.create(`${this.name}.weight`, [this.features], ones);
    parameters.create(`${this.name}.bias`, [this.features], zeros);
  }

  forward<T>(ops: OpSet<T>, x: T): T {
    return ops.layerNorm(x, ops.param(`${this.name}.weight`), ops.param(`${this.name}.bias`), this.epsilon);
  }
}
