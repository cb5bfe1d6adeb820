/**
 * The sentiment panel: classifies each non-blank line of the text area in the browser and
 * shows a table of labels and probabilities.
 */
import { SENTIMENT_LABELS, type SentimentLabel, type SentimentResult } from "@finfuse/finance";
import { byId, element, showMessage, table, whileBusy } from "../dom.js";
import { EXAMPLE_SENTENCES } from "../example-input.js";
import { onLanguageChange, t, type MessageKey } from "../i18n.js";
import type { ModelLoader } from "../models.js";
import { describeError, PageError, type PageMessage } from "../page-error.js";

const LABEL_KEYS: Record<SentimentLabel, MessageKey> = {
  positive: "sentimentPositive",
  negative: "sentimentNegative",
  neutral: "sentimentNeutral",
};

export class SentimentPanel {
  private results: SentimentResult[] = [];
  private error: PageMessage | undefined;
  private readonly input = byId<HTMLTextAreaElement>("sentiment-input");
  private readonly button = byId<HTMLButtonElement>("classify-button");

  constructor(private readonly models: ModelLoader) {
    this.input.value = EXAMPLE_SENTENCES;
    this.button.addEventListener("click", () => void this.classify());
    onLanguageChange(() => this.render());
  }

  private async classify(): Promise<void> {
    this.error = undefined;
    this.render();
    try {
      const sentences = this.input.value
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== "");
      if (sentences.length === 0) throw new PageError("errorNoSentences");
      this.results = await whileBusy(this.button, "classifying", async () => (await this.models.sentiment()).classify(sentences));
    } catch (error) {
      this.results = [];
      this.error = describeError(error);
    }
    this.render();
  }

  /**
   * Renders the results table. Each row has `data-label` and one `data-<label>` attribute
   * per class (`data-positive`, ...) with the full-precision probability.
   */
  private render(): void {
    showMessage(byId("sentiment-error"), this.error);
    const target = byId("sentiment-results");
    if (this.results.length === 0) {
      target.replaceChildren();
      return;
    }
    const rows = this.results.map((result, index) => {
      const row = element("tr", undefined, { "data-index": String(index), "data-label": result.label });
      row.append(element("td", result.text), element("td", t(LABEL_KEYS[result.label]), { class: `sentiment-${result.label}` }));
      for (const label of SENTIMENT_LABELS) {
        row.setAttribute(`data-${label}`, String(result.probabilities[label]));
        row.append(element("td", result.probabilities[label].toFixed(3), { class: "number" }));
      }
      return row;
    });
    const headers = [t("columnSentence"), t("columnLabel"), ...SENTIMENT_LABELS.map((label) => t(LABEL_KEYS[label]))];
    target.replaceChildren(table(headers, rows, { id: "sentiment-table" }));
  }
}
