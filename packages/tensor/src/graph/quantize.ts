/**
 * Int8 weight quantisation for inference exports (GraphBuilder's `quantizeWeights: "int8"`).
 * Symmetric: zero points are 0 and each scale is max |w| / 127 over its column (matrix
 * weights) or row (embedding tables), so the largest weight maps to +-127.
 *
 * Shape letters: K input features, N output features, V table rows, D table width.
 */
import type { GraphBuilder, GraphValue } from "./graph-builder.js";

const INT8_MAX = 127;

function quantize(data: Float32Array, rows: number, columns: number, perColumn: boolean): { values: Int8Array; scales: Float32Array } {
  const scales = new Float32Array(perColumn ? columns : rows);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const index = perColumn ? c : r;
      scales[index] = Math.max(scales[index], Math.abs(data[r * columns + c]));
    }
  }
  for (let i = 0; i < scales.length; i++) scales[i] = scales[i] === 0 ? 1 : scales[i] / INT8_MAX;
  const values = new Int8Array(data.length);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const scale = scales[perColumn ? c : r];
      values[r * columns + c] = Math.max(-INT8_MAX, Math.min(INT8_MAX, Math.round(data[r * columns + c] / scale)));
    }
  }
  return { values, scales };
}

/** x [.., K] times the weight `name` [K, N], as DynamicQuantizeLinear, MatMulInteger and a float rescale. */
export function quantizedMatmul(graph: GraphBuilder, x: GraphValue, name: string): GraphValue {
  const weight = graph.parameters.get(name);
  const [inFeatures, outFeatures] = weight.shape;
  const quantizedName = `${name}.int8`;
  if (!graph.initializers.has(quantizedName)) {
    const { values, scales } = quantize(weight.data, inFeatures, outFeatures, true);
    graph.addInitializer({ name: quantizedName, dims: [inFeatures, outFeatures], type: "int8", data: values });
    graph.addInitializer({ name: `${name}.scale`, dims: [outFeatures], type: "float", data: scales });
    graph.addInitializer({ name: "int8_zero", dims: [], type: "int8", data: Int8Array.of(0) });
  }
  const outShape = x.shape === undefined ? undefined : [...x.shape.slice(0, -1), outFeatures];
  const [xQuantized, xScale, xZeroPoint] = graph.nodeOutputs("DynamicQuantizeLinear", [x], {}, [x.shape, [], []]);
  const product = graph.node("MatMulInteger", [xQuantized, graph.valueNamed(quantizedName), xZeroPoint, graph.valueNamed("int8_zero")], {}, outShape);
  const asFloat = graph.node("Cast", [product], { to: 1 }, outShape);
  const scale = graph.mul(xScale, graph.valueNamed(`${name}.scale`));
  return graph.mul(asFloat, scale);
}

/** Returns the table `name` [V, D], stored as int8 with a scale per row and dequantised for Gather. */
export function quantizedTable(graph: GraphBuilder, name: string): GraphValue {
  const table = graph.parameters.get(name);
  const [rows, width] = table.shape;
  const quantizedName = `${name}.int8`;
  if (!graph.initializers.has(quantizedName)) {
    const { values, scales } = quantize(table.data, rows, width, false);
    graph.addInitializer({ name: quantizedName, dims: [rows, width], type: "int8", data: values });
    graph.addInitializer({ name: `${name}.scale`, dims: [rows], type: "float", data: scales });
    graph.addInitializer({ name: `${name}.zero_point`, dims: [rows], type: "int8", data: new Int8Array(rows) });
  }
  return graph.node("DequantizeLinear", [graph.valueNamed(quantizedName), graph.valueNamed(`${name}.scale`), graph.valueNamed(`${name}.zero_point`)], { axis: 0 }, [rows, width]);
}
