/** The two task models of one server instance, each loaded on first use from the models folder. */
import { basename, join } from "node:path";

import { DEFAULT_MOVEMENT_MODEL, DEFAULT_SENTIMENT_MODEL, MovementPredictor, SentimentModel } from "@finfuse/finance";
import { fromPino } from "@finfuse/tensor";
import type { FastifyBaseLogger } from "fastify";

import { ModelSlot } from "./model-slot.js";

/** Folder names inside the models folder, taken from the finance package's defaults. */
export const SENTIMENT_MODEL_NAME = basename(DEFAULT_SENTIMENT_MODEL);
export const MOVEMENT_MODEL_NAME = basename(DEFAULT_MOVEMENT_MODEL);

export interface ModelRegistry {
  sentiment: ModelSlot<SentimentModel>;
  movement: ModelSlot<MovementPredictor>;
  /** Releases every loaded session. */
  dispose(): Promise<void>;
}

/**
 * Creates the model slots. Each server instance owns its sessions, instead of sharing the
 * finance package's process-wide cache, so that closing one instance cannot dispose a
 * session that another instance still uses.
 */
export function createModelRegistry(modelsDir: string, log: FastifyBaseLogger): ModelRegistry {
  const logger = fromPino(log);
  const sentiment = new ModelSlot("sentiment", join(modelsDir, SENTIMENT_MODEL_NAME), (folder) => SentimentModel.load(folder, { logger }), log);
  const movement = new ModelSlot("movement", join(modelsDir, MOVEMENT_MODEL_NAME), (folder) => MovementPredictor.load(folder, { logger }), log);
  return {
    sentiment,
    movement,
    async dispose() {
      await Promise.all([sentiment.dispose(), movement.dispose()]);
    },
  };
}
