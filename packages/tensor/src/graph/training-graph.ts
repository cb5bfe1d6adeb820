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
  /** Per-class loss weights (length C); equal weights when absent. Cross-entropy only. */
  classWeights?: readonly number[];
  /**
   * The loss on the forward pass's output [B, C]: "cross-entropy" (softmax, int64 labels
   * [B], the default), "binary-cross-entropy" (sigmoid on each output, float targets
   * [B, C] in [0, 1]) or "mean-squared-error" (float targets [B, C]).
   */
  loss?: TrainingLoss;
  /** Parameters to differentiate; all that the forward pass reads when absent. */
  trainable?: readonly string[];
}

export interface TrainingGraph {
  bytes: Uint8Array;
  /** Parameters fed as inputs, each with a `grad.NAME` output. */
  parameterNames: string[];
  dropoutSites: DropoutSite[];
}

export type TrainingLoss = "cross-entropy" | "binary-cross-entropy" | "mean-squared-error";

/** Name of the labels input: int64 [B] for cross-entropy, float [B, C] targets otherwise. */
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
  const lossKind = spec.loss ?? "cross-entropy";
  let head: { loss: GraphValue; logitsGrad: GraphValue };
  if (lossKind === "cross-entropy") {
    head = crossEntropyHead(graph, logits, graph.input(LABELS_INPUT, "int64", [batch]), classes, spec.classWeights);
  } else {
    head = elementwiseHead(graph, logits, graph.input(LABELS_INPUT, "float", [batch, classes]), lossKind);
  }
  const { loss, logitsGrad } = head;
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

/**
 * Mean over all B x C outputs of binary cross-entropy on logits z with targets t,
 * max(z, 0) - z t + log(1 + exp(-|z|)), gradient (sigmoid(z) - t) / (B C); or of the squared
 * error (z - t)^2, gradient 2 (z - t) / (B C).
 */
function elementwiseHead(graph: GraphBuilder, outputs: GraphValue, targets: GraphValue, kind: Exclude<TrainingLoss, "cross-entropy">): { loss: GraphValue; logitsGrad: GraphValue } {
  const shape = outputs.shape!;
  const count = shape[0] * shape[1];
  const mean = (value: GraphValue): GraphValue => graph.scale(graph.node("ReduceSum", [value], { keepdims: 0 }, []), 1 / count);
  if (kind === "mean-squared-error") {
    const difference = graph.sub(outputs, targets);
    return { loss: mean(graph.mul(difference, difference)), logitsGrad: graph.scale(difference, 2 / count) };
  }
  const positivePart = graph.relu(outputs);
  const softplus = graph.node("Log", [graph.add(graph.floatConstant(1), graph.node("Exp", [graph.node("Neg", [graph.node("Abs", [outputs], {}, shape)], {}, shape)], {}, shape))], {}, shape);
  const perElement = graph.add(graph.sub(positivePart, graph.mul(outputs, targets)), softplus);
  return { loss: mean(perElement), logitsGrad: graph.scale(graph.sub(graph.sigmoid(outputs), targets), 1 / count) };
}

function floatVector(graph: GraphBuilder, name: string, values: readonly number[]): GraphValue {
  if (!graph.initializers.has(name)) graph.initializers.set(name, { name, dims: [values.length], type: "float", data: Float32Array.from(values) });
  graph.shapes.set(name, [values.length]);
  return graph.valueNamed(name);
}
