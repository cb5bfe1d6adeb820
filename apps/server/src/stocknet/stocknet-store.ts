/**
 * Read access to a StockNet release for the demo routes. The ticker list and each
 * ticker's price file are read once and kept in memory. Tweets are read per request,
 * because a window needs only a few day files.
 */
import {
  listStocknetTickers,
  MAX_WINDOW_TEXTS,
  MOVEMENT_LABELS,
  readStocknetPrices,
  readStocknetTweets,
  stocknetLookupAt,
  stocknetSamplesOf,
  STOCKNET_HISTORY_DAYS,
  type MovementLabel,
  type PriceBar,
  type StocknetSplit,
  type TimedText,
} from "@finfuse/finance";
import { InvalidInputError } from "@finfuse/tensor";

import { NotFoundError } from "../errors.js";

/** A labelled target date of the study period. */
export interface StocknetDate {
  date: string;
  split: StocknetSplit;
  label: MovementLabel;
}

/** One target date with its inputs, shaped as a request body of POST /v1/movement. */
export interface StocknetWindow {
  ticker: string;
  date: string;
  /** The 5 trading days before `date`, oldest first. */
  prices: PriceBar[];
  texts: TimedText[];
  /** Absent when the move falls in StockNet's dropped band between -0.5% and +0.55%. */
  label?: MovementLabel;
  /** adjClose(date) / adjClose(previous trading day) - 1, rounded to 6 decimals. */
  move: number;
}

export class StocknetStore {
  private tickers: Promise<string[]> | undefined;
  private readonly prices = new Map<string, Promise<PriceBar[]>>();

  constructor(readonly dir: string) {}

  /** Lists the tickers that have a price file, sorted. */
  listTickers(): Promise<string[]> {
    if (this.tickers === undefined) {
      const tickers = listStocknetTickers(this.dir);
      this.tickers = tickers;
      tickers.catch(() => (this.tickers = undefined));
    }
    return this.tickers;
  }

  /** Lists the labelled target dates of `ticker` in the study period, oldest first. */
  async listDates(ticker: string): Promise<StocknetDate[]> {
    const bars = await this.readPrices(ticker);
    return stocknetSamplesOf(ticker, bars).map((sample) => ({
      date: sample.targetDate,
      split: sample.split,
      label: MOVEMENT_LABELS[sample.label],
    }));
  }

  /**
   * Builds the window of `ticker` for the target trading day `date`.
   *
   * @throws NotFoundError for an unknown ticker.
   * @throws InvalidInputError when `date` is not a trading day or has too little history.
   */
  async findWindow(ticker: string, date: string): Promise<StocknetWindow> {
    const bars = await this.readPrices(ticker);
    const index = bars.findIndex((bar) => bar.date === date);
    if (index < 0) throw notATradingDay(ticker, date, bars);

    const lookup = stocknetLookupAt(ticker, bars, index);
    if (lookup === undefined) {
      throw new InvalidInputError(
        `${ticker} on ${date} has ${index} earlier trading days, but a window needs ${STOCKNET_HISTORY_DAYS}; ` +
          `the first usable date is ${bars[STOCKNET_HISTORY_DAYS]?.date ?? "none"}`,
      );
    }

    const [fromDay, toDay] = lookup.tweetDays;
    const tweets = await readStocknetTweets(this.dir, ticker, fromDay, toDay);
    // POST /v1/movement accepts at most MAX_WINDOW_TEXTS texts and the model keeps the
    // newest ones, so the newest are kept here too.
    const texts = tweets.slice(-MAX_WINDOW_TEXTS);
    const window: StocknetWindow = { ticker, date, prices: lookup.window, texts, move: lookup.move };
    if (lookup.label !== undefined) window.label = MOVEMENT_LABELS[lookup.label];
    return window;
  }

  private async readPrices(ticker: string): Promise<PriceBar[]> {
    const known = await this.listTickers();
    if (!known.includes(ticker)) {
      throw new NotFoundError(`StockNet has no ticker "${ticker}"; GET /v1/stocknet/tickers lists the ${known.length} known tickers`);
    }
    let bars = this.prices.get(ticker);
    if (bars === undefined) {
      bars = readStocknetPrices(this.dir, ticker);
      this.prices.set(ticker, bars);
      bars.catch(() => this.prices.delete(ticker));
    }
    return bars;
  }
}

function notATradingDay(ticker: string, date: string, bars: readonly PriceBar[]): InvalidInputError {
  const first = bars[0]?.date;
  const last = bars[bars.length - 1]?.date;
  if (first === undefined || date < first || date > last) {
    return new InvalidInputError(`${date} is outside the prices of ${ticker}, which run from ${first ?? "-"} to ${last ?? "-"}`);
  }
  const after = bars.findIndex((bar) => bar.date > date);
  return new InvalidInputError(
    `${date} is not a trading day of ${ticker}; the nearest trading days are ${bars[after - 1].date} and ${bars[after].date}`,
  );
}
