/** Model cards (README.md of each shipped model folder), filled with measured numbers. */
import type { SentimentEvaluation } from "../eval/sentiment-eval.js";

const pct = (value: number): string => `${(100 * value).toFixed(2)}%`;

interface SentimentMetrics {
  command: string;
  pretraining?: { steps: number; firstLoss: number; lastLoss: number; tokens: number; seconds: number };
  training: { bestEpoch: number; bestDevScore: number; seconds: number; parameters: number; trainRows: number; devRows: number; epochs: number; engine: string };
  test: SentimentEvaluation;
  quantizedTest: SentimentEvaluation;
  sizes: { onnxBytes: number; quantizedBytes: number };
}

const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(2)} MiB`;

export function sentimentCard(metrics: SentimentMetrics): string {
  const { training, test, quantizedTest, sizes } = metrics;
  const recall = (scores: SentimentEvaluation["all"]): string => Object.entries(scores.recall).map(([label, value]) => `${label} ${pct(value)}`).join(", ");
  return `---
license: cc-by-nc-sa-3.0
language: en
pipeline_tag: text-classification
tags: [finance, sentiment, onnx, finfuse]
---

# finfuse-sentiment-mini

A small BERT-style classifier of English financial news sentences into positive, negative and neutral, trained from scratch by FinFuse's own TypeScript training code and exported to ONNX (opset 17).

- Architecture: WordPiece tokenizer (vocabulary built from the training sentences and the ECTSum training transcripts), 2 pre-norm transformer layers, width 64, 4 heads, feed-forward 128, at most 64 tokens; [CLS] state, tanh pooler, linear head. ${training.parameters.toLocaleString("en-US")} parameters.
- ${metrics.pretraining === undefined ? "Not pretrained: the encoder starts from random weights." : `Pretraining: the encoder was first trained as a masked language model (15% of tokens predicted, BERT's 80/10/10 corruption) for ${metrics.pretraining.steps} steps over ${(metrics.pretraining.tokens / 1e6).toFixed(1)} million tokens of the ECTSum training transcripts; the loss fell from ${metrics.pretraining.firstLoss.toFixed(2)} to ${metrics.pretraining.lastLoss.toFixed(2)} (means of the first and last tenth of the steps).`}
- Files: \`config.json\` (labels in \`id2label\`), \`tokenizer.json\`, \`tokenizer_config.json\`, \`onnx/model.onnx\` (float32, ${mib(sizes.onnxBytes)}; inputs \`input_ids\`, \`attention_mask\`; output \`logits\`), \`onnx/model_quantized.onnx\` (dynamic int8 weights, ${mib(sizes.quantizedBytes)}), \`metrics.json\` (every number below).

## Data and licences
- Financial PhraseBank v1.0 (Malo et al., 2014), CC BY-NC-SA 3.0: the model is trained on it, so **the weights carry its non-commercial, share-alike terms**. Sentences with at least 50% annotator agreement, duplicates removed (sentences with conflicting labels dropped), split as FinBERT did: 20% test, 20% of the rest dev, the remainder train (stratified, seed 42): ${training.trainRows} train, ${training.devRows} dev, ${test.all.rows} test sentences.
- ECTSum (Mukherjee et al., 2022), GPL-3.0: the training transcripts, to choose the vocabulary${metrics.pretraining === undefined ? "" : " and to pretrain the encoder. Whether weights trained on GPL-3.0 text are covered by that licence is not settled; check before redistributing them"}.

## Metrics (test split, measured once through onnxruntime-node)
| test set | sentences | accuracy | macro F1 | majority class | FinBERT (published) |
|---|---|---|---|---|---|
| all (50% agreement and up) | ${test.all.rows} | ${pct(test.all.accuracy)} | ${pct(test.all.macroF1)} | ${pct(test.all.majorityAccuracy)} | 86% accuracy, 84% macro F1 |
| all annotators agree | ${test.allAgree.rows} | ${pct(test.allAgree.accuracy)} | ${pct(test.allAgree.macroF1)} | ${pct(test.allAgree.majorityAccuracy)} | 97% accuracy, 95% macro F1 |
| all, int8 (\`model_quantized.onnx\`) | ${quantizedTest.all.rows} | ${pct(quantizedTest.all.accuracy)} | ${pct(quantizedTest.all.macroF1)} | | change from float32: ${((quantizedTest.all.accuracy - test.all.accuracy) * 100).toFixed(2)} points of accuracy |

The epoch was chosen by dev accuracy (${pct(training.bestDevScore)} at epoch ${training.bestEpoch} of ${training.epochs}); the test split was not used for any choice. FinBERT is pretrained on a much larger financial corpus and has 110M parameters; this model is about 1/200 of that size${metrics.pretraining === undefined ? " and not pretrained" : " with a short pretraining"}, the likely reasons for the gap.

## Known limits
- Recall per class on the whole test split: ${recall(test.all)}. Negative sentences are the rarest class (about an eighth of the data) and the most often missed.
- Overconfident: the expected calibration error of its top probability is ${test.all.calibrationError.toFixed(3)} (10 bins), so a probability of 0.99 is right much less often than 99% of the time.
- English news sentences only; very short inputs, other languages and headlines in styles unlike the PhraseBank's get confident but unreliable labels.

## Reproduce
\`\`\`
npx -y pnpm@10 install
npx -y ${metrics.command.replace(/^pnpm /, "pnpm@10 ")}
\`\`\`
with the data sets at \`../shared/data\` beside the repository, or \`--data DIR\`. It overwrites this folder; add \`--out DIR\` to write elsewhere. Training ran on the ${training.engine} engine and took ${Math.round(training.seconds)} s on the machine that produced this card (2 CPU cores). Training is seeded, so a rerun on the same data gives the same weights up to floating-point summation order.
`;
}
