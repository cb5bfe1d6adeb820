/**
 * Gradient rules of the ONNX ops that GraphBuilder records, one function per op type.
 * Each receives the forward node and the gradient of its output and returns the gradient
 * of each input (undefined for inputs that need none, such as ids, masks and shapes).
 */
import type { GraphBuilder, GraphNode, GraphValue } from "./graph-builder.js";

export interface GradientContext {
  graph: GraphBuilder;
  shapeOf(name: string): readonly number[];
  valueOf(name: string): GraphValue;
  int64Values(name: string): number[];
  zeros(shape: readonly number[]): GraphValue;
}

export type GradientRule = (
  context: GradientContext, node: GraphNode, grad: GraphValue, needs: (inputIndex: number) => boolean,
) => Array<GraphValue | undefined>;

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/** Sums a broadcast gradient back down to `target` (numpy broadcasting rules). */
export function sumTo(context: GradientContext, grad: GraphValue, target: readonly number[]): GraphValue {
  const { graph } = context;
  const shape = context.shapeOf(grad.name);
  if (shape.length === target.length && shape.every((dim, i) => dim === target[i])) return grad;
  const offset = shape.length - target.length;
  const axes: number[] = [];
  shape.forEach((dim, axis) => {
    if (axis < offset || (target[axis - offset] === 1 && dim !== 1)) axes.push(axis);
  });
  const keptShape = shape.map((dim, axis) => (axes.includes(axis) ? 1 : dim));
  const summed = axes.length === 0 ? grad : graph.node("ReduceSum", [grad, graph.int64Constant(axes)], { keepdims: 1 }, keptShape);
  return graph.reshape(summed, target);
}

