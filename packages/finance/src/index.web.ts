/**
 * Browser entry of @finfuse/finance: the neutral surface and the task functions, whose
 * default models are fetched from /models/ on the page's origin (as apps/server serves them).
 */
import { createTasks } from "./tasks.js";

export * from "./index.js";

export const DEFAULT_SENTIMENT_MODEL_URL = "/models/finfuse-sentiment-mini/";
export const DEFAULT_MOVEMENT_MODEL_URL = "/models/finfuse-movement-mini/";

export const { classifySentiment, predictMovement, loadSentimentModel, loadMovementModel, disposeModels } = createTasks({
  sentiment: DEFAULT_SENTIMENT_MODEL_URL,
  movement: DEFAULT_MOVEMENT_MODEL_URL,
});
