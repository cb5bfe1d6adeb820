/**
 * A seeded training loop for classifiers written against OpSet: shuffled mini-batches,
 * eager forward and backward passes, AdamW with warm-up and linear decay, a progress bar
 * with the running loss, and the weights of the best epoch on the dev split kept.
 */
import cliProgress from "cli-progress";
import { AdamW, EagerOps, createRng, softmaxCrossEntropy, type ParameterStore, type Tensor } from "@finfuse/tensor";

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
  /** Token length of a sample; when given, batches group samples of similar length to cut padding. */
  lengthOf?: (sample: S) => number;
  /** Writes progress; false in tests. */
  showProgress?: boolean;
  log?: (line: string) => void;
}

export interface TrainReport {
  bestEpoch: number;
  bestDevScore: number;
  devScores: number[];
  trainLosses: number[];
  seconds: number;
}

export async function trainClassifier<S>(options: TrainOptions<S>): Promise<TrainReport> {
  const { parameters, train, batchSize, epochs } = options;
  const log = options.log ?? (() => {});
  const rng = createRng(options.seed);
  const stepsPerEpoch = Math.ceil(train.length / batchSize);
  const optimizer = new AdamW(parameters, {
    learningRate: options.learningRate,
    warmupSteps: Math.ceil(stepsPerEpoch * 0.5),
    totalSteps: stepsPerEpoch * epochs,
    weightDecay: 0.01,
    maxGradNorm: 1,
  });
  const started = performance.now();
  const report: TrainReport = { bestEpoch: -1, bestDevScore: -Infinity, devScores: [], trainLosses: [], seconds: 0 };
  let best = snapshot(parameters);

  for (let epoch = 0; epoch < epochs; epoch++) {
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
      const ops = new EagerOps(parameters, { training: true, rng });
      const logits = options.forward(ops, batch);
      const loss = softmaxCrossEntropy(logits, batch.map(options.label), options.classWeights);
      loss.backward();
      optimizer.update();
      lossSum += loss.data[0];
      bar?.update(step + 1, { loss: (lossSum / (step + 1)).toFixed(4) });
    }
    bar?.stop();
    parameters.setTrainable(false);
    const devScore = await options.evaluateDev();
    report.trainLosses.push(lossSum / stepsPerEpoch);
    report.devScores.push(devScore);
    log(`${options.name} epoch ${epoch + 1}: train loss ${(lossSum / stepsPerEpoch).toFixed(4)}, dev score ${devScore.toFixed(4)}`);
    if (devScore > report.bestDevScore) {
      report.bestDevScore = devScore;
      report.bestEpoch = epoch + 1;
      best = snapshot(parameters);
    }
  }
  restore(parameters, best);
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

/**
 * Shuffles sample indices; with `lengthOf`, sorts each run of 50 batches by length and
 * shuffles the order of the resulting batches, so a batch pads little but epochs still vary.
 */
function epochOrder(count: number, batchSize: number, rng: ReturnType<typeof createRng>, lengthOf?: (index: number) => number): number[] {
  const order = rng.shuffle(Array.from({ length: count }, (_, i) => i));
  if (lengthOf === undefined) return order;
  const chunk = batchSize * 50;
  const batches: number[][] = [];
  for (let start = 0; start < order.length; start += chunk) {
    const run = order.slice(start, start + chunk).sort((a, b) => lengthOf(a) - lengthOf(b));
    for (let b = 0; b < run.length; b += batchSize) batches.push(run.slice(b, b + batchSize));
  }
  return rng.shuffle(batches).flat();
}

function snapshot(parameters: ParameterStore): Map<string, Float32Array> {
  return new Map(parameters.entries().map(([name, tensor]) => [name, new Float32Array(tensor.data)]));
}

function restore(parameters: ParameterStore, saved: Map<string, Float32Array>): void {
  for (const [name, data] of saved) parameters.get(name).data.set(data);
}

/** Predicts argmax classes for samples in batches without recording gradients. */
export function predictClasses<S>(parameters: ParameterStore, samples: readonly S[], batchSize: number, forward: (ops: EagerOps, batch: readonly S[]) => Tensor): number[] {
  const ops = new EagerOps(parameters);
  const predictions: number[] = [];
  for (let start = 0; start < samples.length; start += batchSize) {
    const logits = forward(ops, samples.slice(start, start + batchSize));
    const classes = logits.shape[1];
    for (let row = 0; row < logits.shape[0]; row++) {
      let best = 0;
      for (let j = 1; j < classes; j++) if (logits.data[row * classes + j] > logits.data[row * classes + best]) best = j;
      predictions.push(best);
    }
  }
  return predictions;
}