function swapLastTwo(graph: GraphBuilder, value: GraphValue): GraphValue {
  const rank = value.shape!.length;
  const perm = [...Array(rank).keys()];
  [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
  return graph.transpose(value, perm);
}

const matmulGrad: GradientRule = (context, node, grad, needs) => {
  const { graph } = context;
  const a = context.valueOf(node.inputs[0]);
  const b = context.valueOf(node.inputs[1]);
  const aShape = context.shapeOf(a.name);
  const bShape = context.shapeOf(b.name);
  const gradA = needs(0) ? sumTo(context, graph.matmul(grad, swapLastTwo(graph, b)), aShape) : undefined;
  let gradB: GraphValue | undefined;
  if (needs(1)) {
    if (bShape.length === 2 && aShape.length > 2) {
      // A weight shared by every batch: fold the batch dims into rows, then A^T G.
      const rowsA = graph.reshape(a, [-1, aShape[aShape.length - 1]]);
      const rowsGrad = graph.reshape(grad, [-1, bShape[1]]);
      gradB = graph.matmul(graph.transpose(rowsA, [1, 0]), rowsGrad);
    } else {
      gradB = sumTo(context, graph.matmul(swapLastTwo(graph, a), grad), bShape);
    }
  }
  return [gradA, gradB];
};

const elementwise: Record<string, GradientRule> = {
  Identity: (_context, _node, grad) => [grad],
  Add: (context, node, grad, needs) => [
    needs(0) ? sumTo(context, grad, context.shapeOf(node.inputs[0])) : undefined,
    needs(1) ? sumTo(context, grad, context.shapeOf(node.inputs[1])) : undefined,
  ],
  Sub: (context, node, grad, needs) => [
    needs(0) ? sumTo(context, grad, context.shapeOf(node.inputs[0])) : undefined,
    needs(1) ? context.graph.node("Neg", [sumTo(context, grad, context.shapeOf(node.inputs[1]))], {}, context.shapeOf(node.inputs[1])) : undefined,
  ],
  Mul: (context, node, grad, needs) => {
    const [a, b] = node.inputs.map((name) => context.valueOf(name));
    return [
      needs(0) ? sumTo(context, context.graph.mul(grad, b), context.shapeOf(a.name)) : undefined,
      needs(1) ? sumTo(context, context.graph.mul(grad, a), context.shapeOf(b.name)) : undefined,
    ];
  },
  Div: (context, node, grad, needs) => {
    const { graph } = context;
    const [a, b] = node.inputs.map((name) => context.valueOf(name));
    const quotient = graph.div(grad, b);
    return [
      needs(0) ? sumTo(context, quotient, context.shapeOf(a.name)) : undefined,
      needs(1) ? sumTo(context, graph.node("Neg", [graph.div(graph.mul(quotient, a), b)], {}, context.shapeOf(node.outputs[0])), context.shapeOf(b.name)) : undefined,
    ];
  },
  Sigmoid: (context, node, grad) => {
    const { graph } = context;
    const y = context.valueOf(node.outputs[0]);
    return [graph.mul(grad, graph.mul(y, graph.sub(graph.floatConstant(1), y)))];
  },
  Relu: (context, node, grad) => {
    const { graph } = context;
    const x = context.valueOf(node.inputs[0]);
    const positive = graph.node("Cast", [graph.node("Greater", [x, graph.floatConstant(0)], {}, x.shape)], { to: 1 }, x.shape);
    return [graph.mul(grad, positive)];
  },
  LogSoftmax: (context, node, grad) => {
    const { graph } = context;
    const y = context.valueOf(node.outputs[0]);
    const shape = context.shapeOf(y.name);
    const total = graph.node("ReduceSum", [grad, graph.int64Constant([-1])], { keepdims: 1 }, [...shape.slice(0, -1), 1]);
    return [graph.sub(grad, graph.mul(graph.node("Exp", [y], {}, shape), total))];
  },
  Erf: (context, node, grad) => {
    const { graph } = context;
    const x = context.valueOf(node.inputs[0]);
    const gaussian = graph.node("Exp", [graph.node("Neg", [graph.mul(x, x)], {}, x.shape)], {}, x.shape);
    return [graph.mul(grad, graph.scale(gaussian, TWO_OVER_SQRT_PI))];
  },
  Tanh: (context, node, grad) => {
    const { graph } = context;
    const y = context.valueOf(node.outputs[0]);
    return [graph.mul(grad, graph.sub(graph.floatConstant(1), graph.mul(y, y)))];
  },
  Softmax: (context, node, grad) => {
    const { graph } = context;
    const y = context.valueOf(node.outputs[0]);
    const shape = context.shapeOf(y.name);
    const dot = graph.node("ReduceSum", [graph.mul(grad, y), graph.int64Constant([-1])], { keepdims: 1 }, [...shape.slice(0, -1), 1]);
    return [graph.mul(y, graph.sub(grad, dot))];
  },
};

const layerNormGrad: GradientRule = (context, node, grad, needs) => {
  const { graph } = context;
  const [x, gamma] = node.inputs.map((name) => context.valueOf(name));
  const shape = context.shapeOf(x.name);
  const width = shape[shape.length - 1];
  const epsilon = (node.attributes.epsilon as { float: number }).float;
  const rowShape = [...shape.slice(0, -1), 1];
  const rowMean = (value: GraphValue): GraphValue => graph.node("ReduceMean", [value], { axes: [-1], keepdims: 1 }, rowShape);

  // Recompute the normalised input n = (x - mean) / sqrt(var + eps) of the forward pass.
  const centered = graph.sub(x, rowMean(x));
  const variance = rowMean(graph.mul(centered, centered));
  const inverseStd = graph.node("Reciprocal", [graph.node("Sqrt", [graph.add(variance, graph.floatConstant(epsilon))], {}, rowShape)], {}, rowShape);
  const normalized = graph.mul(centered, inverseStd);

  const scaled = graph.mul(grad, gamma);
  const gradX = needs(0)
    ? graph.mul(inverseStd, graph.sub(graph.sub(scaled, rowMean(scaled)), graph.mul(normalized, rowMean(graph.mul(scaled, normalized)))))
    : undefined;
  return [
    gradX,
    needs(1) ? sumTo(context, graph.mul(grad, normalized), [width]) : undefined,
    needs(2) ? sumTo(context, grad, [width]) : undefined,
  ];
};

const movement: Record<string, GradientRule> = {
  Reshape: (context, node, grad) => [context.graph.reshape(grad, context.shapeOf(node.inputs[0]))],
  Transpose: (context, node, grad) => {
    const perm = node.attributes.perm as number[];
    const inverse = new Array<number>(perm.length);
    perm.forEach((axis, i) => (inverse[axis] = i));
    return [context.graph.transpose(grad, inverse)];
  },
  Squeeze: (context, node, grad) => {
    const shape = context.shapeOf(node.inputs[0]);
    return [context.graph.node("Unsqueeze", [grad, context.valueOf(node.inputs[1])], {}, shape)];
  },
  Slice: (context, node, grad) => {
    // Pads the gradient with zeros back to the input's size along the sliced axis.
    const shape = context.shapeOf(node.inputs[0]);
    const outShape = context.shapeOf(node.outputs[0]);
    const [start] = context.int64Values(node.inputs[1]);
    const [axisRaw] = context.int64Values(node.inputs[3]);
    const axis = axisRaw < 0 ? axisRaw + shape.length : axisRaw;
    const pads = new Array<number>(2 * shape.length).fill(0);
    pads[axis] = start;
    pads[shape.length + axis] = shape[axis] - start - outShape[axis];
    return [context.graph.node("Pad", [grad, context.graph.int64Constant(pads)], {}, shape)];
  },
  Concat: (context, node, grad) => {
    const axis = node.attributes.axis as number;
    let offset = 0;
    return node.inputs.map((name) => {
      const shape = context.shapeOf(name);
      const resolved = axis < 0 ? axis + shape.length : axis;
      const part = context.graph.slice(grad, resolved, offset, offset + shape[resolved]);
      offset += shape[resolved];
      return part;
    });
  },
  Gather: (context, node, grad, needs) => {
    if (!needs(0)) return [];
    // Scatter-add each row's gradient into a zero table (ScatterND, reduction "add", opset 16+).
    const { graph } = context;
    const tableShape = context.shapeOf(node.inputs[0]);
    const idsShape = context.shapeOf(node.inputs[1]);
    const indices = graph.node("Unsqueeze", [context.valueOf(node.inputs[1]), graph.int64Constant([-1])], {}, [...idsShape, 1]);
    return [graph.node("ScatterND", [context.zeros(tableShape), indices, grad], { reduction: "add" }, tableShape)];
  },
  ReduceSum: (context, node, grad) => {
    const shape = context.shapeOf(node.inputs[0]);
    const axes = context.int64Values(node.inputs[1]).map((axis) => (axis < 0 ? axis + shape.length : axis));
    // Put the summed axes back as size 1 when the forward pass dropped them.
    const kept = node.attributes.keepdims === 0 ? context.graph.reshape(grad, shape.map((dim, axis) => (axes.includes(axis) ? 1 : dim))) : grad;
    return [context.graph.node("Expand", [kept, context.graph.int64Constant(shape)], {}, shape)];
  },
  ReduceMean: (context, node, grad) => {
    const shape = context.shapeOf(node.inputs[0]);
    const axes = (node.attributes.axes as number[]).map((axis) => (axis < 0 ? axis + shape.length : axis));
    const count = axes.reduce((product, axis) => product * shape[axis], 1);
    const scaled = context.graph.scale(grad, 1 / count);
    return [context.graph.node("Expand", [scaled, context.graph.int64Constant(shape)], {}, shape)];
  },
};

export const gradientRules: Record<string, GradientRule> = {
  ...elementwise,
  ...movement,
  MatMul: matmulGrad,
  LayerNormalization: layerNormGrad,
};
