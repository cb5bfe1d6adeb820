/**
 * Builds one ONNX graph that computes a classifier's loss and the gradient of every
 * parameter: the model's forward pass with parameters as inputs, mean softmax
 * cross-entropy against int64 labels, and the appended backward pass.
 *
 * Shape letters: B batch, C classes.
 */
import { InvalidInputError } from "../errors.js";
import type { ParameterStore } from "../nn/parameter-store.js";
import { exportOnnx } from "../onnx/export.js";
import type { OnnxElementType } from "../onnx/onnx-schema.js";
import { backpropagate } from "./autodiff.js";
import { GraphBuilder, type DropoutSite, type GraphValue } from "./graph-builder.js";

export interface TrainingInputSpec {
  name: string;
  type: OnnxElementType;
  /** Fixed sizes: a training graph is built per batch shape. */
  shape: number[];
}

export interface TrainingGraphSpec {
  inputs: TrainingInputSpec[];
  /** Records the forward pass and returns logits [B, C]. */
  forward: (graph: GraphBuilder, inputs: Record<string, GraphValue>) => GraphValue;
  /** Per-class loss weights (length C); equal weights when absent. */
  classWeights?: readonly number[];
  /** Parameters to differentiate; all that the forward pass reads when absent. */
  trainable?: readonly string[];
}

export interface TrainingGraph {
  bytes: Uint8Array;
  /** Parameters fed as inputs, each with a `grad.NAME` output. */
  parameterNames: string[];
  dropoutSites: DropoutSite[];
}

/** Name of the int64 [B] labels input. */
export const LABELS_INPUT = "labels";
/** Name of the scalar loss output. */
export const LOSS_OUTPUT = "loss";

export function buildTrainingGraph(parameters: ParameterStore, spec: TrainingGraphSpec): TrainingGraph {
  const graph = new GraphBuilder(parameters, { parametersAsInputs: true, dropoutMasks: true });
  const inputs = Object.fromEntries(spec.inputs.map((input) => [input.name, graph.input(input.name, input.type, input.shape)]));
  const logits = spec.forward(graph, inputs);
  const logitsShape = logits.shape;
  if (logitsShape === undefined || logitsShape.length !== 2) {
    throw new InvalidInputError(`buildTrainingGraph: the forward pass must return logits of static shape [B, C], received ${logitsShape === undefined ? "a dynamic shape" : `[${logitsShape.join(", ")}]`}`);
  }
  const [batch, classes] = logitsShape;
  const labels = graph.input(LABELS_INPUT, "int64", [batch]);
  const { loss, logitsGrad } = crossEntropyHead(graph, logits, labels, classes, spec.classWeights);
  graph.output(loss, LOSS_OUTPUT, []);

  const parameterNames = [...(spec.trainable ?? graph.usedParameters())];
  const grads = backpropagate(graph, [[logits, logitsGrad]], parameterNames);
  for (const name of parameterNames) graph.output(grads.get(name)!, `grad.${name}`, [...parameters.get(name).shape]);
  return { bytes: exportOnnx(graph, { graphName: "training-step" }), parameterNames, dropoutSites: graph.dropoutSites };
}

/**
 * Weighted mean cross-entropy: loss = -sum_i w[y_i] log softmax(z_i)[y_i] / sum_i w[y_i],
 * with its gradient dz = (softmax(z) - onehot(y)) * w[y_i] / sum_i w[y_i] written in closed form.
 */
function crossEntropyHead(graph: GraphBuilder, logits: GraphValue, labels: GraphValue, classes: number, classWeights?: readonly number[]): { loss: GraphValue; logitsGrad: GraphValue } {
  const batch = logits.shape![0];
  const weightsTable = floatVector(graph, "class_weights", classWeights ?? new Array<number>(classes).fill(1));
  const weights = graph.node("Gather", [weightsTable, labels], { axis: 0 }, [batch]);
  const normalizedWeights = graph.node("Div", [weights, graph.node("ReduceSum", [weights], { keepdims: 0 }, [])], {}, [batch]);
  const rowWeights = graph.node("Unsqueeze", [normalizedWeights, graph.int64Constant([1])], {}, [batch, 1]);

  const oneHot = graph.node("OneHot", [labels, graph.int64Constant([classes]), floatVector(graph, "one_hot_values", [0, 1])], { axis: -1 }, [batch, classes]);
  const logProbabilities = graph.node("LogSoftmax", [logits], { axis: -1 }, [batch, classes]);
  const picked = graph.node("ReduceSum", [graph.mul(oneHot, logProbabilities), graph.int64Constant([1])], { keepdims: 0 }, [batch]);
  const loss = graph.node("Neg", [graph.node("ReduceSum", [graph.mul(picked, normalizedWeights)], { keepdims: 0 }, [])], {}, []);
  const probabilities = graph.node("Softmax", [logits], { axis: -1 }, [batch, classes]);
  return { loss, logitsGrad: graph.mul(graph.sub(probabilities, oneHot), rowWeights) };
}

function floatVector(graph: GraphBuilder, name: string, values: readonly number[]): GraphValue {
  if (!graph.initializers.has(name)) graph.initializers.set(name, { name, dims: [values.length], type: "float", data: Float32Array.from(values) });
  graph.shapes.set(name, [values.length]);
  return graph.valueNamed(name);
}
