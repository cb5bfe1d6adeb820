// Classification metrics and bootstrap intervals. Browser-safe.
export { accuracy, confusionMatrix, macroF1, mcc, type Labels } from "./classification.js";
export {
  bootstrapByGroup,
  quantile,
  type BootstrapInterval,
  type GroupBootstrapOptions,
  type PairedMetric,
} from "./bootstrap.js";
