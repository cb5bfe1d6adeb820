/** Node entry of @finfuse/finance: the neutral surface, data-set loaders, evaluation, and tasks on the shipped models. */
import { createTasks } from "./tasks.js";
import { DEFAULT_MOVEMENT_MODEL, DEFAULT_SENTIMENT_MODEL } from "./train/paths.js";

export * from "./index.js";
export * from "./data/index.js";
export { evaluateSentimentFolder, type SentimentEvaluation, type SentimentScores } from "./eval/sentiment-eval.js";
export { evaluateMovementFolder, type MovementEvaluation } from "./eval/movement-eval.js";
export { DEFAULT_MODELS_DIR, DEFAULT_MOVEMENT_MODEL, DEFAULT_SENTIMENT_MODEL, resolveDataDir } from "./train/paths.js";

/**
 * Task functions on the shipped default models (packages/finance/models).
 *
 * @example
 * const [result] = await classifySentiment(["Operating profit rose to EUR 13.1 mn."]);
 * result.label; // "positive"
 */
export const { classifySentiment, predictMovement, loadSentimentModel, loadMovementModel, disposeModels } = createTasks({
  sentiment: DEFAULT_SENTIMENT_MODEL,
  movement: DEFAULT_MOVEMENT_MODEL,
});
