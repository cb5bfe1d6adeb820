/**
 * Training checkpoints in safetensors: the current weights, the best epoch's weights,
 * AdamW's moments, and the run's progress in the metadata. One is written after every
 * epoch, so a run can resume at the next epoch boundary with the result of an uninterrupted run.
 */
import { readFile, rename, writeFile } from "node:fs/promises";
import { decodeSafetensors, encodeSafetensors, type AdamW, type NamedTensor, type ParameterStore } from "@finfuse/tensor";

export interface TrainProgress {
  /** Epochs completed. */
  epoch: number;
  bestEpoch: number;
  bestDevScore: number;
  devScores: number[];
  trainLosses: number[];
}

export function snapshot(parameters: ParameterStore): Map<string, Float32Array> {
  return new Map(parameters.entries().map(([name, tensor]) => [name, new Float32Array(tensor.data)]));
}

export function restore(parameters: ParameterStore, saved: ReadonlyMap<string, Float32Array>): void {
  for (const [name, data] of saved) parameters.get(name).data.set(data);
}

export async function saveCheckpoint(path: string, parameters: ParameterStore, best: ReadonlyMap<string, Float32Array>, optimizer: AdamW, progress: TrainProgress): Promise<void> {
  const tensors = new Map<string, NamedTensor>();
  for (const [name, tensor] of parameters.entries()) {
    tensors.set(`weights/${name}`, { data: tensor.data, shape: tensor.shape });
    tensors.set(`best/${name}`, { data: best.get(name)!, shape: tensor.shape });
  }
  const state = optimizer.state();
  for (const [name, moment] of state.moments) {
    const shape = parameters.get(name).shape;
    tensors.set(`adamw.m/${name}`, { data: moment.m, shape });
    tensors.set(`adamw.v/${name}`, { data: moment.v, shape });
  }
  const metadata = { format: "finfuse-checkpoint-1", step: String(state.step), progress: JSON.stringify(progress) };
  // Write beside the target and rename, so an interrupted write never leaves a truncated checkpoint.
  await writeFile(`${path}.partial`, encodeSafetensors(tensors, metadata));
  await rename(`${path}.partial`, path);
}

/** Loads a checkpoint into the parameters and optimiser; returns the best weights and the progress. */
export async function loadCheckpoint(path: string, parameters: ParameterStore, optimizer: AdamW): Promise<{ best: Map<string, Float32Array>; progress: TrainProgress }> {
  const { tensors, metadata } = decodeSafetensors(new Uint8Array(await readFile(path)), path);
  const best = new Map<string, Float32Array>();
  const moments = new Map<string, { m: Float32Array; v: Float32Array }>();
  for (const [name] of parameters.entries()) {
    const weights = tensors.get(`weights/${name}`);
    const bestWeights = tensors.get(`best/${name}`);
    if (weights === undefined || bestWeights === undefined) {
      throw new Error(`${path}: no weights for parameter "${name}"; the checkpoint belongs to another model configuration, so delete it or use --checkpoint with another file`);
    }
    parameters.load(name, weights.data, weights.shape);
    best.set(name, bestWeights.data);
    const m = tensors.get(`adamw.m/${name}`);
    const v = tensors.get(`adamw.v/${name}`);
    if (m !== undefined && v !== undefined) moments.set(name, { m: m.data, v: v.data });
  }
  optimizer.loadState({ step: Number(metadata.step), moments });
  return { best, progress: JSON.parse(metadata.progress) as TrainProgress };
}
