/** Lookup table from integer ids to learned vectors. */
import type { OpSet } from "../ops/op-set.js";
import type { Rng } from "../random.js";
import type { ParameterStore } from "./parameter-store.js";
import { truncatedNormal } from "./init.js";

export class Embedding {
  constructor(readonly name: string, readonly count: number, readonly features: number) {}

  initialize(parameters: ParameterStore, rng: Rng, std = 0.02): void {
    parameters.create(`${this.name}.weight`, [this.count, this.features], truncatedNormal(rng, std));
  }

  forward<T>(ops: OpSet<T>, ids: T): T {
    return ops.gather(ops.param(`${this.name}.weight`), ids);
  }

  /** Rows 0..n-1 where n is `like`'s length along `axis`: learned positions for a sequence. */
  positions<T>(ops: OpSet<T>, like: T, axis: number): T {
    return ops.leadingRows(ops.param(`${this.name}.weight`), like, axis);
  }
}
