export * from "./chart/index.js";
export * from "./vit/chart-vit-module.js";
export * from "./vision-encoder-session.js";
