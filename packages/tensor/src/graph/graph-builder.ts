/**
 * The graph OpSet: records each op as ONNX nodes instead of computing it, so the same
 * forward pass that runs eagerly becomes an exportable ONNX graph.
 *
 * When every input has fixed sizes, each value also carries its static shape. Training
 * graphs rely on that (see autodiff.ts); inference exports with dynamic axes do not.
 */
import { InvalidInputError } from "../errors.js";
import type { ParameterStore } from "../nn/parameter-store.js";
import type { OpSet } from "../ops/op-set.js";
import { MASKED_BIAS } from "../ops/eager-ops.js";
import { OnnxDataType, type OnnxElementType } from "../onnx/onnx-schema.js";
import { broadcastShapes, normalizeAxis, resolveReshape } from "../core/shape.js";
import { quantizedMatmul, quantizedTable } from "./quantize.js";

/** A symbolic value in the graph, named after the ONNX tensor it stands for. */
export class GraphValue {
  constructor(
    readonly name: string,
    /** Static shape, when every size it depends on is fixed. */
    readonly shape?: readonly number[],
  ) {}
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
  data: Float32Array | BigInt64Array | Uint8Array | Int8Array;
}

export interface GraphIo {
  name: string;
  type: OnnxElementType;
  /** Numbers are fixed sizes; strings name dynamic axes such as "batch". */
  dims: Array<number | string>;
}

export interface GraphBuilderOptions {
  /**
   * Declare parameters as graph inputs instead of initializers, so a training graph can
   * be fed new weights every step.
   */
  parametersAsInputs?: boolean;
  /**
   * Record dropout as a multiplication by a mask fed as a graph input (named
   * `dropout_mask.N`, values 0 or 1 / (1 - rate)), so masks come from a seeded generator.
   */
  dropoutMasks?: boolean;
  /**
   * "int8": dynamic int8 quantisation of inference exports. Weights of matrix products
   * are stored as int8 with a float scale per output column. At run time the activations
   * are quantised (DynamicQuantizeLinear) and multiplied with MatMulInteger. Embedding
   * tables are stored as int8 with a scale per row. Biases, norms and position tables
   * stay float32.
   */
  quantizeWeights?: "int8";
}

/** A dropout site of a training graph: the mask input's name, shape and rate. */
export interface DropoutSite {
  name: string;
  shape: readonly number[];
  rate: number;
}

export type Shape = readonly number[] | undefined;

export class GraphBuilder implements OpSet<GraphValue> {
  readonly kind = "graph" as const;
  readonly training: boolean;
  readonly nodes: GraphNode[] = [];
  readonly initializers = new Map<string, GraphInitializer>();
  readonly inputs: GraphIo[] = [];
  readonly outputs: GraphIo[] = [];
  /** Static shapes of values, by name. */
  readonly shapes = new Map<string, readonly number[]>();
  readonly dropoutSites: DropoutSite[] = [];
  private readonly parameterInputs = new Set<string>();
  private nextId = 0;

  constructor(readonly parameters: ParameterStore, readonly options: GraphBuilderOptions = {}) {
    this.training = options.dropoutMasks === true;
  }

  /** Declares a graph input. */
  input(name: string, type: OnnxElementType, dims: Array<number | string>): GraphValue {
    this.inputs.push({ name, type, dims });
    const shape = dims.every((dim) => typeof dim === "number") ? (dims as number[]) : undefined;
    return this.value(name, shape);
  }

  /** Declares a graph output under `name`, adding an Identity node when the value has another name. */
  output(value: GraphValue, name: string, dims: Array<number | string>, type: OnnxElementType = "float"): void {
    if (value.name !== name) this.node("Identity", [value], {}, value.shape, name);
    this.outputs.push({ name, type, dims });
  }

  param(name: string): GraphValue {
    const tensor = this.parameters.get(name);
    if (this.options.parametersAsInputs === true) {
      if (!this.parameterInputs.has(name)) {
        this.parameterInputs.add(name);
        this.inputs.push({ name, type: "float", dims: [...tensor.shape] });
      }
    } else if (!this.initializers.has(name)) {
      this.initializers.set(name, { name, dims: [...tensor.shape], type: "float", data: tensor.data });
    }
    return this.value(name, tensor.shape);
  }

  /** Returns the value of an existing graph tensor, with its static shape when known. */
  valueNamed(name: string): GraphValue {
    return new GraphValue(name, this.shapes.get(name));
  }

  /** Names of the parameters this graph reads, in first-use order. */
  usedParameters(): string[] {
    return this.options.parametersAsInputs === true ? [...this.parameterInputs] : [...this.initializers.keys()].filter((name) => this.parameters.has(name));
  }

