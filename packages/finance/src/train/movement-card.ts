/** The model card (README.md) of the shipped movement model, filled with measured numbers. */
import type { MovementEvaluation, MovementSplitScores } from "../eval/movement-eval.js";

interface MovementMetrics {
  command: string;
  /** Choices made on the dev split outside one training run, such as a learning-rate sweep. */
  selection?: string;
  training: { bestEpoch: number; bestDevScore: number; seconds: number; parameters: number; trainRows: number; devScores: number[]; epochs: number; engine: string; learningRate: number };
  evaluation: MovementEvaluation;
  quantizedEvaluation: MovementEvaluation;
  sizes: { onnxBytes: number; quantizedBytes: number };
}

const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(2)} MiB`;

const pct = (value: number): string => `${(100 * value).toFixed(2)}%`;
const row = (name: string, s: MovementSplitScores): string =>
  `| ${name} | ${s.samples} | ${pct(s.accuracy.estimate)} [${pct(s.accuracy.low)}, ${pct(s.accuracy.high)}] | ${s.mcc.estimate.toFixed(4)} [${s.mcc.low.toFixed(4)}, ${s.mcc.high.toFixed(4)}] | ${pct(s.alwaysUpAccuracy)} | ${pct(s.predictedUpShare)} | ${pct(s.noTextShare)} |`;

export function movementCard(metrics: MovementMetrics): string {
  const { training, evaluation, quantizedEvaluation, sizes } = metrics;
  const nearlyConstant = Math.abs(evaluation.test.predictedUpShare - 0.5) > 0.45;
  return `---
license: mit
language: en
tags: [finance, stock-movement, multimodal, onnx, finfuse]
---

# finfuse-movement-mini

Predicts whether a US stock's adjusted close rises (by at least 0.55%) or falls (by more than 0.5%) on a target trading day, from the tweets and the daily prices of the 5 trading days before it. Trained from scratch by FinFuse's own TypeScript training code and exported to ONNX (opset 17).

- Architecture: the window's tweets become one token sequence (newest kept first, at most 64 tokens) read by a 1-layer BERT-style text encoder; the window's candlestick and volume chart (32 x 40 pixels, one 8-pixel column strip per day) is read by a 1-layer ViT whose patches are the day strips; one cross-modal fusion layer (self-attention in each modality, then text-to-day and day-to-text attention added back); the text [CLS] state and the mean day state feed a tanh layer and a 2-way head. Width 48, 4 heads. ${training.parameters.toLocaleString("en-US")} parameters.
- Files: \`config.json\` (the "finfuse" section holds the chart and model settings), \`tokenizer.json\`, \`onnx/model.onnx\` (inputs \`input_ids\`, \`attention_mask\`, \`pixel_values\`; outputs \`logits\` for [down, up], \`text_to_day_attention\`, \`day_to_text_attention\`), \`metrics.json\`.

## Data and licence
StockNet (Xu and Cohen, 2018), MIT licence: 88 US stocks, 2014-01-01 to 2016-01-01. The paper's protocol: move m = adjusted close(d) / adjusted close(d-1) - 1, rounded to 6 decimals; up if m >= 0.0055, down if m < -0.005, other days dropped; inputs from the 5 trading days before d; splits by target date (train before 2015-08-01, dev before 2015-10-01, test before 2016-01-01). ${training.trainRows} training samples; windows with no tweet (about a quarter) are kept and read as an empty text.

## Metrics (measured once through onnxruntime-node; 95% intervals from 1,000 resamples of target dates)
| split | samples | accuracy | MCC | always up | predicted up | no tweets |
|---|---|---|---|---|---|---|
${row("dev", evaluation.dev)}
${row("test", evaluation.test)}
${row("test, int8 (model_quantized.onnx)", quantizedEvaluation.test)}

${nearlyConstant ? `**This model is close to a constant predictor**: it labels ${pct(evaluation.test.predictedUpShare)} of test samples "up", so its accuracy is close to always-up and its explanations say little. It is shipped to exercise the whole pipeline, not as a trading signal.\n\n` : ""}The int8 export (dynamic int8 weights, ${mib(sizes.quantizedBytes)} against ${mib(sizes.onnxBytes)} in float32) changes test accuracy by ${((quantizedEvaluation.test.accuracy.estimate - evaluation.test.accuracy.estimate) * 100).toFixed(2)} points.

Published on the same test split: StockNet 58.23% accuracy, MCC 0.0808; MAN-SF 60.80%, MCC 0.195. This model does not reach them: it is small, trained from scratch, and the test split is noisy (the interval spans several points of accuracy). The epoch was chosen by dev MCC (${training.bestDevScore.toFixed(4)} at epoch ${training.bestEpoch} of ${training.epochs}, learning rate ${training.learningRate}; per epoch: ${training.devScores.map((v) => v.toFixed(4)).join(", ")}); the test split was not used for any choice.${metrics.selection === undefined ? "" : ` ${metrics.selection}`} The 64-token text window keeps the newest tweets first, so in busy windows the model reads only the last day or two of tweets.

## Reproduce
\`\`\`
npx -y pnpm@10 install
npx -y ${metrics.command.replace(/^pnpm /, "pnpm@10 ")}
\`\`\`
with the data sets at \`../shared/data\` beside the repository, or \`--data DIR\`. It overwrites this folder; add \`--out DIR\` to write elsewhere. Training ran on the ${training.engine} engine and took ${Math.round(training.seconds)} s on the machine that produced this card (2 CPU cores); it is seeded.
`;
}
