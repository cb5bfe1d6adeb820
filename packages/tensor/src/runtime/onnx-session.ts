/**
 * One interface over onnxruntime-node and onnxruntime-web sessions. The platform entry
 * points (index.node.ts, index.web.ts) pass in their own `ort` module, so this file never
 * imports either runtime and stays safe for both bundles.
 */
import type { InferenceSession, Tensor as OrtTensor } from "onnxruntime-common";
import { InvalidInputError, ModelLoadError } from "../errors.js";
import { inspectModel } from "../onnx/onnx-codec.js";
import { formatShape, sizeOf } from "../core/shape.js";
import { silentLogger, type Logger } from "../logger.js";

/** The part of an onnxruntime module (node or web) that FinFuse uses. */
export interface OrtModule {
  InferenceSession: { create(model: Uint8Array, options?: InferenceSession.SessionOptions): Promise<InferenceSession> };
  Tensor: new (type: "float32" | "int64" | "int32" | "bool", data: Float32Array | BigInt64Array | Int32Array | Uint8Array, dims: readonly number[]) => OrtTensor;
}

/** A caller's input: plain numbers are converted to the element type the model declares. */
export interface TensorFeed {
  data: ArrayLike<number> | BigInt64Array;
  dims: readonly number[];
}

export interface OutputTensor {
  data: Float32Array | BigInt64Array | Int32Array;
  dims: number[];
  type: string;
}

export interface InputDescription {
  name: string;
  type: string;
  /** Numbers are fixed sizes; strings are named dynamic axes. */
  shape: ReadonlyArray<number | string>;
}

export interface SessionOptions {
  logger?: Logger;
  /** Path or URL the model bytes came from, named in error messages; "<bytes>" when absent. */
  sourceName?: string;
  /** Threads for one op; ONNX Runtime's default when absent. */
  intraOpThreads?: number;
  executionProviders?: InferenceSession.SessionOptions["executionProviders"];
}

export class OnnxSession {
  private disposed = false;

  private constructor(
    private readonly ort: OrtModule,
    private readonly session: InferenceSession,
    /** A path or URL, used in every error message. */
    readonly source: string,
    readonly inputs: readonly InputDescription[],
    private readonly logger: Logger,
  ) {}

  /** Creates a session from ONNX bytes, checking first that the bytes decode as an ONNX model. */
  static async create(ort: OrtModule, bytes: Uint8Array, source: string, options: SessionOptions = {}): Promise<OnnxSession> {
    inspectModel(bytes, source);
    let session: InferenceSession;
    try {
      const sessionOptions: InferenceSession.SessionOptions = { graphOptimizationLevel: "all" };
      if (options.executionProviders !== undefined) sessionOptions.executionProviders = options.executionProviders;
      if (options.intraOpThreads !== undefined) sessionOptions.intraOpNumThreads = options.intraOpThreads;
      session = await ort.InferenceSession.create(bytes, sessionOptions);
    } catch (error) {
      throw new ModelLoadError(`${source}: ONNX Runtime could not load the model: ${(error as Error).message}`);
    }
    const inputs = session.inputNames.map((name, index) => describeInput(session, name, index));
    const logger = options.logger ?? silentLogger;
    logger.debug(() => `loaded ${source}: inputs ${inputs.map((input) => input.name).join(", ")}`);
    return new OnnxSession(ort, session, source, inputs, logger);
  }

  get inputNames(): readonly string[] {
    return this.session.inputNames;
  }

  get outputNames(): readonly string[] {
    return this.session.outputNames;
  }

  /** Runs the model. Every declared input must be fed; element types are converted from plain numbers. */
  async run(feeds: Record<string, TensorFeed>, outputNames?: readonly string[]): Promise<Record<string, OutputTensor>> {
    if (this.disposed) throw new InvalidInputError(`${this.source}: the session was disposed; create a new one`);
    for (const name of Object.keys(feeds)) {
      if (!this.session.inputNames.includes(name)) {
        throw new InvalidInputError(`${this.source}: unknown input "${name}"; the model's inputs are ${this.session.inputNames.join(", ")}`);
      }
    }
    const ortFeeds: Record<string, OrtTensor> = {};
    for (const input of this.inputs) {
      const feed = feeds[input.name];
      if (feed === undefined) {
        throw new InvalidInputError(`${this.source}: missing input "${input.name}" (${input.type} ${formatDims(input.shape)})`);
      }
      ortFeeds[input.name] = this.toOrtTensor(input, feed);
    }
    const results = outputNames === undefined ? await this.session.run(ortFeeds) : await this.session.run(ortFeeds, [...outputNames]);
    const outputs: Record<string, OutputTensor> = {};
    for (const [name, tensor] of Object.entries(results)) {
      outputs[name] = { data: tensor.data as OutputTensor["data"], dims: [...tensor.dims], type: tensor.type };
      tensor.dispose();
    }
    this.logger.debug(() => `ran ${this.source}`);
    return outputs;
  }

  /** Releases the native session; later calls to run() fail. Safe to call twice. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.session.release();
  }

  private toOrtTensor(input: InputDescription, feed: TensorFeed): OrtTensor {
    const where = `${this.source}: input "${input.name}"`;
    const count = sizeOf(feed.dims);
    if (feed.data.length !== count) {
      throw new InvalidInputError(`${where} has ${feed.data.length} values but dims ${formatShape(feed.dims)} need ${count}`);
    }
    if (input.shape.length > 0 && input.shape.length !== feed.dims.length) {
      throw new InvalidInputError(`${where} expects rank ${input.shape.length} ${formatDims(input.shape)}, received dims ${formatShape(feed.dims)}`);
    }
    input.shape.forEach((dim, axis) => {
      if (typeof dim === "number" && dim > 0 && feed.dims[axis] !== dim) {
        throw new InvalidInputError(`${where} expects ${formatDims(input.shape)}, received ${formatShape(feed.dims)} (axis ${axis})`);
      }
    });
    switch (input.type) {
      case "float32":
        return new this.ort.Tensor("float32", feed.data instanceof Float32Array ? feed.data : Float32Array.from(feed.data, Number), feed.dims);
      case "int64":
        return new this.ort.Tensor("int64", toBigInt64(feed.data, where), feed.dims);
      case "int32":
        return new this.ort.Tensor("int32", Int32Array.from(feed.data, Number), feed.dims);
      default:
        throw new InvalidInputError(`${where} has element type ${input.type}, which FinFuse cannot feed yet (float32, int64 and int32 are supported)`);
    }
  }
}

function toBigInt64(data: ArrayLike<number> | BigInt64Array, where: string): BigInt64Array {
  if (data instanceof BigInt64Array) return data;
  const out = new BigInt64Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const value = data[i];
    if (!Number.isSafeInteger(value)) throw new InvalidInputError(`${where} is int64 but value ${value} at index ${i} is not an integer`);
    out[i] = BigInt(value);
  }
  return out;
}

function formatDims(shape: ReadonlyArray<number | string>): string {
  return `[${shape.join(", ")}]`;
}

function describeInput(session: InferenceSession, name: string, index: number): InputDescription {
  const metadata = session.inputMetadata?.[index];
  if (metadata === undefined || !metadata.isTensor) return { name, type: "unknown", shape: [] };
  return { name, type: metadata.type, shape: metadata.shape };
}
