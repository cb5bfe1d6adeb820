/** `finfuse sentiment "TEXT" ...` */
import { parseArgs } from "node:util";
import { InvalidInputError } from "@finfuse/tensor";
import { SentimentModel } from "../sentiment/sentiment-model.js";
import { DEFAULT_SENTIMENT_MODEL } from "../train/paths.js";
import { SENTIMENT_LABELS } from "../sentiment/labels.js";

export async function runSentiment(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { model: { type: "string" }, json: { type: "boolean", default: false } } });
  if (positionals.length === 0) throw new InvalidInputError('sentiment: pass at least one text, for example finfuse sentiment "Profit rose 20%."');
  const model = await SentimentModel.load(values.model ?? DEFAULT_SENTIMENT_MODEL);
  try {
    const results = await model.classify(positionals);
    if (values.json) {
      console.log(JSON.stringify(results, null, 2));
      return;
    }
    for (const result of results) {
      const probabilities = SENTIMENT_LABELS.map((label) => `${label} ${result.probabilities[label].toFixed(3)}`).join(", ");
      console.log(`${result.label.padEnd(8)} (${probabilities})  ${result.text}`);
    }
  } finally {
    await model.dispose();
  }
}
