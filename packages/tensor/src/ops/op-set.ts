/**
 * The operations a model is written against. A model's forward pass takes an `OpSet<T>`
 * and is written once: the eager set computes Float32 tensors in TypeScript (with
 * autodiff), the graph set records ONNX nodes for export.
 */
import type { ParameterStore } from "../nn/parameter-store.js";

export interface OpSet<T> {
  readonly kind: "eager" | "graph";
  /** Whether dropout is active (eager training only). */
  readonly training: boolean;
  readonly parameters: ParameterStore;
  /** The named weight tensor of the model. */
  param(name: string): T;
  /** Batched matrix product; see matmul.ts for the supported forms. */
  matmul(a: T, b: T): T;
  add(a: T, b: T): T;
  sub(a: T, b: T): T;
  mul(a: T, b: T): T;
  div(a: T, b: T): T;
  /** Multiplies by a constant. */
  scale(a: T, factor: number): T;
  /** Softmax over the last axis. */
  softmax(a: T): T;
  /** Layer normalisation over the last axis. */
  layerNorm(x: T, gamma: T, beta: T, epsilon: number): T;
  gelu(a: T): T;
  tanh(a: T): T;
  sigmoid(a: T): T;
  relu(a: T): T;
  /** Log of the softmax over the last axis. */
  logSoftmax(a: T): T;
  /** Sum over `axis`, kept with size 1. */
  sumAxis(a: T, axis: number): T;
  /** Reshape with ONNX semantics: 0 copies the input dimension, -1 is inferred. */
  reshape(a: T, shape: readonly number[]): T;
  transpose(a: T, perm: readonly number[]): T;
  /** Indices [start, end) of one axis. */
  slice(a: T, axis: number, start: number, end: number): T;
  concat(parts: readonly T[], axis: number): T;
  /** Rows of `table` [V, D] picked by integer ids. */
  gather(table: T, ids: T): T;
  /** Removes `axis`, which must have size 1. */
  squeeze(a: T, axis: number): T;
  /** Mean over `axis`, kept with size 1. */
  meanAxis(a: T, axis: number): T;
  /** The first n rows of `table`, where n is `like`'s size along `axis`. */
  leadingRows(table: T, like: T, axis: number): T;
  /** Turns a 0/1 key mask [B, K] into an additive attention bias [B, 1, 1, K]: 0 kept, -1e9 masked. */
  maskToBias(mask: T): T;
  /** Inverted dropout while training; identity otherwise and in graphs. */
  dropout(a: T, rate: number): T;
}
