/**
 * Platform-neutral surface of @finfuse/finance (safe for browser bundles). The Node entry
 * adds the data-set loaders, evaluation and training; both add the task functions.
 */
export * from "./sentiment/labels.js";
export * from "./sentiment/sentiment-model.js";
export * from "./movement/movement-module.js";
export * from "./movement/movement-predictor.js";
export * from "./movement/text-window.js";
export * from "./movement/explanation.js";
export * from "./metrics/index.js";
export { parsePriceCsv, type PriceBar } from "./data/price-csv.js";
export { parseTextsJsonl } from "./data/texts-jsonl.js";
export * from "./data/splits.js";
export * from "./data/stocknet-protocol.js";
export { createTasks, type Tasks, type TaskOptions, type DefaultModelLocations } from "./tasks.js";
