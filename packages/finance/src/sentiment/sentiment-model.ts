/**
 * Financial news sentiment on a classifier model folder: FinFuse's shipped model, or any
 * Hugging Face sequence-classification export whose labels are positive, negative and
 * neutral (such as FinBERT).
 */
import { ModelLoadError, type ModelSource, type SessionOptions } from "@finfuse/tensor";
import { TextClassifier } from "@finfuse/text";
import { SENTIMENT_LABELS, type SentimentLabel } from "./labels.js";

export interface SentimentResult {
  text: string;
  label: SentimentLabel;
  probabilities: Record<SentimentLabel, number>;
}

export class SentimentModel {
  private constructor(readonly classifier: TextClassifier) {}

  static async load(location: string | ModelSource, options: SessionOptions & { onnxFile?: string } = {}): Promise<SentimentModel> {
    const classifier = await TextClassifier.load(location, options);
    const labels = classifier.labels.map((label) => label.toLowerCase());
    const missing = SENTIMENT_LABELS.filter((label) => !labels.includes(label));
    if (missing.length > 0) {
      await classifier.dispose();
      throw new ModelLoadError(`${classifier.source.location}: config.json labels ${classifier.labels.join(", ")} lack ${missing.join(", ")}; a sentiment model needs positive, negative and neutral`);
    }
    return new SentimentModel(classifier);
  }

  async classify(texts: readonly string[]): Promise<SentimentResult[]> {
    const results = await this.classifier.classify(texts);
    return results.map((result, i) => {
      const byName = Object.fromEntries(Object.entries(result.probabilities).map(([label, p]) => [label.toLowerCase(), p]));
      const probabilities = Object.fromEntries(SENTIMENT_LABELS.map((label) => [label, byName[label]])) as Record<SentimentLabel, number>;
      return { text: texts[i], label: result.label.toLowerCase() as SentimentLabel, probabilities };
    });
  }

  async dispose(): Promise<void> {
    await this.classifier.dispose();
  }
}
