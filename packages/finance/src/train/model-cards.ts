/** Model cards (README.md of each shipped model folder), filled with measured numbers. */

const pct = (value: number): string => `${(100 * value).toFixed(2)}%`;

interface SentimentMetrics {
  training: { bestEpoch: number; bestDevScore: number; seconds: number; parameters: number; trainRows: number; devRows: number };
  test: {
    all: { rows: number; accuracy: number; macroF1: number; majorityAccuracy: number };
    allAgree: { rows: number; accuracy: number; macroF1: number; majorityAccuracy: number };
  };
}

export function sentimentCard(metrics: SentimentMetrics): string {
  const { training, test } = metrics;
  return `---
license: cc-by-nc-sa-3.0
language: en
pipeline_tag: text-classification
tags: [finance, sentiment, onnx, finfuse]
---

# finfuse-sentiment-mini

A small BERT-style classifier of English financial news sentences into positive, negative and neutral, trained from scratch by FinFuse's own TypeScript training code and exported to ONNX (opset 17).

- Architecture: WordPiece tokenizer (vocabulary built from the training sentences and the ECTSum training transcripts), 2 pre-norm transformer layers, width 64, 4 heads, feed-forward 128, at most 64 tokens; [CLS] state, tanh pooler, linear head. ${training.parameters.toLocaleString("en-US")} parameters.
- Files: \`config.json\` (labels in \`id2label\`), \`tokenizer.json\`, \`tokenizer_config.json\`, \`onnx/model.onnx\` (inputs \`input_ids\`, \`attention_mask\`; output \`logits\`), \`metrics.json\` (every number below).

## Data and licences
- Financial PhraseBank v1.0 (Malo et al., 2014), CC BY-NC-SA 3.0: the model is trained on it, so **the weights carry its non-commercial, share-alike terms**. Sentences with at least 50% annotator agreement, duplicates removed (sentences with conflicting labels dropped), split as FinBERT did: 20% test, 20% of the rest dev, the remainder train (stratified, seed 42): ${training.trainRows} train, ${training.devRows} dev, ${test.all.rows} test sentences.
- ECTSum (Mukherjee et al., 2022), GPL-3.0: only the training transcripts' words, to choose the vocabulary.

## Metrics (test split, measured once through onnxruntime-node)
| test set | sentences | accuracy | macro F1 | majority class | FinBERT (published) |
|---|---|---|---|---|---|
| all (50% agreement and up) | ${test.all.rows} | ${pct(test.all.accuracy)} | ${pct(test.all.macroF1)} | ${pct(test.all.majorityAccuracy)} | 86% accuracy, 84% macro F1 |
| all annotators agree | ${test.allAgree.rows} | ${pct(test.allAgree.accuracy)} | ${pct(test.allAgree.macroF1)} | ${pct(test.allAgree.majorityAccuracy)} | 97% accuracy, 95% macro F1 |

The epoch was chosen by dev accuracy (${pct(training.bestDevScore)} at epoch ${training.bestEpoch}); the test split was not used for any choice. FinBERT is pretrained on a large financial corpus and has 110M parameters; this model is about 1/200 of that size and not pretrained, the likely reasons for the gap.

## Reproduce
\`\`\`
npx -y pnpm@10 install
npx -y pnpm@10 train:default --only sentiment
\`\`\`
with the data sets at \`../shared/data\` beside the repository, or \`--data DIR\`. Training took ${Math.round(training.seconds)} s on the machine that produced this card (2 CPU cores). Training is seeded, so a rerun on the same data gives the same weights up to floating-point summation order.
`;
}
