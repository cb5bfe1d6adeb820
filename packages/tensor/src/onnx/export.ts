/** Serialises a recorded GraphBuilder into ONNX ModelProto bytes (opset 17). */
import type { AttributeValue, GraphBuilder, GraphInitializer, GraphIo } from "../graph/graph-builder.js";
import { encodeModel, type ModelProtoObject } from "./onnx-codec.js";
import { ONNX_IR_VERSION, ONNX_OPSET, OnnxDataType } from "./onnx-schema.js";

export interface ExportOptions {
  graphName: string;
  producerVersion?: string;
  docString?: string;
  /** Key-value pairs stored in the model's metadata_props. */
  metadata?: Record<string, string>;
}

const ATTRIBUTE_TYPE = { float: 1, int: 2, string: 3, floats: 6, ints: 7 } as const;

function encodeAttribute(name: string, value: AttributeValue): Record<string, unknown> {
  if (typeof value === "string") return { name, type: ATTRIBUTE_TYPE.string, s: new TextEncoder().encode(value) };
  if (typeof value === "number") return { name, type: ATTRIBUTE_TYPE.int, i: value };
  if (Array.isArray(value)) return { name, type: ATTRIBUTE_TYPE.ints, ints: value };
  return { name, type: ATTRIBUTE_TYPE.float, f: value.float };
}

function encodeInitializer(initializer: GraphInitializer): ModelProtoObject["graph"]["initializer"][number] {
  const { data } = initializer;
  return {
    name: initializer.name,
    dims: initializer.dims,
    data_type: OnnxDataType[initializer.type],
    // Raw little-endian bytes; every platform ONNX Runtime supports is little-endian.
    raw_data: new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)),
  };
}

function encodeValueInfo(io: GraphIo): Record<string, unknown> {
  return {
    name: io.name,
    type: {
      tensor_type: {
        elem_type: OnnxDataType[io.type],
        shape: { dim: io.dims.map((dim) => (typeof dim === "number" ? { dim_value: dim } : { dim_param: dim })) },
      },
    },
  };
}

export function exportOnnx(graph: GraphBuilder, options: ExportOptions): Uint8Array {
  // Initializers no node reads (such as a float weight replaced by its int8 form) are left out.
  const used = new Set(graph.nodes.flatMap((node) => node.inputs));
  const initializers = [...graph.initializers.values()].filter((initializer) => used.has(initializer.name));
  const model: ModelProtoObject = {
    ir_version: ONNX_IR_VERSION,
    producer_name: "finfuse",
    producer_version: options.producerVersion ?? "0.1.0",
    doc_string: options.docString ?? "",
    opset_import: [{ domain: "", version: ONNX_OPSET }],
    metadata_props: Object.entries(options.metadata ?? {}).map(([key, value]) => ({ key, value })),
    graph: {
      name: options.graphName,
      node: graph.nodes.map((node) => ({
        input: node.inputs,
        output: node.outputs,
        name: node.name,
        op_type: node.opType,
        attribute: Object.entries(node.attributes).map(([name, value]) => encodeAttribute(name, value)),
      })),
      initializer: initializers.map(encodeInitializer),
      input: graph.inputs.map(encodeValueInfo),
      output: graph.outputs.map(encodeValueInfo),
    },
  };
  return encodeModel(model);
}
