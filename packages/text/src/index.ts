export * from "./tokenizer/tokenizer.js";
export * from "./tokenizer/wordpiece-vocab.js";
export * from "./bert/text-encoder-module.js";
export * from "./bert/text-classifier-module.js";
export * from "./bert/masked-lm-module.js";
export * from "./text-classifier.js";
export * from "./text-encoder-session.js";
export * from "./token-feeds.js";
