/**
 * The movement panel: chooses the input (a StockNet sample from the server, or pasted
 * prices and headlines), runs the movement model in the browser and shows the result.
 * Errors are shown in the panel; the inputs are never cleared.
 */
import type { MovementInput } from "@finfuse/finance";
import { byId, showMessage, whileBusy } from "../dom.js";
import { EXAMPLE_HEADLINES, EXAMPLE_PRICES_CSV } from "../example-input.js";
import { onLanguageChange } from "../i18n.js";
import type { ModelLoader } from "../models.js";
import { describeError, type PageMessage } from "../page-error.js";
import { formatHeadlines, formatPriceCsv, parseHeadlines, parsePriceWindow } from "../paste-input.js";
import { renderMovementResult, type MovementResult } from "./movement-result.js";
import { StocknetPicker } from "./stocknet-picker.js";

type InputSource = "stocknet" | "paste";

export class MovementPanel {
  private result: MovementResult | undefined;
  private error: PageMessage | undefined;
  private readonly picker: StocknetPicker;
  private readonly stocknetRadio = byId<HTMLInputElement>("source-stocknet");
  private readonly pasteRadio = byId<HTMLInputElement>("source-paste");
  private readonly pricesField = byId<HTMLTextAreaElement>("price-csv");
  private readonly headlinesField = byId<HTMLTextAreaElement>("headlines");
  private readonly predictButton = byId<HTMLButtonElement>("predict-button");

  constructor(private readonly models: ModelLoader) {
    this.picker = new StocknetPicker({
      note: byId("stocknet-note"),
      pickers: byId("stocknet-pickers"),
      tickers: byId("ticker-select"),
      dates: byId("date-select"),
    });
    this.stocknetRadio.addEventListener("change", () => this.showSource());
    this.pasteRadio.addEventListener("change", () => this.showSource());
    this.predictButton.addEventListener("click", () => void this.predict());
    byId("fill-example-button").addEventListener("click", () => {
      this.pricesField.value = EXAMPLE_PRICES_CSV;
      this.headlinesField.value = EXAMPLE_HEADLINES;
    });
    byId("copy-sample-button").addEventListener("click", () => void this.copySampleToPaste());
    onLanguageChange(() => this.render());
  }

  /** Loads the StockNet pickers; switches to paste mode when the server has no StockNet data. */
  async start(): Promise<void> {
    this.showSource();
    const available = await this.picker.start();
    if (!available) {
      this.stocknetRadio.disabled = true;
      this.pasteRadio.checked = true;
      this.showSource();
    }
  }

  private source(): InputSource {
    return this.pasteRadio.checked ? "paste" : "stocknet";
  }

  private showSource(): void {
    const source = this.source();
    byId("stocknet-inputs").hidden = source !== "stocknet";
    byId("paste-inputs").hidden = source !== "paste";
  }

  private async predict(): Promise<void> {
    // Hide the previous result while the new one runs, so it is never mistaken for the new prediction.
    this.result = undefined;
    this.error = undefined;
    this.render();
    try {
      await whileBusy(this.predictButton, "predicting", async () => {
        const predictor = await this.models.movement();
        const chart = predictor.settings.chart;
        const { input, actual } = await this.readInput(chart.days);
        const prediction = await predictor.predict(input);
        this.result = { prediction, bars: input.prices, chart, actual };
      });
      this.render();
    } catch (error) {
      this.result = undefined;
      this.error = describeError(error);
      this.render();
      byId("movement-error").scrollIntoView({ block: "nearest" });
    }
  }

  /** Reads the model input from the chosen source; the `days` most recent bars form the window. */
  private async readInput(days: number): Promise<{ input: MovementInput; actual?: MovementResult["actual"] }> {
    if (this.source() === "paste") {
      const prices = parsePriceWindow(this.pricesField.value, days);
      const texts = parseHeadlines(this.headlinesField.value);
      return { input: { prices, texts } };
    }
    const sample = await this.picker.fetchSelected();
    const input = { prices: sample.prices, texts: sample.texts, ticker: sample.ticker, date: sample.date };
    return { input, actual: { date: sample.date, label: sample.label, move: sample.move } };
  }

  /** Fills the paste fields with the picked sample, so a visitor can edit it and predict again. */
  private async copySampleToPaste(): Promise<void> {
    try {
      const sample = await this.picker.fetchSelected();
      this.pricesField.value = formatPriceCsv(sample.prices);
      this.headlinesField.value = formatHeadlines(sample.texts);
      this.pasteRadio.checked = true;
      this.showSource();
    } catch (error) {
      this.error = describeError(error);
      this.render();
    }
  }

  private render(): void {
    this.picker.render();
    showMessage(byId("movement-error"), this.error);
    if (this.result === undefined) {
      byId("movement-result").hidden = true;
    } else {
      renderMovementResult(this.result);
    }
  }
}
