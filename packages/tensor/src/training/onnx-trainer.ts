/**
 * Runs training steps on ONNX Runtime. For each batch shape it builds, once, a graph that
 * computes the loss and every parameter's gradient. Each step feeds the current weights
 * and a seeded dropout mask per dropout site, and stores the gradients on the parameters
 * for an optimiser such as AdamW to apply.
 */
import { InvalidInputError } from "../errors.js";
import { buildTrainingGraph, LABELS_INPUT, LOSS_OUTPUT, type TrainingGraph, type TrainingGraphSpec } from "../graph/training-graph.js";
import type { ParameterStore } from "../nn/parameter-store.js";
import type { OnnxElementType } from "../onnx/onnx-schema.js";
import type { Rng } from "../random.js";
import type { OnnxSession, TensorFeed } from "../runtime/onnx-session.js";

export interface OnnxTrainerOptions {
  parameters: ParameterStore;
  /** Element type of each batch input, by name; shapes come from each batch. */
  inputTypes: Record<string, OnnxElementType>;
  forward: TrainingGraphSpec["forward"];
  classWeights?: readonly number[];
  /** The loss; see TrainingGraphSpec.loss. */
  loss?: TrainingGraphSpec["loss"];
  trainable?: readonly string[];
  /** Creates a session from ONNX bytes (createSession of @finfuse/tensor's node or web entry). */
  createSession: (bytes: Uint8Array) => Promise<OnnxSession>;
  /** Draws dropout masks. */
  rng: Rng;
}

interface CompiledStep {
  graph: TrainingGraph;
  session: OnnxSession;
}

export class OnnxTrainer {
  private readonly compiled = new Map<string, Promise<CompiledStep>>();

  constructor(private readonly options: OnnxTrainerOptions) {}

  /** Number of distinct batch shapes compiled so far. */
  get compiledShapes(): number {
    return this.compiled.size;
  }

  /**
   * Computes the loss of one batch and sets `grad` on every trainable parameter. `labels`
   * are class ids [B] for cross-entropy, or row-major targets [B, C] for the other losses.
   * Returns the loss.
   */
  async step(batch: Record<string, TensorFeed>, labels: readonly number[]): Promise<number> {
    const crossEntropy = (this.options.loss ?? "cross-entropy") === "cross-entropy";
    const batchSize = crossEntropy ? labels.length : (Object.values(batch)[0]?.dims[0] ?? 0);
    const { graph, session } = await this.compile(batch, batchSize);
    const labelDims = crossEntropy ? [labels.length] : [batchSize, labels.length / Math.max(1, batchSize)];
    const feeds: Record<string, TensorFeed> = { ...batch, [LABELS_INPUT]: { data: labels, dims: labelDims } };
    for (const name of graph.parameterNames) {
      const tensor = this.options.parameters.get(name);
      feeds[name] = { data: tensor.data, dims: tensor.shape };
    }
    for (const site of graph.dropoutSites) feeds[site.name] = { data: this.dropoutMask(site.shape, site.rate), dims: site.shape };

    const outputs = await session.run(feeds);
    for (const name of graph.parameterNames) {
      const tensor = this.options.parameters.get(name);
      tensor.grad = outputs[`grad.${name}`].data as Float32Array;
    }
    return (outputs[LOSS_OUTPUT].data as Float32Array)[0];
  }

  async dispose(): Promise<void> {
    const steps = await Promise.all(this.compiled.values());
    this.compiled.clear();
    for (const step of steps) await step.session.dispose();
  }

  private compile(batch: Record<string, TensorFeed>, batchSize: number): Promise<CompiledStep> {
    const names = Object.keys(this.options.inputTypes);
    for (const name of names) {
      if (batch[name] === undefined) throw new InvalidInputError(`OnnxTrainer.step: batch input "${name}" is missing`);
    }
    const key = names.map((name) => `${name}:${batch[name].dims.join("x")}`).join(",") + `,labels:${batchSize}`;
    let step = this.compiled.get(key);
    if (step === undefined) {
      step = (async () => {
        const graph = buildTrainingGraph(this.options.parameters, {
          inputs: names.map((name) => ({ name, type: this.options.inputTypes[name], shape: [...batch[name].dims] })),
          forward: this.options.forward,
          classWeights: this.options.classWeights,
          loss: this.options.loss,
          trainable: this.options.trainable,
        });
        return { graph, session: await this.options.createSession(graph.bytes) };
      })();
      this.compiled.set(key, step);
    }
    return step;
  }

  private dropoutMask(shape: readonly number[], rate: number): Float32Array {
    const size = shape.reduce((product, dim) => product * dim, 1);
    const keep = 1 - rate;
    const mask = new Float32Array(size);
    for (let i = 0; i < size; i++) mask[i] = this.options.rng.next() < keep ? 1 / keep : 0;
    return mask;
  }
}
