/**
 * Platform-neutral surface of @finfuse/tensor. The node and browser entry points
 * (index.node.ts, index.web.ts) re-export all of this and add their runtime adapter.
 */
export * from "./random.js";
export * from "./errors.js";
export * from "./logger.js";
export * from "./core/shape.js";
export { Tensor } from "./core/tensor.js";
export type { BackwardFn } from "./core/tensor.js";
export type { OpSet } from "./ops/op-set.js";
export { EagerOps, MASKED_BIAS } from "./ops/eager-ops.js";
export type { EagerOpsOptions } from "./ops/eager-ops.js";
export { matmul } from "./ops/matmul.js";
export { add, sub, mul, scale } from "./ops/binary.js";
export { gelu, tanh, sigmoid, relu, erf } from "./ops/unary.js";
export { softmax, softmaxCrossEntropy } from "./ops/softmax.js";
export { layerNorm } from "./ops/layer-norm.js";
export { reshape, transpose, slice, squeeze, concat, gather, meanAxis } from "./ops/shape-ops.js";
export { GraphBuilder, GraphValue } from "./graph/graph-builder.js";
export type { GraphNode, GraphInitializer, GraphIo, AttributeValue } from "./graph/graph-builder.js";
export { exportOnnx } from "./onnx/export.js";
export type { ExportOptions } from "./onnx/export.js";
export { inspectModel, encodeModel } from "./onnx/onnx-codec.js";
export type { OnnxModelSummary } from "./onnx/onnx-codec.js";
export { ONNX_OPSET, ONNX_IR_VERSION, OnnxDataType } from "./onnx/onnx-schema.js";
export { ParameterStore } from "./nn/parameter-store.js";
export { Linear } from "./nn/linear.js";
export { LayerNorm } from "./nn/layer-norm.js";
export { Embedding } from "./nn/embedding.js";
export { MultiHeadAttention } from "./nn/multi-head-attention.js";
export { scaledDotProductAttention } from "./nn/scaled-dot-product-attention.js";
export type { ScaledAttentionResult } from "./nn/scaled-dot-product-attention.js";
export type { AttentionResult } from "./nn/multi-head-attention.js";
export { TransformerEncoderLayer } from "./nn/encoder-layer.js";
export type { EncoderLayerConfig } from "./nn/encoder-layer.js";
export { truncatedNormal } from "./nn/init.js";
export { AdamW } from "./optim/adamw.js";
export type { AdamWOptions } from "./optim/adamw.js";
export { OnnxSession } from "./runtime/onnx-session.js";
export type { OrtModule, TensorFeed, OutputTensor, InputDescription, SessionOptions } from "./runtime/onnx-session.js";
export type { ModelSource } from "./runtime/model-source.js";
export { urlModelSource } from "./runtime/model-source-web.js";
export { readModelJson, labelsFromConfig } from "./runtime/model-json.js";
