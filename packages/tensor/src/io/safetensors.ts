/**
 * Reads and writes the safetensors format (as defined by Hugging Face's safetensors
 * library): an 8-byte little-endian header length, a JSON header mapping each tensor name
 * to its dtype, shape and byte offsets, then the raw little-endian data. FinFuse stores
 * float32 tensors ("F32") and string metadata under "__metadata__".
 */
import { ModelLoadError } from "../errors.js";
import { formatShape, sizeOf } from "../core/shape.js";

export interface NamedTensor {
  data: Float32Array;
  shape: readonly number[];
}

export interface SafetensorsContents {
  tensors: Map<string, NamedTensor>;
  metadata: Record<string, string>;
}

/** Largest header accepted when reading, in bytes; safetensors' own limit is 100 MB. */
const MAX_HEADER_BYTES = 100_000_000;

export function encodeSafetensors(tensors: ReadonlyMap<string, NamedTensor>, metadata: Record<string, string> = {}): Uint8Array {
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  for (const [name, tensor] of tensors) {
    if (tensor.data.length !== sizeOf(tensor.shape)) {
      throw new RangeError(`encodeSafetensors: tensor "${name}" has ${tensor.data.length} values but shape ${formatShape(tensor.shape)}`);
    }
    header[name] = { dtype: "F32", shape: [...tensor.shape], data_offsets: [offset, offset + tensor.data.byteLength] };
    offset += tensor.data.byteLength;
  }
  // The header is padded with spaces to a multiple of 8 bytes so the data stays aligned.
  let headerText = JSON.stringify(header);
  headerText += " ".repeat((8 - (new TextEncoder().encode(headerText).length % 8)) % 8);
  const headerBytes = new TextEncoder().encode(headerText);
  const bytes = new Uint8Array(8 + headerBytes.length + offset);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  bytes.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const tensor of tensors.values()) {
    bytes.set(new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength), at);
    at += tensor.data.byteLength;
  }
  return bytes;
}

/** Decodes safetensors bytes; `source` names the file in errors. */
export function decodeSafetensors(bytes: Uint8Array, source: string): SafetensorsContents {
  const fail = (problem: string): never => {
    throw new ModelLoadError(`${source}: not a valid safetensors file (${problem}); the file is truncated or was not written as safetensors`);
  };
  if (bytes.length < 8) fail(`only ${bytes.length} bytes`);
  const headerLength = Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true));
  if (headerLength > MAX_HEADER_BYTES || 8 + headerLength > bytes.length) fail(`header length ${headerLength} exceeds the file`);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as Record<string, unknown>;
  } catch (error) {
    return fail(`header is not JSON: ${(error as Error).message}`);
  }
  const dataStart = 8 + headerLength;
  const tensors = new Map<string, NamedTensor>();
  for (const [name, entry] of Object.entries(header)) {
    if (name === "__metadata__") continue;
    const { dtype, shape, data_offsets: offsets } = entry as { dtype: string; shape: number[]; data_offsets: [number, number] };
    if (dtype !== "F32") {
      throw new ModelLoadError(`${source}: tensor "${name}" has dtype ${dtype}; FinFuse reads float32 ("F32") tensors only`);
    }
    const [begin, end] = offsets;
    if (end - begin !== sizeOf(shape) * 4 || dataStart + end > bytes.length || begin < 0) fail(`tensor "${name}" has offsets [${begin}, ${end}] that do not match shape ${formatShape(shape)} or the file size`);
    // Copy, because the data in the file need not be 4-byte aligned.
    const data = new Float32Array(bytes.slice(dataStart + begin, dataStart + end).buffer);
    tensors.set(name, { data, shape });
  }
  const metadata = (header.__metadata__ ?? {}) as Record<string, string>;
  return { tensors, metadata };
}