  /** Returns a float scalar constant, shared by every use of the same value. */
  floatConstant(value: number): GraphValue {
    return this.constant(`const_f_${value}`, "float", [], Float32Array.of(value));
  }

  /** Returns a 1-D int64 constant, used for shapes, axes and slice bounds. */
  int64Constant(values: readonly number[]): GraphValue {
    return this.constant(`const_i64_${values.join("_").replace(/-/g, "m")}`, "int64", [values.length], BigInt64Array.from(values.map(BigInt)));
  }

  private constant(name: string, type: OnnxElementType, dims: number[], data: Float32Array | BigInt64Array): GraphValue {
    if (!this.initializers.has(name)) this.initializers.set(name, { name, dims, type, data });
    return this.value(name, dims);
  }

  private value(name: string, shape: Shape): GraphValue {
    if (shape !== undefined) this.shapes.set(name, shape);
    return new GraphValue(name, shape);
  }

  /** Appends one node and returns its first output, with `shape` when it is known. */
  node(opType: string, inputs: readonly GraphValue[], attributes: Record<string, AttributeValue> = {}, shape?: Shape, outputName?: string): GraphValue {
    const id = this.nextId++;
    const output = outputName ?? `${opType.toLowerCase()}_${id}`;
    this.nodes.push({ opType, inputs: inputs.map((value) => value.name), outputs: [output], name: `${opType}_${id}`, attributes });
    return this.value(output, shape);
  }

  matmul(a: GraphValue, b: GraphValue): GraphValue {
    if (this.options.quantizeWeights === "int8" && this.parameters.has(b.name) && this.parameters.get(b.name).rank === 2) {
      return quantizedMatmul(this, a, b.name);
    }
    return this.node("MatMul", [a, b], {}, matmulShape(a.shape, b.shape));
  }

  /** Appends a node with several outputs and returns them all. */
  nodeOutputs(opType: string, inputs: readonly GraphValue[], attributes: Record<string, AttributeValue>, shapes: Shape[]): GraphValue[] {
    const id = this.nextId++;
    const outputs = shapes.map((_, i) => `${opType.toLowerCase()}_${id}_${i}`);
    this.nodes.push({ opType, inputs: inputs.map((value) => value.name), outputs, name: `${opType}_${id}`, attributes });
    return outputs.map((name, i) => this.value(name, shapes[i]));
  }

