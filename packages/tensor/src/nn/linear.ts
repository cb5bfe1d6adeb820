/** Affine layer y = x W + b over the last axis, with W stored as [in, out]. */
import type { OpSet } from "../ops/op-set.js";
import type { Rng } from "../random.js";
import type { ParameterStore } from "./parameter-store.js";
import { truncatedNormal, zeros } from "./init.js";

export class Linear {
  constructor(
    readonly name: string,
    readonly inFeatures: number,
    readonly outFeatures: number,
    readonly useBias = true,
  ) {}

  initialize(parameters: ParameterStore, rng: Rng, std = 0.02): void {
    parameters.create(`${this.name}.weight`, [this.inFeatures, this.outFeatures], truncatedNormal(rng, std));
    if (this.useBias) parameters.create(`${this.name}.bias`, [this.outFeatures], zeros);
  }

  forward<T>(ops: OpSet<T>, x: T): T {
    const product = ops.matmul(x, ops.param(`${this.name}.weight`));
    return this.useBias ? ops.add(product, ops.param(`${this.name}.bias`)) : product;
  }
}
