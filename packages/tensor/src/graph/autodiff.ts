/**
 * Reverse-mode differentiation of a recorded graph: appends, to the same GraphBuilder,
 * the nodes that compute the gradient of a scalar objective with respect to chosen
 * parameters, so forward pass, loss and gradients run as one ONNX graph.
 *
 * It needs static shapes (declare every input with fixed sizes), because ONNX has no op
 * that sums a broadcast gradient back to an input's shape without knowing both shapes.
 */
import { UnsupportedOperationError, InvalidInputError } from "../errors.js";
import { GraphValue, type GraphBuilder, type GraphNode } from "./graph-builder.js";
import { gradientRules, type GradientContext } from "./gradient-rules.js";

/**
 * Back-propagates `seeds` (pairs of a forward value and the gradient of the objective
 * with respect to it) through the graph recorded so far. Returns the gradient of every
 * name in `wrt`; a parameter the objective does not depend on gets zeros.
 */
export function backpropagate(graph: GraphBuilder, seeds: ReadonlyArray<[GraphValue, GraphValue]>, wrt: readonly string[]): Map<string, GraphValue> {
  const forward = [...graph.nodes];
  const needsGrad = new Set<string>(wrt);
  for (const node of forward) {
    if (node.inputs.some((name) => needsGrad.has(name))) for (const output of node.outputs) needsGrad.add(output);
  }

  const grads = new Map<string, GraphValue>();
  const accumulate = (name: string, grad: GraphValue): void => {
    if (!needsGrad.has(name)) return;
    const existing = grads.get(name);
    grads.set(name, existing === undefined ? grad : graph.add(existing, grad));
  };
  for (const [value, grad] of seeds) accumulate(value.name, grad);

  const context = makeContext(graph);
  for (let i = forward.length - 1; i >= 0; i--) {
    const node = forward[i];
    const outputGrad = grads.get(node.outputs[0]);
    if (outputGrad === undefined || !node.inputs.some((name) => needsGrad.has(name))) continue;
    const rule = gradientRules[node.opType];
    if (rule === undefined) {
      throw new UnsupportedOperationError(`backpropagate: no gradient for op ${node.opType} (node ${node.name}); training graphs support ${Object.keys(gradientRules).sort().join(", ")}`);
    }
    const inputGrads = rule(context, node, outputGrad, (index) => needsGrad.has(node.inputs[index]));
    inputGrads.forEach((grad, index) => {
      if (grad !== undefined) accumulate(node.inputs[index], grad);
    });
  }

  const result = new Map<string, GraphValue>();
  for (const name of wrt) result.set(name, grads.get(name) ?? context.zeros(context.shapeOf(name)));
  return result;
}

function makeContext(graph: GraphBuilder): GradientContext {
  const shapeOf = (name: string): readonly number[] => {
    const shape = graph.shapes.get(name);
    if (shape === undefined) {
      throw new InvalidInputError(`backpropagate: value "${name}" has no static shape; declare every graph input with fixed sizes`);
    }
    return shape;
  };
  const valueOf = (name: string): GraphValue => new GraphValue(name, graph.shapes.get(name));
  const int64Values = (name: string): number[] => {
    const initializer = graph.initializers.get(name);
    if (initializer === undefined || !(initializer.data instanceof BigInt64Array)) {
      throw new UnsupportedOperationError(`backpropagate: "${name}" must be an int64 constant to differentiate through it`);
    }
    return Array.from(initializer.data, Number);
  };
  return {
    graph,
    shapeOf,
    valueOf,
    int64Values,
    zeros: (shape) => graph.node("Expand", [graph.floatConstant(0), graph.int64Constant(shape)], {}, shape),
  };
}

export type { GraphNode };
