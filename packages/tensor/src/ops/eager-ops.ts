/** The eager OpSet: runs every op in TypeScript on Float32 tensors, recording autodiff tape when training. */
import { InvalidInputError } from "../errors.js";
import { Tensor } from "../core/tensor.js";
import type { Rng } from "../random.js";
import type { ParameterStore } from "../nn/parameter-store.js";
import type { OpSet } from "./op-set.js";
import { add, div, mul, scale, sub } from "./binary.js";
import { layerNorm } from "./layer-norm.js";
import { matmul } from "./matmul.js";
import { concat, gather, meanAxis, reshape, slice, squeeze, sumAxis, transpose } from "./shape-ops.js";
import { logSoftmax, softmax } from "./softmax.js";
import { gelu, relu, sigmoid, tanh } from "./unary.js";

/** Attention bias for masked keys; large enough that exp() underflows to exactly 0 in float32. */
export const MASKED_BIAS = -1e9;

export interface EagerOpsOptions {
  /** Enables dropout; it needs `rng`. */
  training?: boolean;
  rng?: Rng;
}

export class EagerOps implements OpSet<Tensor> {
  readonly kind = "eager" as const;
  readonly training: boolean;
  private readonly rng: Rng | undefined;

  constructor(readonly parameters: ParameterStore, options: EagerOpsOptions = {}) {
    this.training = options.training ?? false;
    this.rng = options.rng;
    if (this.training && this.rng === undefined) {
      throw new InvalidInputError("EagerOps: training mode needs an rng for dropout; pass { rng: createRng(seed) }");
    }
  }

  param(name: string): Tensor {
    return this.parameters.get(name);
  }

  matmul = matmul;
  add = add;
  sub = sub;
  mul = mul;
  div = div;
  scale = scale;
  softmax = softmax;
  layerNorm = layerNorm;
  gelu = gelu;
  tanh = tanh;
  sigmoid = sigmoid;
  relu = relu;
  logSoftmax = logSoftmax;
  sumAxis = sumAxis;
  reshape = reshape;
  transpose = transpose;
  slice = slice;
  concat = concat;
  gather = gather;
  meanAxis = meanAxis;
  squeeze = squeeze;

  leadingRows(table: Tensor, like: Tensor, axis: number): Tensor {
    const rows = like.shape[axis < 0 ? axis + like.rank : axis];
    if (rows > table.shape[0]) {
      throw new InvalidInputError(`leadingRows: needs ${rows} rows but the table has ${table.shape[0]}; the sequence is longer than the model's maximum`);
    }
    return slice(table, 0, 0, rows);
  }

  maskToBias(mask: Tensor): Tensor {
    if (mask.rank !== 2) throw new InvalidInputError(`maskToBias: mask must be [B, K], received rank ${mask.rank}`);
    const bias = mask.data.map((kept) => (kept > 0.5 ? 0 : MASKED_BIAS));
    return new Tensor(bias, [mask.shape[0], 1, 1, mask.shape[1]]);
  }

  dropout(a: Tensor, rate: number): Tensor {
    if (!this.training || rate === 0 || this.rng === undefined) return a;
    const rng = this.rng;
    const keep = 1 - rate;
    const factors = new Float32Array(a.size);
    for (let i = 0; i < factors.length; i++) factors[i] = rng.next() < keep ? 1 / keep : 0;
    return mul(a, new Tensor(factors, a.shape));
  }
}
