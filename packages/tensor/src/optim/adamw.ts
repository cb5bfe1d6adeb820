/** AdamW (decoupled weight decay) with linear warm-up, linear decay and global-norm gradient clipping. */
import type { ParameterStore } from "../nn/parameter-store.js";

export interface AdamWOptions {
  learningRate: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  weightDecay?: number;
  /** Steps of linear warm-up from 0 to `learningRate`. */
  warmupSteps?: number;
  /** Total steps; the rate decays linearly to 0 at this step. */
  totalSteps?: number;
  /** Clip the global gradient norm to this value. */
  maxGradNorm?: number;
  /** Parameters whose name matches get no weight decay (biases and norms, by default). */
  noDecay?: (name: string) => boolean;
}

/** The state a checkpoint needs to resume an AdamW run exactly: step count and moment estimates. */
export interface AdamWState {
  step: number;
  moments: Map<string, { m: Float32Array; v: Float32Array }>;
}

export class AdamW {
  private step = 0;
  private readonly moments = new Map<string, { m: Float32Array; v: Float32Array }>();
  private readonly options: Required<AdamWOptions>;

  constructor(private readonly parameters: ParameterStore, options: AdamWOptions) {
    this.options = {
      beta1: 0.9,
      beta2: 0.999,
      epsilon: 1e-8,
      weightDecay: 0.01,
      warmupSteps: 0,
      totalSteps: 0,
      maxGradNorm: 1,
      noDecay: (name) => name.endsWith(".bias") || name.includes("norm"),
      ...options,
    };
  }

  /** Returns the step count and moment estimates (live arrays, copy before mutating). */
  state(): AdamWState {
    return { step: this.step, moments: this.moments };
  }

  /** Restores a state saved by `state()`, replacing the current one. */
  loadState(state: AdamWState): void {
    this.step = state.step;
    this.moments.clear();
    for (const [name, moment] of state.moments) this.moments.set(name, { m: new Float32Array(moment.m), v: new Float32Array(moment.v) });
  }

  /** Returns the learning rate the next update uses. */
  currentRate(): number {
    const { learningRate, warmupSteps, totalSteps } = this.options;
    const next = this.step + 1;
    if (warmupSteps > 0 && next <= warmupSteps) return (learningRate * next) / warmupSteps;
    if (totalSteps > warmupSteps) return learningRate * Math.max(0, (totalSteps - next) / (totalSteps - warmupSteps));
    return learningRate;
  }

  /** Applies one update from the parameters' gradients, then clears them. Returns the gradient norm before clipping. */
  update(): number {
    const { beta1, beta2, epsilon, weightDecay, maxGradNorm, noDecay } = this.options;
    const rate = this.currentRate();
    this.step++;
    const entries = this.parameters.entries();
    let squared = 0;
    for (const [, tensor] of entries) if (tensor.grad !== null) for (const g of tensor.grad) squared += g * g;
    const norm = Math.sqrt(squared);
    const clip = maxGradNorm > 0 && norm > maxGradNorm ? maxGradNorm / norm : 1;
    const correction1 = 1 - beta1 ** this.step;
    const correction2 = 1 - beta2 ** this.step;
    for (const [name, tensor] of entries) {
      const grad = tensor.grad;
      if (grad === null) continue;
      let moment = this.moments.get(name);
      if (moment === undefined) {
        moment = { m: new Float32Array(tensor.size), v: new Float32Array(tensor.size) };
        this.moments.set(name, moment);
      }
      const decay = noDecay(name) ? 0 : weightDecay;
      const { m, v } = moment;
      const data = tensor.data;
      for (let i = 0; i < data.length; i++) {
        const g = grad[i] * clip;
        m[i] = beta1 * m[i] + (1 - beta1) * g;
        v[i] = beta2 * v[i] + (1 - beta2) * g * g;
        data[i] -= rate * ((m[i] / correction1) / (Math.sqrt(v[i] / correction2) + epsilon) + decay * data[i]);
      }
      tensor.grad = null;
    }
    return norm;
  }
}
