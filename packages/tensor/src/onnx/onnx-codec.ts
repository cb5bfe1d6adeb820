/** Encodes and decodes ONNX ModelProto bytes with protobufjs and the schema subset in onnx-schema.ts. */
import protobuf from "protobufjs";
import { ModelLoadError } from "../errors.js";
import { ONNX_PROTO_SCHEMA } from "./onnx-schema.js";

let modelType: protobuf.Type | undefined;

function getModelType(): protobuf.Type {
  modelType ??= protobuf.parse(ONNX_PROTO_SCHEMA, { keepCase: true }).root.lookupType("onnx.ModelProto");
  return modelType;
}

/** Plain-object form of the ModelProto fields FinFuse uses (snake_case as in onnx.proto). */
export interface ModelProtoObject {
  ir_version: number;
  producer_name?: string;
  producer_version?: string;
  doc_string?: string;
  opset_import: Array<{ domain: string; version: number }>;
  metadata_props?: Array<{ key: string; value: string }>;
  graph: {
    name: string;
    node: Array<{ input: string[]; output: string[]; name: string; op_type: string; domain?: string; attribute?: unknown[] }>;
    initializer: Array<{ name: string; dims: number[]; data_type: number; raw_data?: Uint8Array }>;
    input: unknown[];
    output: unknown[];
  };
}

export function encodeModel(model: ModelProtoObject): Uint8Array {
  const type = getModelType();
  const problem = type.verify(model);
  if (problem !== null) throw new Error(`encodeModel: invalid ModelProto: ${problem}`);
  return type.encode(type.fromObject(model)).finish();
}

/** Summary of a decoded model, for checks and error messages. */
export interface OnnxModelSummary {
  opsetVersion: number | undefined;
  producer: string;
  inputs: string[];
  outputs: string[];
  opTypes: string[];
  initializerCount: number;
}

/**
 * Decodes ONNX bytes into a summary, throwing a ModelLoadError that names `source`
 * when the bytes are not a valid ModelProto (truncated or not ONNX at all).
 */
export function inspectModel(bytes: Uint8Array, source: string): OnnxModelSummary {
  let decoded: Record<string, unknown>;
  try {
    const type = getModelType();
    decoded = type.toObject(type.decode(bytes), { longs: Number, defaults: true, arrays: true }) as Record<string, unknown>;
  } catch (error) {
    throw new ModelLoadError(
      `${source}: not a readable ONNX model (${(error as Error).message}); the file is truncated or corrupt, so export or copy it again`,
    );
  }
  const graph = decoded.graph as { node: Array<{ op_type: string }>; input: Array<{ name: string }>; output: Array<{ name: string }>; initializer: unknown[] } | null;
  if (graph === null || graph === undefined || graph.node.length === 0) {
    throw new ModelLoadError(`${source}: the ONNX file has no graph nodes; it is empty or not an ONNX model`);
  }
  const opsets = decoded.opset_import as Array<{ domain: string; version: number }>;
  return {
    opsetVersion: opsets.find((entry) => entry.domain === "" || entry.domain === "ai.onnx")?.version,
    producer: String(decoded.producer_name ?? ""),
    inputs: graph.input.map((value) => value.name),
    outputs: graph.output.map((value) => value.name),
    opTypes: [...new Set(graph.node.map((node) => node.op_type))].sort(),
    initializerCount: graph.initializer.length,
  };
}
