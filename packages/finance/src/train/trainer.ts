/**
 * A seeded training loop for classifiers written against OpSet. It draws shuffled
 * mini-batches, runs forward and backward passes on ONNX Runtime or on eager kernels, and
 * updates with AdamW (warm-up, linear decay). It shows a progress bar with the running
 * loss, writes a checkpoint after every epoch, and keeps the best epoch's weights on dev.
 */
import { existsSync } from "node:fs";
import cliProgress from "cli-progress";
import {
  AdamW, EagerOps, OnnxTrainer, createRng, createSession, softmaxCrossEntropy,
  type GraphBuilder, type GraphValue, type OnnxElementType, type ParameterStore, type Rng, type Tensor, type TensorFeed,
} from "@finfuse/tensor";
import { epochOrder } from "./batching.js";
import { loadCheckpoint, restore, saveCheckpoint, snapshot, type TrainProgress } from "./checkpoint.js";

export { predictClasses, predictClassesOnnx } from "./prediction.js";

/** The engine that runs the forward and backward passes of training. */
export type TrainingEngine = "eager" | "onnxruntime";

/** The graph form of a model for the onnxruntime engine. */
export interface GraphTraining<S> {
  inputTypes: Record<string, OnnxElementType>;
  forward: (graph: GraphBuilder, inputs: Record<string, GraphValue>) => GraphValue;
  /** Batch inputs with fixed shapes; pad sequence lengths to a few sizes so few graphs are compiled. */
  feeds: (batch: readonly S[]) => Record<string, TensorFeed>;
}

export interface TrainOptions<S> {
  name: string;
  parameters: ParameterStore;
  train: readonly S[];
  /** Scores the current weights on the dev split; higher is better. */
  evaluateDev: () => Promise<number>;
  /** Builds logits [batch, classes] for a batch with the given ops. */
  forward: (ops: EagerOps, batch: readonly S[]) => Tensor;
  label: (sample: S) => number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  classWeights?: number[];
  /** Engine for the training steps; "onnxruntime" needs `graph`. Default "eager". */
  engine?: TrainingEngine;
  graph?: GraphTraining<S>;
  /** Token length of a sample; when given, batches group samples of similar length to cut padding. */
  lengthOf?: (sample: S) => number;
  /** Writes progress; false in tests. */
  showProgress?: boolean;
  /** A safetensors file written after every epoch; an existing one is resumed from. */
  checkpointPath?: string;
  /** Stops this run after so many epochs (the checkpoint lets a later run go on). */
  maxEpochsThisRun?: number;
  log?: (line: string) => void;
}

export interface TrainReport extends Omit<TrainProgress, "epoch"> {
  seconds: number;
}

/** The generator of one epoch's shuffling and dropout, so a run resumed at an epoch boundary repeats exactly. */
function epochRng(seed: number, epoch: number): Rng {
  return createRng((seed + 7919 * (epoch + 1)) >>> 0);
}

export async function trainClassifier<S>(options: TrainOptions<S>): Promise<TrainReport> {
  const { parameters, train, batchSize, epochs } = options;
  const log = options.log ?? (() => {});
  const stepsPerEpoch = Math.ceil(train.length / batchSize);
  const optimizer = new AdamW(parameters, {
    learningRate: options.learningRate,
    warmupSteps: Math.ceil(stepsPerEpoch * 0.5),
    totalSteps: stepsPerEpoch * epochs,
    weightDecay: 0.01,
    maxGradNorm: 1,
  });
  let rng = epochRng(options.seed, 0);
  const currentRng: Rng = { next: () => rng.next(), normal: () => rng.normal(), int: (n) => rng.int(n), shuffle: (items) => rng.shuffle(items) };
  const onnxTrainer = options.engine === "onnxruntime" ? createOnnxTrainer(options, currentRng) : undefined;
  const started = performance.now();
  let progress: TrainProgress = { epoch: 0, bestEpoch: -1, bestDevScore: -Infinity, devScores: [], trainLosses: [] };
  let best = snapshot(parameters);
  if (options.checkpointPath !== undefined && existsSync(options.checkpointPath)) {
    ({ best, progress } = await loadCheckpoint(options.checkpointPath, parameters, optimizer));
    log(`${options.name}: resuming from ${options.checkpointPath} after epoch ${progress.epoch}`);
  }

  const lastEpoch = Math.min(epochs, progress.epoch + (options.maxEpochsThisRun ?? Infinity));
  for (let epoch = progress.epoch; epoch < lastEpoch; epoch++) {
    rng = epochRng(options.seed, epoch);
    const order = epochOrder(train.length, batchSize, rng, options.lengthOf === undefined ? undefined : (i) => options.lengthOf!(train[i]));
    const bar = options.showProgress === false ? undefined : new cliProgress.SingleBar(
      { format: `${options.name} epoch ${epoch + 1}/${epochs} [{bar}] {value}/{total} steps | loss {loss} | {duration_formatted}`, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar?.start(stepsPerEpoch, 0, { loss: "-" });
    parameters.setTrainable(true);
    let lossSum = 0;
    for (let step = 0; step < stepsPerEpoch; step++) {
      const batch = order.slice(step * batchSize, (step + 1) * batchSize).map((i) => train[i]);
      const labels = batch.map(options.label);
      let loss: number;
      if (onnxTrainer !== undefined) {
        loss = await onnxTrainer.step(options.graph!.feeds(batch), labels);
      } else {
        const lossTensor = softmaxCrossEntropy(options.forward(new EagerOps(parameters, { training: true, rng }), batch), labels, options.classWeights);
        lossTensor.backward();
        loss = lossTensor.data[0];
      }
      optimizer.update();
      lossSum += loss;
      bar?.update(step + 1, { loss: (lossSum / (step + 1)).toFixed(4) });
    }
    bar?.stop();
    parameters.setTrainable(false);

    const devScore = await options.evaluateDev();
    progress.trainLosses.push(lossSum / stepsPerEpoch);
    progress.devScores.push(devScore);
    progress.epoch = epoch + 1;
    log(`${options.name} epoch ${epoch + 1}: train loss ${(lossSum / stepsPerEpoch).toFixed(4)}, dev score ${devScore.toFixed(4)}`);
    if (devScore > progress.bestDevScore) {
      progress.bestDevScore = devScore;
      progress.bestEpoch = epoch + 1;
      best = snapshot(parameters);
    }
    if (options.checkpointPath !== undefined) await saveCheckpoint(options.checkpointPath, parameters, best, optimizer, progress);
  }
  await onnxTrainer?.dispose();
  restore(parameters, best);
  return {
    bestEpoch: progress.bestEpoch,
    bestDevScore: progress.bestDevScore,
    devScores: progress.devScores,
    trainLosses: progress.trainLosses,
    seconds: (performance.now() - started) / 1000,
  };
}

function createOnnxTrainer<S>(options: TrainOptions<S>, rng: Rng): OnnxTrainer {
  if (options.graph === undefined) throw new Error(`${options.name}: the onnxruntime engine needs the model's graph form (options.graph)`);
  return new OnnxTrainer({
    parameters: options.parameters,
    inputTypes: options.graph.inputTypes,
    forward: options.graph.forward,
    classWeights: options.classWeights,
    createSession: (bytes) => createSession(bytes, { sourceName: `${options.name} training step` }),
    rng,
  });
}
