/**
 * The graph OpSet: records each op as ONNX nodes instead of computing it, so the same
 * forward pass that runs eagerly becomes an exportable ONNX graph.
 */
import { InvalidInputError } from "../errors.js";
import type { ParameterStore } from "../nn/parameter-store.js";
import type { OpSet } from "../ops/op-set.js";
import { MASKED_BIAS } from "../ops/eager-ops.js";
import { OnnxDataType, type OnnxElementType } from "../onnx/onnx-schema.js";

/** A symbolic value in the graph, named after the ONNX tensor it stands for. */
export class GraphValue {
  constructor(readonly name: string) {}
}

export type AttributeValue = number | number[] | string | { float: number };

export interface GraphNode {
  opType: string;
  inputs: string[];
  outputs: string[];
  name: string;
  attributes: Record<string, AttributeValue>;
}

export interface GraphInitializer {
  name: string;
  dims: number[];
  type: OnnxElementType;
  data: Float32Array | BigInt64Array;
}

export interface GraphIo {
  name: string;
  type: OnnxElementType;
  /** Numbers are fixed sizes; strings name dynamic axes such as "batch". */
  dims: Array<number | string>;
}

export class GraphBuilder implements OpSet<GraphValue> {
  readonly kind = "graph" as const;
  readonly training = false;
  readonly nodes: GraphNode[] = [];
  readonly initializers = new Map<string, GraphInitializer>();
  readonly inputs: GraphIo[] = [];
  readonly outputs: GraphIo[] = [];
  private nextId = 0;

  constructor(readonly parameters: ParameterStore) {}

  /** Declares a graph input. */
  input(name: string, type: OnnxElementType, dims: Array<number | string>): GraphValue {
    this.inputs.push({ name, type, dims });
    return new GraphValue(name);
  }

  /** Declares a graph output under `name`, adding an Identity node when the value has another name. */
  output(value: GraphValue, name: string, dims: Array<number | string>, type: OnnxElementType = "float"): void {
    if (value.name !== name) this.node("Identity", [value], {}, name);
    this.outputs.push({ name, type, dims });
  }

  param(name: string): GraphValue {
    if (!this.initializers.has(name)) {
      const tensor = this.parameters.get(name);
      this.initializers.set(name, { name, dims: [...tensor.shape], type: "float", data: tensor.data });
    }
    return new GraphValue(name);
  }

  /** A float scalar constant, shared by every use of the same value. */
  floatConstant(value: number): GraphValue {
    return this.constant(`const_f_${value}`, "float", [], Float32Array.of(value));
  }

  /** A 1-D int64 constant, used for shapes, axes and slice bounds. */
  int64Constant(values: readonly number[]): GraphValue {
    return this.constant(`const_i64_${values.join("_").replace(/-/g, "m")}`, "int64", [values.length], BigInt64Array.from(values.map(BigInt)));
  }

  private constant(name: string, type: OnnxElementType, dims: number[], data: Float32Array | BigInt64Array): GraphValue {
    if (!this.initializers.has(name)) this.initializers.set(name, { name, dims, type, data });
    return new GraphValue(name);
  }

  /** Appends one node and returns its first output. */
  node(opType: string, inputs: readonly GraphValue[], attributes: Record<string, AttributeValue> = {}, outputName?: string): GraphValue {
    const id = this.nextId++;
    const output = outputName ?? `${opType.toLowerCase()}_${id}`;
    this.nodes.push({ opType, inputs: inputs.map((value) => value.name), outputs: [output], name: `${opType}_${id}`, attributes });
    return new GraphValue(output);
  }

  matmul(a: GraphValue, b: GraphValue): GraphValue {
    return this.node("MatMul", [a, b]);
  }
  add(a: GraphValue, b: GraphValue): GraphValue {
    return this.node("Add", [a, b]);
  }
  sub(a: GraphValue, b: GraphValue): GraphValue {
    return this.node("Sub", [a, b]);
  }
  mul(a: GraphValue, b: GraphValue): GraphValue {
    return this.node("Mul", [a, b]);
  }
  scale(a: GraphValue, factor: number): GraphValue {
    return this.node("Mul", [a, this.floatConstant(factor)]);
  }
  softmax(a: GraphValue): GraphValue {
    return this.node("Softmax", [a], { axis: -1 });
  }
  layerNorm(x: GraphValue, gamma: GraphValue, beta: GraphValue, epsilon: number): GraphValue {
    return this.node("LayerNormalization", [x, gamma, beta], { axis: -1, epsilon: { float: epsilon } });
  }
  gelu(a: GraphValue): GraphValue {
    // 0.5 * x * (1 + erf(x / sqrt 2)): the exact GELU, built from opset-17 ops.
    const erf = this.node("Erf", [this.scale(a, Math.SQRT1_2)]);
    const onePlus = this.node("Add", [erf, this.floatConstant(1)]);
    return this.scale(this.node("Mul", [a, onePlus]), 0.5);
  }
  tanh(a: GraphValue): GraphValue {
    return this.node("Tanh", [a]);
  }
  reshape(a: GraphValue, shape: readonly number[]): GraphValue {
    return this.node("Reshape", [a, this.int64Constant(shape)]);
  }
  transpose(a: GraphValue, perm: readonly number[]): GraphValue {
    return this.node("Transpose", [a], { perm: [...perm] });
  }
  slice(a: GraphValue, axis: number, start: number, end: number): GraphValue {
    return this.node("Slice", [a, this.int64Constant([start]), this.int64Constant([end]), this.int64Constant([axis])]);
  }
  concat(parts: readonly GraphValue[], axis: number): GraphValue {
    if (parts.length === 0) throw new InvalidInputError("concat: needs at least one value");
    return this.node("Concat", parts, { axis });
  }
  gather(table: GraphValue, ids: GraphValue): GraphValue {
    return this.node("Gather", [table, ids], { axis: 0 });
  }
  squeeze(a: GraphValue, axis: number): GraphValue {
    return this.node("Squeeze", [a, this.int64Constant([axis])]);
  }
  meanAxis(a: GraphValue, axis: number): GraphValue {
    return this.node("ReduceMean", [a], { axes: [axis], keepdims: 1 });
  }
  leadingRows(table: GraphValue, like: GraphValue, axis: number): GraphValue {
    const length = this.node("Shape", [like], { start: axis, end: axis + 1 });
    return this.node("Slice", [table, this.int64Constant([0]), length, this.int64Constant([0])]);
  }
  maskToBias(mask: GraphValue): GraphValue {
    // (1 - mask) * MASKED_BIAS, then [B, K] -> [B, 1, 1, K].
    const asFloat = this.node("Cast", [mask], { to: OnnxDataType.float });
    const dropped = this.node("Sub", [this.floatConstant(1), asFloat]);
    const bias = this.scale(dropped, MASKED_BIAS);
    return this.node("Unsqueeze", [bias, this.int64Constant([1, 2])]);
  }
  dropout(a: GraphValue): GraphValue {
    return a;
  }
}
