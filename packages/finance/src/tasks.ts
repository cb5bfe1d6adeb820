/**
 * The task functions: `classifySentiment(texts)` and `predictMovement(input)`. Models are
 * loaded once per location and cached. The platform entry points supply the default
 * locations: the package's own models folder in Node, URLs under /models/ in the browser.
 */
import type { ModelSource, SessionOptions } from "@finfuse/tensor";
import { MovementPredictor, type MovementInput, type MovementPrediction } from "./movement/movement-predictor.js";
import { SentimentModel, type SentimentResult } from "./sentiment/sentiment-model.js";

export interface DefaultModelLocations {
  sentiment: string;
  movement: string;
}

export interface TaskOptions extends SessionOptions {
  /** A model folder path (Node), base URL (browser) or source; the shipped default when absent. */
  model?: string | ModelSource;
}

export interface Tasks {
  classifySentiment(texts: readonly string[], options?: TaskOptions): Promise<SentimentResult[]>;
  predictMovement(input: MovementInput, options?: TaskOptions): Promise<MovementPrediction>;
  loadSentimentModel(options?: TaskOptions): Promise<SentimentModel>;
  loadMovementModel(options?: TaskOptions): Promise<MovementPredictor>;
  /** Disposes every cached model session. */
  disposeModels(): Promise<void>;
}

export function createTasks(defaults: DefaultModelLocations): Tasks {
  const sentimentModels = new Map<string | ModelSource, Promise<SentimentModel>>();
  const movementModels = new Map<string | ModelSource, Promise<MovementPredictor>>();

  const cached = <M>(cache: Map<string | ModelSource, Promise<M>>, key: string | ModelSource, load: () => Promise<M>): Promise<M> => {
    let model = cache.get(key);
    if (model === undefined) {
      model = load();
      // A failed load is not cached, so a fixed folder can be retried.
      model.catch(() => cache.delete(key));
      cache.set(key, model);
    }
    return model;
  };

  const loadSentimentModel = (options: TaskOptions = {}): Promise<SentimentModel> => {
    const key = options.model ?? defaults.sentiment;
    return cached(sentimentModels, key, () => SentimentModel.load(key, options));
  };
  const loadMovementModel = (options: TaskOptions = {}): Promise<MovementPredictor> => {
    const key = options.model ?? defaults.movement;
    return cached(movementModels, key, () => MovementPredictor.load(key, options));
  };

  return {
    loadSentimentModel,
    loadMovementModel,
    async classifySentiment(texts, options) {
      return (await loadSentimentModel(options)).classify(texts);
    },
    async predictMovement(input, options) {
      return (await loadMovementModel(options)).predict(input);
    },
    async disposeModels() {
      const all = [...sentimentModels.values(), ...movementModels.values()];
      sentimentModels.clear();
      movementModels.clear();
      for (const model of await Promise.allSettled(all)) if (model.status === "fulfilled") await model.value.dispose();
    },
  };
}
