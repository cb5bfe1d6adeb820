import { describe, expect, it } from "vitest";
import { ModelLoadError } from "../errors.js";
import { decodeSafetensors, encodeSafetensors, type NamedTensor } from "./safetensors.js";

describe("safetensors", () => {
  const tensors = new Map<string, NamedTensor>([
    ["layer.weight", { data: Float32Array.from([1, 2, 3, 4, 5, 6]), shape: [2, 3] }],
    ["layer.bias", { data: Float32Array.from([-1.5]), shape: [1] }],
  ]);

  it("round-trips tensors and metadata", () => {
    const bytes = encodeSafetensors(tensors, { epoch: "3" });
    const decoded = decodeSafetensors(bytes, "checkpoint.safetensors");
    expect(decoded.metadata).toEqual({ epoch: "3" });
    expect([...decoded.tensors.keys()]).toEqual(["layer.weight", "layer.bias"]);
    expect(Array.from(decoded.tensors.get("layer.weight")!.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(decoded.tensors.get("layer.weight")!.shape).toEqual([2, 3]);
  });

  it("pads the header to 8 bytes", () => {
    const bytes = encodeSafetensors(tensors);
    const headerLength = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(headerLength % 8).toBe(0);
  });

  it("reports a truncated file", () => {
    const bytes = encodeSafetensors(tensors);
    expect(() => decodeSafetensors(bytes.subarray(0, bytes.length - 4), "cut.safetensors")).toThrow(ModelLoadError);
    expect(() => decodeSafetensors(bytes.subarray(0, 5), "cut.safetensors")).toThrow(/cut\.safetensors: not a valid safetensors file \(only 5 bytes\)/);
  });

  it("rejects other dtypes by name", () => {
    const header = new TextEncoder().encode(JSON.stringify({ w: { dtype: "F16", shape: [1], data_offsets: [0, 2] } }));
    const bytes = new Uint8Array(8 + header.length + 2);
    new DataView(bytes.buffer).setBigUint64(0, BigInt(header.length), true);
    bytes.set(header, 8);
    expect(() => decodeSafetensors(bytes, "half.safetensors")).toThrow(/tensor "w" has dtype F16/);
  });
});
