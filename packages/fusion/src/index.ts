export * from "./cross-modal-layer.js";
export * from "./fusion-encoder.js";
