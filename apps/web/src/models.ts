/**
 * Sets up onnxruntime-web and loads the two default models on first use, recording how
 * long each load took for the status line.
 */
import { loadMovementModel, loadSentimentModel, type MovementPredictor, type SentimentModel } from "@finfuse/finance";
import { configureWebRuntime, runtimeName } from "@finfuse/tensor";
import { env } from "onnxruntime-web";

/** URL prefix where apps/server serves onnxruntime-web's dist folder (.mjs glue and .wasm). */
const WASM_PATH = "/ort/";

/**
 * One WebAssembly thread. It works whether or not the page is cross-origin isolated (the
 * vite dev server does not isolate it), and it avoids worker start-up for these small models.
 */
const THREADS = 1;

const EXECUTION_PROVIDER = "wasm";

export interface RuntimeInfo {
  name: string;
  version: string;
  backend: string;
  threads: number;
}

export type ModelName = "movement" | "sentiment";

export type ModelState =
  | { status: "idle" }
  | { status: "loading" }
  | { status: "ready"; loadMilliseconds: number }
  | { status: "failed"; message: string };

/** Configures onnxruntime-web; call once before loading any model. */
export function startRuntime(): RuntimeInfo {
  configureWebRuntime({ wasmPaths: WASM_PATH, numThreads: THREADS });
  return { name: runtimeName, version: env.versions.web ?? env.versions.common, backend: EXECUTION_PROVIDER, threads: THREADS };
}

/** Loads each model once and reports every state change to `onChange`. */
export class ModelLoader {
  private readonly states: Record<ModelName, ModelState> = { movement: { status: "idle" }, sentiment: { status: "idle" } };

  constructor(private readonly onChange: () => void) {}

  stateOf(name: ModelName): ModelState {
    return this.states[name];
  }

  movement(): Promise<MovementPredictor> {
    return this.load("movement", () => loadMovementModel({ executionProviders: [EXECUTION_PROVIDER] }));
  }

  sentiment(): Promise<SentimentModel> {
    return this.load("sentiment", () => loadSentimentModel({ executionProviders: [EXECUTION_PROVIDER] }));
  }

  /**
   * Calls `load` and times the first load. @finfuse/finance caches the model promise, so a
   * call during or after a load gets the same model without loading it again.
   */
  private async load<M>(name: ModelName, load: () => Promise<M>): Promise<M> {
    const status = this.states[name].status;
    if (status === "loading" || status === "ready") return load();
    this.setState(name, { status: "loading" });
    const started = performance.now();
    try {
      const model = await load();
      this.setState(name, { status: "ready", loadMilliseconds: performance.now() - started });
      return model;
    } catch (error) {
      this.setState(name, { status: "failed", message: (error as Error).message });
      throw error;
    }
  }

  private setState(name: ModelName, state: ModelState): void {
    this.states[name] = state;
    this.onChange();
  }
}
