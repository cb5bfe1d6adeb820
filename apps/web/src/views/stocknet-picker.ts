/**
 * The ticker and date drop-downs of the movement panel, filled from the server's StockNet
 * routes. When the server has no StockNet folder (404 on /v1/stocknet/tickers), the
 * pickers are hidden and a note explains how to enable them.
 */
import { ApiError, fetchDates, fetchSample, fetchTickers, type StocknetDate, type StocknetSample } from "../api.js";
import { element, showMessage } from "../dom.js";
import { t, type MessageKey } from "../i18n.js";
import { describeError, PageError, type PageMessage } from "../page-error.js";

export interface StocknetPickerElements {
  note: HTMLElement;
  pickers: HTMLElement;
  tickers: HTMLSelectElement;
  dates: HTMLSelectElement;
}

/** Split whose first date is preselected. The model never trained on test dates. */
const PREFERRED_SPLIT = "test";

const LABEL_KEYS: Record<string, MessageKey> = { up: "labelUp", down: "labelDown" };
const SPLIT_KEYS: Record<string, MessageKey> = { train: "splitTrain", dev: "splitDev", test: "splitTest" };

export class StocknetPicker {
  /** False until the ticker list arrives, and for good when the server has no StockNet folder. */
  available = false;
  private note: PageMessage | undefined = { key: "stocknetLoading", params: {} };
  private dateList: StocknetDate[] = [];
  private datesRequest = 0;

  constructor(private readonly elements: StocknetPickerElements) {
    elements.tickers.addEventListener("change", () => void this.loadDates(elements.tickers.value));
  }

  /** Fetches the tickers and the first ticker's dates. Returns false when StockNet is unavailable. */
  async start(): Promise<boolean> {
    this.render();
    try {
      const tickers = await fetchTickers();
      this.elements.tickers.replaceChildren(...tickers.map((ticker) => element("option", ticker, { value: ticker })));
      this.available = tickers.length > 0;
      this.note = undefined;
      if (this.available) await this.loadDates(tickers[0]);
    } catch (error) {
      this.available = false;
      this.note = error instanceof ApiError && error.status === 404 ? { key: "stocknetUnavailable", params: { message: error.message } } : describeError(error);
    }
    this.render();
    return this.available;
  }

  /** Fetches the sample for the picked ticker and date. */
  async fetchSelected(): Promise<StocknetSample> {
    const ticker = this.elements.tickers.value;
    const date = this.elements.dates.value;
    if (!this.available || ticker === "" || date === "") throw new PageError("errorNoSample");
    return fetchSample(ticker, date);
  }

  /** Re-renders the note and the date labels in the current language. */
  render(): void {
    showMessage(this.elements.note, this.note);
    this.elements.pickers.hidden = !this.available;
    for (const option of this.elements.dates.options) {
      const entry = this.dateList[option.index];
      if (entry !== undefined) option.textContent = dateOptionText(entry);
    }
  }

  private async loadDates(ticker: string): Promise<void> {
    const request = ++this.datesRequest;
    const { dates } = this.elements;
    dates.disabled = true;
    try {
      const list = await fetchDates(ticker);
      // A newer ticker choice has started its own request, so ignore this stale response.
      if (request !== this.datesRequest) return;
      this.dateList = list;
      dates.replaceChildren(...list.map((entry) => element("option", dateOptionText(entry), { value: entry.date })));
      const preferred = list.findIndex((entry) => entry.split === PREFERRED_SPLIT);
      dates.selectedIndex = preferred >= 0 ? preferred : list.length - 1;
      dates.dataset.ticker = ticker;
      this.note = undefined;
    } catch (error) {
      if (request !== this.datesRequest) return;
      this.note = describeError(error);
    } finally {
      if (request === this.datesRequest) dates.disabled = false;
    }
    this.render();
  }
}

function dateOptionText(entry: StocknetDate): string {
  return `${entry.date} · ${translated(SPLIT_KEYS, entry.split)} · ${translated(LABEL_KEYS, entry.label)}`;
}

/** Translates a value the server sends, or shows it unchanged when it has no translation. */
function translated(keys: Record<string, MessageKey>, value: string): string {
  const key = keys[value];
  return key === undefined ? value : t(key);
}