  /** Adds a constant initializer of any supported type and returns it. */
  addInitializer(initializer: GraphInitializer): GraphValue {
    this.initializers.set(initializer.name, initializer);
    return this.value(initializer.name, initializer.dims);
  }
  add(a: GraphValue, b: GraphValue): GraphValue {
    return this.node("Add", [a, b], {}, broadcast(a.shape, b.shape));
  }
  sub(a: GraphValue, b: GraphValue): GraphValue {
    return this.node("Sub", [a, b], {}, broadcast(a.shape, b.shape));
  }
  mul(a: GraphValue, b: GraphValue): GraphValue {
    return this.node("Mul", [a, b], {}, broadcast(a.shape, b.shape));
  }
  div(a: GraphValue, b: GraphValue): GraphValue {
    return this.node("Div", [a, b], {}, broadcast(a.shape, b.shape));
  }
  sigmoid(a: GraphValue): GraphValue {
    return this.node("Sigmoid", [a], {}, a.shape);
  }
  relu(a: GraphValue): GraphValue {
    return this.node("Relu", [a], {}, a.shape);
  }
  logSoftmax(a: GraphValue): GraphValue {
    return this.node("LogSoftmax", [a], { axis: -1 }, a.shape);
  }
  sumAxis(a: GraphValue, axis: number): GraphValue {
    const shape = a.shape?.map((dim, i) => (i === normalizeAxis(axis, a.shape!.length, "sumAxis") ? 1 : dim));
    return this.node("ReduceSum", [a, this.int64Constant([axis])], { keepdims: 1 }, shape);
  }
  scale(a: GraphValue, factor: number): GraphValue {
    return this.node("Mul", [a, this.floatConstant(factor)], {}, a.shape);
  }
  softmax(a: GraphValue): GraphValue {
    return this.node("Softmax", [a], { axis: -1 }, a.shape);
  }
  layerNorm(x: GraphValue, gamma: GraphValue, beta: GraphValue, epsilon: number): GraphValue {
    return this.node("LayerNormalization", [x, gamma, beta], { axis: -1, epsilon: { float: epsilon } }, x.shape);
  }
  gelu(a: GraphValue): GraphValue {
    // 0.5 * x * (1 + erf(x / sqrt 2)): the exact GELU, built from opset-17 ops.
    const erf = this.node("Erf", [this.scale(a, Math.SQRT1_2)], {}, a.shape);
    const onePlus = this.node("Add", [erf, this.floatConstant(1)], {}, a.shape);
    return this.scale(this.node("Mul", [a, onePlus], {}, a.shape), 0.5);
  }
  tanh(a: GraphValue): GraphValue {
    return this.node("Tanh", [a], {}, a.shape);
  }
  reshape(a: GraphValue, shape: readonly number[]): GraphValue {
    const resolved = a.shape === undefined ? undefined : resolveReshape(a.shape, shape, "reshape");
    return this.node("Reshape", [a, this.int64Constant(shape)], {}, resolved);
  }
  transpose(a: GraphValue, perm: readonly number[]): GraphValue {
    return this.node("Transpose", [a], { perm: [...perm] }, a.shape === undefined ? undefined : perm.map((axis) => a.shape![axis]));
  }
  slice(a: GraphValue, axis: number, start: number, end: number): GraphValue {
    const shape = a.shape?.map((dim, i) => (i === normalizeAxis(axis, a.shape!.length, "slice") ? end - start : dim));
    return this.node("Slice", [a, this.int64Constant([start]), this.int64Constant([end]), this.int64Constant([axis])], {}, shape);
  }
  concat(parts: readonly GraphValue[], axis: number): GraphValue {
    if (parts.length === 0) throw new InvalidInputError("concat: needs at least one value");
    let shape: Shape;
    if (parts.every((part) => part.shape !== undefined)) {
      const first = parts[0].shape!;
      const resolved = normalizeAxis(axis, first.length, "concat");
      shape = first.map((dim, i) => (i === resolved ? parts.reduce((sum, part) => sum + part.shape![i], 0) : dim));
    }
    return this.node("Concat", parts, { axis }, shape);
  }
  gather(table: GraphValue, ids: GraphValue): GraphValue {
    const shape = table.shape !== undefined && ids.shape !== undefined ? [...ids.shape, ...table.shape.slice(1)] : undefined;
    const source = this.options.quantizeWeights === "int8" && this.parameters.has(table.name) ? quantizedTable(this, table.name) : table;
    return this.node("Gather", [source, ids], { axis: 0 }, shape);
  }
  squeeze(a: GraphValue, axis: number): GraphValue {
    return this.node("Squeeze", [a, this.int64Constant([axis])], {}, a.shape?.filter((_, i) => i !== normalizeAxis(axis, a.shape!.length, "squeeze")));
  }
  meanAxis(a: GraphValue, axis: number): GraphValue {
    const shape = a.shape?.map((dim, i) => (i === normalizeAxis(axis, a.shape!.length, "meanAxis") ? 1 : dim));
    return this.node("ReduceMean", [a], { axes: [axis], keepdims: 1 }, shape);
  }
  leadingRows(table: GraphValue, like: GraphValue, axis: number): GraphValue {
    const length = this.node("Shape", [like], { start: axis, end: axis + 1 }, [1]);
    const rows = like.shape?.[normalizeAxis(axis, like.shape.length, "leadingRows")];
    const shape = rows !== undefined && table.shape !== undefined ? [rows, ...table.shape.slice(1)] : undefined;
    return this.node("Slice", [table, this.int64Constant([0]), length, this.int64Constant([0])], {}, shape);
  }
  maskToBias(mask: GraphValue): GraphValue {
    // (1 - mask) * MASKED_BIAS, then [B, K] -> [B, 1, 1, K].
    const asFloat = this.node("Cast", [mask], { to: OnnxDataType.float }, mask.shape);
    const dropped = this.node("Sub", [this.floatConstant(1), asFloat], {}, mask.shape);
    const bias = this.scale(dropped, MASKED_BIAS);
    const shape = mask.shape === undefined ? undefined : [mask.shape[0], 1, 1, mask.shape[1]];
    return this.node("Unsqueeze", [bias, this.int64Constant([1, 2])], {}, shape);
  }
  dropout(a: GraphValue, rate: number): GraphValue {
    if (!this.training || rate === 0) return a;
    if (a.shape === undefined) throw new InvalidInputError("dropout: a training graph needs static shapes; declare inputs with fixed sizes");
    const name = `dropout_mask.${this.dropoutSites.length}`;
    this.dropoutSites.push({ name, shape: a.shape, rate });
    return this.mul(a, this.input(name, "float", [...a.shape]));
  }
}

function broadcast(a: Shape, b: Shape): number[] | undefined {
  return a === undefined || b === undefined ? undefined : broadcastShapes(a, b, "graph");
}

function matmulShape(a: Shape, b: Shape): number[] | undefined {
  if (a === undefined || b === undefined) return undefined;
  const batch = broadcastShapes(a.slice(0, -2), b.slice(0, -2), "matmul");
  return [...batch, a[a.length - 2], b[b.length - 1]];
}
